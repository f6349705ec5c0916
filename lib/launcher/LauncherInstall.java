package valor.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import valor.base.Checkout;
import valor.base.Failure;
import valor.base.Io;
import valor.base.Json;
import valor.store.Database;
import valor.store.DatabaseLocation;

/**
 * {@code valor-sql --install DIR}: the fast path for running commands over and over. JBang
 * spends about a second in its own JVM working out the java command line before the command's
 * JVM starts; the launchers written here run that java command line directly, with the class
 * path JBang resolved for each command (each script builds its own jar of only the packages it
 * uses), and valor-sql's with an AppCDS archive of the classes a query loads, so a one-liner
 * starts like a bare JVM running H2. A launcher notices when the toolkit's sources have changed
 * since (or its jar is gone) and runs through JBang instead, saying to reinstall. It compares
 * checksums, not timestamps: a checkout copied with its times kept, or a clock that disagrees
 * with the one the files were written by, must not make a current launcher look stale.
 */
public final class LauncherInstall {
    /** The one-liner command: the reason launchers exist, and the one worth a class-data archive. */
    private static final String QUERY_COMMAND = "valor-sql";

    /**
     * A command a launcher is written for: its alias, the class to run, its class path, and the JVM
     * options its script asks JBang for (the heap cap), so a launcher runs the JVM JBang would.
     */
    private record Launcher(String name, String mainClass, String classPath, Path script, List<String> jvmOptions) {
        /** JBang puts the script's own jar first. */
        Path jar() {
            return Path.of(classPath.split(":", 2)[0]);
        }
    }

    private LauncherInstall() {}

