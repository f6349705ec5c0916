package valor.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import valor.base.Failure;
import valor.base.Io;

/**
 * {@code valor-sql --install DIR}: the fast path for running commands over and over. JBang
 * spends about a second in its own JVM working out the java command line before the command's
 * JVM starts; the launchers written here run that java command line directly, for every command
 * of the checkout or of the JBang catalog this one was run from ({@link CommandBuilds}), with
 * class-data archives for valor-sql and valor-sync ({@link ClassDataArchive}), so a one-liner
 * starts like a bare JVM running H2 and a daily sync spends its time on the sync. A launcher
 * notices when its build is no longer current and runs through JBang instead, saying to reinstall
 * ({@link LauncherScript}).
 *
 * <p>Installs started together take turns (a lock in JBang's folder): each builds every command
 * through JBang, whose first build of a script shares one folder between processes without a lock
 * of its own (jbangdev/jbang#2445). Launchers are written whole and renamed into place, so a
 * launcher that runs meanwhile is the old one or the new one, never half of one.
 */
public final class LauncherInstall {
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
        CommandBuilds builds = CommandBuilds.find(io);
        List<CommandBuilds.Launcher> launchers = new ArrayList<>();
        List<String> archived = new ArrayList<>();
        try (FileChannel turn = takeTurn(io)) {
            String fingerprint = builds.checkout() == null ? null : sourcesFingerprint(builds.checkout());
            int count = builds.aliases().size();
            for (String alias : builds.aliases()) launchers.add(built(builds, alias, launchers.size() + 1, count, io.err()));
            for (CommandBuilds.Launcher launcher : launchers) {
                Path archive = ClassDataArchive.file(dir, launcher.name());
                boolean cds = ClassDataArchive.COMMANDS.contains(launcher.name()) && ClassDataArchive.train(java, launcher, archive, io);
                if (cds) archived.add(launcher.name());
                write(dir.resolve(launcher.name()), LauncherScript.text(launcher, builds, java, fingerprint, cds ? archive : null, dir));
            }
            Files.deleteIfExists(dir.resolve(".valor-launchers.jsa")); // valor-sql's archive as installs named it when it was the only one
        }
        io.out().println("wrote " + launchers.size() + " launcher" + (launchers.size() == 1 ? "" : "s") + " to " + dir + " ("
                + String.join(", ", launchers.stream().map(CommandBuilds.Launcher::name).toList()) + ")"
                + (archived.isEmpty() ? "" : ", with class-data archives for " + String.join(" and ", archived)));
        if (builds.onlyThisCommand()) {
            io.out().println("the other commands' launchers are written from a checkout (./jbang valor-sql --install " + dir
                    + ") or from a JBang catalog (jbang valor-sql@<catalog> --install " + dir + ", with jbang on the PATH)");
        }
        String path = io.env("PATH");
        if (path == null || !List.of(path.split(":")).contains(dir.toString())) {
            io.out().println("add it to your PATH, e.g.: export PATH=\"" + dir + ":$PATH\"");
        }
    }

    /** One command's build, with a line of progress: its number, and how long JBang took (the first build of a script is the slow one). */
    private static CommandBuilds.Launcher built(CommandBuilds builds, String alias, int number, int count, PrintStream progress) {
        progress.print("[" + number + "/" + count + "] " + alias + ": building... ");
        progress.flush();
        long started = System.nanoTime();
        try {
            CommandBuilds.Launcher launcher = builds.build(alias);
            progress.printf("done (%.1f s)%n", (System.nanoTime() - started) / 1e9);
            return launcher;
        } catch (RuntimeException e) {
            progress.println("failed");
            throw e;
        }
    }

    /**
     * Waits for any other install building in the same JBang folder to finish; the turn is held
     * until the channel returned is closed. The folder is the one the builds use: the JBANG_DIR
     * they inherit from this process, else ~/.jbang.
     */
    private static FileChannel takeTurn(Io io) throws IOException {
        String configured = System.getenv("JBANG_DIR");
        Path jbangDir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".jbang");
        Files.createDirectories(jbangDir);
        FileChannel channel = FileChannel.open(jbangDir.resolve(".valor-launchers.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (channel.tryLock() == null) {
            io.err().println("valor-sql: another install is building the commands; waiting for it to finish");
            channel.lock();
        }
        return channel;
    }

    /** Written beside the launcher and renamed over it: one that starts meanwhile runs the old or the new one. */
    private static void write(Path file, String text) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, text);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The checkout's sources checksum, as its launchers compute it ({@link LauncherScript#fingerprintCommand}). */
    public static String sourcesFingerprint(Path toolkit) {
        String failure = "cannot checksum the toolkit's sources in " + toolkit;
        String fingerprint = Processes.output(LauncherScript.fingerprintShell(toolkit), toolkit, failure);
        if (fingerprint.isEmpty()) throw Failure.failed(failure + " (no output)");
        return fingerprint;
    }
}
