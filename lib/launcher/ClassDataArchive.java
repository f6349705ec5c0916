package valor.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import valor.base.Io;
import valor.store.Database;
import valor.store.DatabaseLocation;

/**
 * A command's AppCDS archive (JDK 13+ dynamic archiving): the classes its usual work loads,
 * recorded by doing that work once against a throwaway store, so the command maps them instead of
 * loading them. valor-sql's work is a one-liner; valor-sync's is a sync of the demo organisation
 * from its built-in fake API (the daily job's classes: the store, the client, paging, comparing).
 * Without an archive the launchers still work, a little slower.
 */
final class ClassDataArchive {
    /** The commands worth an archive: the one-liner, and the sync a timer runs every day. */
    static final Set<String> COMMANDS = Set.of("valor-sql", "valor-sync");

    private ClassDataArchive() {}

    /** Where a command's archive lives in the launchers' folder. */
    static Path file(Path dir, String command) {
        return dir.resolve("." + command + ".jsa");
    }

    /** Trains into a temporary file beside {@code archive} and renames it over it: a launcher starting meanwhile maps a whole one. */
    static boolean train(Path java, CommandBuilds.Launcher command, Path archive, Io io) throws Exception {
        Path work = Files.createTempDirectory("valor-install");
        try {
            Path store = work.resolve("train.mv.db");
            Path trained = archive.resolveSibling("." + archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            List<String> run = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + trained, "-Xlog:disable"));
            run.addAll(command.jvmOptions());
            run.addAll(List.of("-cp", command.classPath(), command.mainClass()));
            run.addAll(workload(command.name(), store, io));
            Process training = new ProcessBuilder(run).redirectErrorStream(true).redirectOutput(work.resolve("train.log").toFile()).start();
            boolean done = training.waitFor(300, TimeUnit.SECONDS);
            if (!done) training.destroyForcibly();
            if (!done || training.exitValue() != 0 || !Files.exists(trained)) return false;
            Files.move(trained, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Files.deleteIfExists(archive.resolveSibling("." + archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp"));
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The arguments of the command's usual work against {@code store}, which it is given ready. */
    private static List<String> workload(String command, Path store, Io io) throws Exception {
        if (command.equals("valor-sync")) return List.of("--demo", "--db", store.toString(), "--quiet");
        DatabaseLocation location = DatabaseLocation.resolve(store.toString(), false, DatabaseLocation.Use.CREATE_IF_MISSING, io);
        Database.openForWriting(location).close();
        try (Connection connection = Database.connect(location); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO sync_runs (started_at, status, scope, api_url, page_size) VALUES (LOCALTIMESTAMP, 'ok', 'all', 'install', 1)");
        }
        return List.of("--db", store.toString(), "--table", "select count(*) from sessions");
    }
}