    public static void install(Path target, Io io) throws Exception {
        Path dir = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Failure.usage("--install " + dir + ": cannot create the folder (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir)) throw Failure.usage("--install " + dir + ": the folder is not writable");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path toolkit = Checkout.find().orElse(null);
        List<Launcher> launchers = toolkit == null ? List.of(thisCommand()) : catalogCommands(toolkit);
        String fingerprint = toolkit == null ? null : sourcesFingerprint(toolkit);
        Path archive = dir.resolve(".valor-launchers.jsa");
        Launcher query = launchers.stream().filter(l -> l.name().equals(QUERY_COMMAND)).findFirst().orElseThrow();
        boolean cds = trainArchive(java, query, archive, io);
        for (Launcher launcher : launchers) {
            Path file = dir.resolve(launcher.name());
            Path launcherArchive = cds && launcher == query ? archive : null;
            Files.writeString(file, script(launcher, java, toolkit, fingerprint, launcherArchive, dir));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        io.out().println("wrote " + launchers.size() + " launcher" + (launchers.size() == 1 ? "" : "s") + " to " + dir + " ("
                + String.join(", ", launchers.stream().map(Launcher::name).toList()) + ")" + (cds ? ", with a class-data archive" : ""));
        if (toolkit == null) {
            io.out().println("the other commands' launchers are written from a checkout of the toolkit: ./jbang valor-sql --install " + dir);
        }
        String path = io.env("PATH");
        if (path == null || !List.of(path.split(":")).contains(dir.toString())) {
            io.out().println("add it to your PATH, e.g.: export PATH=\"" + dir + ":$PATH\"");
        }
    }

    /** Every alias in the checkout's catalog, each with the class path JBang builds for its script. */
    private static List<Launcher> catalogCommands(Path toolkit) throws IOException {
        List<Launcher> launchers = new ArrayList<>();
        JsonNode aliases = Json.parse(Files.readString(toolkit.resolve("jbang-catalog.json"))).get("aliases");
        for (Map.Entry<String, JsonNode> alias : aliases.properties()) {
            Path script = toolkit.resolve(alias.getValue().get("script-ref").asText());
            String mainClass = script.getFileName().toString().replaceFirst("\\.java$", "");
            Launcher launcher = new Launcher(alias.getKey(), mainClass, jbangClassPath(toolkit, alias.getKey(), script), script,
                    runtimeOptions(script));
            if (!Files.isRegularFile(launcher.jar())) throw Failure.failed(buildFailure(toolkit, alias.getKey(), script) + " (JBang named no jar)");
            launchers.add(launcher);
        }
        return launchers;
    }

    /** Outside a checkout (a catalog alias run from a URL) only this command's own class path is known. */
    private static Launcher thisCommand() {
        List<String> heap = ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-Xmx")).toList();
        return new Launcher(QUERY_COMMAND, "valor.SqlCommand", System.getProperty("java.class.path"), null, heap);
    }

    /** The options of a script's {@code //RUNTIME_OPTIONS} lines. */
    private static List<String> runtimeOptions(Path script) throws IOException {
        return Files.readAllLines(script).stream().filter(line -> line.startsWith("//RUNTIME_OPTIONS "))
                .flatMap(line -> List.of(line.substring("//RUNTIME_OPTIONS ".length()).trim().split("\\s+")).stream()).toList();
    }

    /**
     * Has JBang build the script and print its class path. Two runs: {@code info classpath} names
     * the jar a build would write but does not build it.
     */
    private static String jbangClassPath(Path toolkit, String alias, Path script) {
        String failure = buildFailure(toolkit, alias, script);
        String jbang = toolkit.resolve("jbang").toString();
        output(List.of(jbang, "--quiet", "build", script.toString()), toolkit, failure);
        return output(List.of(jbang, "--quiet", "info", "classpath", script.toString()), toolkit, failure);
    }

    private static String buildFailure(Path toolkit, String alias, Path script) {
        return "cannot build " + alias + " for its launcher; try: ./jbang build " + toolkit.relativize(script);
    }

    private static String script(Launcher launcher, Path java, Path toolkit, String fingerprint, Path archive, Path dir) {
        StringBuilder text = new StringBuilder("#!/bin/sh\n");
        text.append("# ").append(launcher.name()).append(": written by `valor-sql --install ").append(dir).append("`.\n");
        text.append("# Starts the toolkit's JVM directly with the class path JBang resolved, skipping JBang's own JVM.\n");
        text.append("# Reinstall after updating the toolkit; until then this falls back to JBang.\n");
        text.append("jar=").append(quoted(launcher.jar().toString())).append('\n');
        String stale = toolkit == null ? "[ ! -f \"$jar\" ]"
                : "[ ! -f \"$jar\" ] || [ \"$( { " + fingerprintCommand(toolkit) + "; } 2>/dev/null)\" != " + quoted(fingerprint) + " ]";
        text.append("if ").append(stale).append("; then\n");
        if (toolkit != null) {
            text.append("  echo \"").append(launcher.name()).append(": the toolkit changed since this launcher was written; running it through JBang"
                    + " (to be fast again: ./jbang valor-sql --install ").append(dir).append(")\" >&2\n");
            text.append("  exec ").append(quoted(toolkit.resolve("jbang").toString())).append(' ')
                    .append(quoted(launcher.script().toString())).append(" \"$@\"\n");
        } else {
            text.append("  echo \"").append(launcher.name()).append(": this launcher is out of date; rerun valor-sql --install ").append(dir)
                    .append("\" >&2\n  exit 2\n");
        }
        text.append("fi\n");
        // JVM warnings go to stderr, never into CSV on stdout; a stale archive is ignored, not fatal.
        text.append("exec ").append(quoted(java.toString())).append(" -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr");
        for (String option : launcher.jvmOptions()) text.append(' ').append(quoted(option));
        if (archive != null) text.append(" -XX:SharedArchiveFile=").append(quoted(archive.toString()));
        text.append(" -cp ").append(quoted(launcher.classPath())).append(' ').append(launcher.mainClass()).append(" \"$@\"\n");
        return text.toString();
    }

    /**
     * Records the classes a query loads into an AppCDS archive (JDK 13+ dynamic archiving), by
     * running one against a throwaway store. Without it the launchers still work, a little slower.
     */
    private static boolean trainArchive(Path java, Launcher query, Path archive, Io io) throws Exception {
        Path work = Files.createTempDirectory("valor-install");
        try {
            Path store = work.resolve("train.mv.db");
            DatabaseLocation location = DatabaseLocation.resolve(store.toString(), false, DatabaseLocation.Use.CREATE_IF_MISSING, io);
            Database.openForWriting(location).close();
            try (Connection connection = Database.connect(location); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO sync_runs (started_at, status, scope, api_url, page_size) VALUES (LOCALTIMESTAMP, 'ok', 'all', 'install', 1)");
            }
            Files.deleteIfExists(archive);
            List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable",
                    "-cp", query.classPath(), query.mainClass(), "--db", store.toString(), "--table",
                    "select count(*) from sessions"));
            Process training = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("train.log").toFile()).start();
            boolean done = training.waitFor(120, TimeUnit.SECONDS);
            if (!done) training.destroyForcibly();
            return done && training.exitValue() == 0 && Files.exists(archive);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * A checksum of every file under lib/, sql/ and scripts/ (each file's checksum and size, sorted,
     * checksummed again), computed by the same POSIX shell line the launchers run, so the two agree.
     */
    public static String sourcesFingerprint(Path toolkit) {
        String fingerprint = output(List.of("sh", "-c", fingerprintCommand(toolkit)), toolkit, "cannot checksum the toolkit's sources in " + toolkit);
        if (fingerprint.isEmpty()) throw Failure.failed("cannot checksum the toolkit's sources in " + toolkit + " (no output)");
        return fingerprint;
    }

    /** Runs a command in a folder and returns its standard output; otherwise fails with {@code failure} and its last error line. */
    private static String output(List<String> command, Path dir, String failure) {
        try {
            Path errors = Files.createTempFile("valor-install", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(errors.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!process.waitFor(300, TimeUnit.SECONDS)) process.destroyForcibly();
                if (process.waitFor() != 0) {
                    String why = Files.readAllLines(errors).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit " + process.exitValue());
                    throw Failure.failed(failure + " (" + why.strip() + ")");
                }
                return out;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw Failure.failed(failure + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.failed(failure + " (interrupted)");
        }
    }

    private static String fingerprintCommand(Path toolkit) {
        return "cd " + quoted(toolkit.toString()) + " && find lib sql scripts -type f -exec cksum {} + | LC_ALL=C sort | cksum";
    }

    /** Always in single quotes, so the launcher's text reads the same whatever the value holds. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
