package valor.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import valor.base.Io;
import valor.store.Database;
import valor.store.DatabaseLocation;

/**
 * valor-sql's AppCDS archive (JDK 13+ dynamic archiving): the classes a query loads, recorded by
 * running one against a throwaway store, so a one-liner maps them instead of loading them. Without
 * it the launchers still work, a little slower.
 */
final class ClassDataArchive {
    private ClassDataArchive() {}

    /** Trains into a temporary file beside {@code archive} and renames it over it: a launcher starting meanwhile maps a whole one. */
    static boolean train(Path java, CommandBuilds.Launcher query, Path archive, Io io) throws Exception {
        Path work = Files.createTempDirectory("valor-install");
        try {
            Path store = work.resolve("train.mv.db");
            DatabaseLocation location = DatabaseLocation.resolve(store.toString(), false, DatabaseLocation.Use.CREATE_IF_MISSING, io);
            Database.openForWriting(location).close();
            try (Connection connection = Database.connect(location); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO sync_runs (started_at, status, scope, api_url, page_size) VALUES (LOCALTIMESTAMP, 'ok', 'all', 'install', 1)");
            }
            Path trained = archive.resolveSibling("." + archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + trained, "-Xlog:disable",
                    "-cp", query.classPath(), query.mainClass(), "--db", store.toString(), "--table", "select count(*) from sessions"));
            Process training = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("train.log").toFile()).start();
            boolean done = training.waitFor(120, TimeUnit.SECONDS);
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
}
