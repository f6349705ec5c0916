package valor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import valor.store.DatabaseLocation;
import valor.store.PostgresLogin;

/**
 * A fresh store on one engine, for tests that run on both from one source: an H2 file in the
 * test's folder, or a new database on the suite's PostgreSQL server ({@link PostgresServer}).
 *
 * @param engine   "h2" or "postgres", as the tests' parameter names it
 * @param dbArg    what --db says to reach it
 * @param env      what a command's environment needs to log in (PGUSER, PGPASSWORD), empty for H2
 * @param location the store as the toolkit resolves it
 */
record TestStore(String engine, String dbArg, Map<String, String> env, DatabaseLocation location) {
    /** The engines every engine-parameterised test runs on. */
    static List<String> engines() {
        return List.of("h2", "postgres");
    }

    static TestStore of(String engine, Path dir) {
        return of(engine, dir, "valor");
    }

    /** A store named {@code name} (the H2 file's name), for a test that needs several in one folder. */
    static TestStore of(String engine, Path dir, String name) {
        if (engine.equals("h2")) {
            Path file = dir.resolve(name + ".mv.db");
            return new TestStore(engine, file.toString(), Map.of(), TestDb.at(file));
        }
        PostgresServer server = PostgresServer.shared();
        String url = server.freshDatabase("valor_test");
        Map<String, String> env = Map.of("PGUSER", server.adminUser(), "PGPASSWORD", server.adminPassword());
        return new TestStore(engine, url, env, DatabaseLocation.resolve(url, false, DatabaseLocation.Use.CREATE_IF_MISSING, false,
                PostgresLogin.Flags.NONE, testIo(env).io()));
    }

    boolean postgres() {
        return engine.equals("postgres");
    }

    /** An in-process Io whose environment reaches this store. */
    TestIo testIo() {
        return testIo(env);
    }

    private static TestIo testIo(Map<String, String> env) {
        TestIo io = TestIo.capture();
        env.forEach(io::env);
        return io;
    }

    List<Map<String, Object>> rows(String sql, Object... args) {
        return TestDb.rows(location, sql, args);
    }

    <T> T value(Class<T> type, String sql, Object... args) {
        return TestDb.value(location, type, sql, args);
    }

    long count(String sql, Object... args) {
        return TestDb.count(location, sql, args);
    }

    void execute(String sql, Object... args) {
        TestDb.execute(location, sql, args);
    }

    /** Indexes on a table, its primary key's included, however the engine lists them. */
    long indexesOn(String table) {
        return postgres()
                ? count("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?", table)
                : count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = UPPER(?)", table);
    }

    /**
     * Waits until {@code countSql} reaches {@code atLeast} while another process (a sync) writes the
     * store; before the sync has created the schema the query fails, which counts as "not yet".
     */
    void awaitCount(String countSql, long atLeast, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                // An H2 file is left to the sync to create: a count would create it, and hold it, first.
                boolean exists = postgres() || Files.exists(location.file());
                if (exists && count(countSql) >= atLeast) return;
            } catch (RuntimeException notYet) {
                // no store or schema yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sync never committed " + atLeast + " rows for: " + countSql);
    }

    @Override
    public String toString() {
        return engine;
    }
}
