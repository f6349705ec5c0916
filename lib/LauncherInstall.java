package valor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code valor-sql --install DIR}: the fast path for running commands over and over. JBang
 * spends about a second in its own JVM working out the java command line before the command's
 * JVM starts; the launchers written here run that java command line directly, with the class
 * path JBang resolved for this run, and with an AppCDS archive of the classes a query loads, so
 * a one-liner starts like a bare JVM running H2. A launcher notices when the toolkit's sources
 * have changed since (or its jar is gone) and runs through JBang instead, saying to reinstall.
 * It compares checksums, not timestamps: a checkout copied with its times kept, or a clock that
 * disagrees with the one the files were written by, must not make a current launcher look stale.
 */
final class LauncherInstall {
    /** The commands a launcher is written for: alias, main class, script. */
    private record Launcher(String name, String mainClass, String script) {}

    private static final List<Launcher> LAUNCHERS = List.of(
            new Launcher("valor-sql", "valor.SqlCommand", "scripts/ValorSql.java"),
            new Launcher("valor-sync", "valor.SyncCommand", "scripts/ValorSync.java"),
            new Launcher("valor-shell", "valor.ShellCommand", "scripts/ValorShell.java"),
            new Launcher("valor-console", "valor.ConsoleCommand", "scripts/ValorConsole.java"),
            new Launcher("valor-mock", "valor.MockCommand", "scripts/ValorMock.java"));

    private LauncherInstall() {}

    static void install(Path target, Io io) throws Exception {
        Path dir = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Failure.usage("--install " + dir + ": cannot create the folder (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir)) throw Failure.usage("--install " + dir + ": the folder is not writable");
        String classPath = System.getProperty("java.class.path");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path jar = codeLocation();
        Path toolkit = checkout();
        String fingerprint = toolkit == null ? null : sourcesFingerprint(toolkit);
        Path archive = dir.resolve(".valor-launchers.jsa");
        boolean cds = trainArchive(java, classPath, archive, io);
        for (Launcher launcher : LAUNCHERS) {
            Path file = dir.resolve(launcher.name());
            Files.writeString(file, script(launcher, java, classPath, jar, toolkit, fingerprint, cds ? archive : null, dir));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        io.out().println("wrote " + LAUNCHERS.size() + " launchers to " + dir + " (" + String.join(", ", LAUNCHERS.stream()
                .map(Launcher::name).toList()) + ")" + (cds ? ", with a class-data archive" : ""));
        String path = io.env("PATH");
        if (path == null || !List.of(path.split(":")).contains(dir.toString())) {
            io.out().println("add it to your PATH, e.g.: export PATH=\"" + dir + ":$PATH\"");
        }
    }

    private static String script(Launcher launcher, Path java, String classPath, Path jar, Path toolkit, String fingerprint, Path archive, Path dir) {
        StringBuilder text = new StringBuilder("#!/bin/sh\n");
        text.append("# ").append(launcher.name()).append(": written by `valor-sql --install ").append(dir).append("`.\n");
        text.append("# Starts the toolkit's JVM directly with the class path JBang resolved, skipping JBang's own JVM.\n");
        text.append("# Reinstall after updating the toolkit; until then this falls back to JBang.\n");
        text.append("jar=").append(quote(jar.toString())).append('\n');
        String fallback = toolkit == null ? null : quote(toolkit.resolve("jbang").toString()) + " " + quote(toolkit.resolve(launcher.script()).toString());
        String stale = toolkit == null ? "[ ! -f \"$jar\" ]"
                : "[ ! -f \"$jar\" ] || [ \"$( { " + fingerprintCommand(toolkit) + "; } 2>/dev/null)\" != " + quote(fingerprint) + " ]";
        text.append("if ").append(stale).append("; then\n");
        if (fallback != null) {
            text.append("  echo \"").append(launcher.name()).append(": the toolkit changed since this launcher was written; running it through JBang"
                    + " (to be fast again: ./jbang valor-sql --install ").append(dir).append(")\" >&2\n");
            text.append("  exec ").append(fallback).append(" \"$@\"\n");
        } else {
            text.append("  echo \"").append(launcher.name()).append(": this launcher is out of date; rerun valor-sql --install ").append(dir)
                    .append("\" >&2\n  exit 2\n");
        }
        text.append("fi\n");
        // JVM warnings go to stderr, never into CSV on stdout; a stale archive is ignored, not fatal.
        text.append("exec ").append(quote(java.toString())).append(" -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr");
        if (archive != null) text.append(" -XX:SharedArchiveFile=").append(quote(archive.toString()));
        text.append(" -cp ").append(quote(classPath)).append(' ').append(launcher.mainClass()).append(" \"$@\"\n");
        return text.toString();
    }

    /**
     * Records the classes a query loads into an AppCDS archive (JDK 13+ dynamic archiving), by
     * running one against a throwaway store. Without it the launchers still work, a little slower.
     */
    private static boolean trainArchive(Path java, String classPath, Path archive, Io io) throws Exception {
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
                    "-cp", classPath, "valor.SqlCommand", "--db", store.toString(), "--table",
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
    static String sourcesFingerprint(Path toolkit) {
        try {
            Process process = new ProcessBuilder("sh", "-c", fingerprintCommand(toolkit)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            String fingerprint = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0 || fingerprint.isEmpty()) throw Failure.failed("cannot checksum the toolkit's sources in " + toolkit);
            return fingerprint;
        } catch (IOException e) {
            throw Failure.failed("cannot checksum the toolkit's sources in " + toolkit + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.failed("interrupted while checksumming the toolkit's sources");
        }
    }

    private static String fingerprintCommand(Path toolkit) {
        return "cd " + quote(toolkit.toString()) + " && find lib sql scripts -type f -exec cksum {} + | LC_ALL=C sort | cksum";
    }

    private static Path codeLocation() {
        try {
            return Path.of(LauncherInstall.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw Failure.failed("cannot tell where the toolkit's classes are: " + e.getMessage());
        }
    }

    /** The toolkit's checkout when --install runs inside one (JBang runs commands in the caller's folder). */
    private static Path checkout() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("jbang-catalog.json")) && Files.exists(dir.resolve("lib/SqlCommand.java"))
                    && Files.exists(dir.resolve("jbang"))) return dir;
        }
        return null;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
