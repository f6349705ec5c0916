package valor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import valor.store.Database;
import valor.store.DatabaseLocation;

/** Reads a store file the way an analyst would, for assertions. */
final class TestDb {
    private TestDb() {}

    static DatabaseLocation at(Path file) {
        return DatabaseLocation.resolve(file.toString(), false, DatabaseLocation.Use.CREATE_IF_MISSING, TestIo.capture().io());
    }

    /** Every column a sync stores from the API, for comparing a store with a reference one row by row. */
    static final String SESSION_DATA = "SELECT session_id, recorded_at, s3_key, duration_s, athlete_id, assessment_id,"
            + " single_exercise, exercise_id, session_name, raw, content_hash, deleted_at FROM sessions ORDER BY session_id";

    static List<Map<String, Object>> rows(Path file, String sql, Object... args) {
        return rows(at(file), sql, args);
    }

    static <T> T value(Path file, Class<T> type, String sql, Object... args) {
        return value(at(file), type, sql, args);
    }

    static long count(Path file, String sql, Object... args) {
        return count(at(file), sql, args);
    }

    /** Changes the store as its admin, the way a test sets up a state a crash or an older version leaves. */
    static void execute(Path file, String sql, Object... args) {
        execute(at(file), sql, args);
    }

    static List<Map<String, Object>> rows(DatabaseLocation store, String sql, Object... args) {
        return query(store, sql, args, query -> query.mapToMap().list());
    }

    static <T> T value(DatabaseLocation store, Class<T> type, String sql, Object... args) {
        return query(store, sql, args, query -> query.mapTo(type).one());
    }

    static long count(DatabaseLocation store, String sql, Object... args) {
        return value(store, Long.class, sql, args);
    }

    static void execute(DatabaseLocation store, String sql, Object... args) {
        try (Handle handle = Jdbi.create(() -> Database.connect(store)).open()) {
            handle.execute(sql, args);
        }
    }

    /**
     * Waits until {@code countSql} reaches {@code atLeast} in a file another process (a sync) is
     * writing, reading it through H2's auto-server; before the sync has created the schema the
     * query fails, which counts as "not yet".
     */
    static void awaitCount(Path file, String countSql, long atLeast, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(file) && count(file, countSql) >= atLeast) return;
            } catch (RuntimeException notYet) {
                // the schema may not exist yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sync never committed " + atLeast + " rows for: " + countSql);
    }

    private static <R> R query(DatabaseLocation store, String sql, Object[] args, Function<Query, R> read) {
        try (Handle handle = Jdbi.create(() -> Database.connect(store)).open()) {
            Query query = handle.createQuery(sql);
            for (int i = 0; i < args.length; i++) query.bind(i, args[i]);
            return read.apply(query);
        }
    }
}
