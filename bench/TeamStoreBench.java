///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//DESCRIPTION Benchmark of the team store (issue 12): valor-sync into PostgreSQL against the same sync into an H2 file, side by
//DESCRIPTION side in one run against one fake API (valor-mock in its own process): a first sync and a no-change sync of each;
//DESCRIPTION then 5 analysts running every saved query over and over on the PostgreSQL store while a sync writes it, and
//DESCRIPTION the same queries with no sync running: the latency of each. Then what IK series cost on each engine (time, space,
//DESCRIPTION reading one session's samples). PostgreSQL is the suite's own (tests/support/PostgresServer).
//DESCRIPTION Usage: ./jbang bench/TeamStoreBench.java [SESSIONS (100000)] [ATHLETES (50)]
//SOURCES ../lib/store/package-info.java
//SOURCES ../lib/query/package-info.java
//SOURCES ../tests/support/PostgresServer.java
package valor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import valor.base.Io;
import valor.output.ResultColumns;
import valor.output.ResultWriter;
import valor.query.QueryLibrary;
import valor.query.QueryRunner;
import valor.query.SavedQuery;
import valor.store.AnalystConnections;
import valor.store.DatabaseLocation;
import valor.store.PostgresLogin;

public class TeamStoreBench {
    private static final int ANALYSTS = 5;
    private static final int PAGE = 1000;

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int athletes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path out = Files.createDirectories(Path.of("bench/out/team-store"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(out)) {
            for (Path file : files.toList()) Files.delete(file);
        }
        PostgresServer server = PostgresServer.shared();
        Map<String, String> login = Map.of("PGUSER", server.adminUser(), "PGPASSWORD", server.adminPassword());
        String postgres = server.freshDatabase("bench");
        String h2 = out.resolve("valor.mv.db").toString();

        Process mock = new ProcessBuilder("./jbang", "valor-mock", "--sessions", String.valueOf(sessions), "--athletes",
                String.valueOf(athletes), "--seed", "7").redirectErrorStream(true).start();
        try {
            Map<String, String> api = readMock(mock);
            System.out.printf("== %,d sessions over %d athletes, page %d, fake API on loopback (no added latency)%n", sessions, athletes, PAGE);
            new ProcessBuilder("./jbang", "valor-sync", "--help").redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(); // built before timing
            double h2First = sync(h2, api, Map.of());
            double pgFirst = sync(postgres, api, login);
            double h2Again = sync(h2, api, Map.of());
            double pgAgain = sync(postgres, api, login);
            System.out.printf("%-16s %10s %12s %7s%n", "", "H2 file", "PostgreSQL", "ratio");
            System.out.printf("%-16s %8.1f s %10.1f s %7.2f%n", "first sync", h2First, pgFirst, pgFirst / h2First);
            System.out.printf("%-16s %8.1f s %10.1f s %7.2f%n", "no-change sync", h2Again, pgAgain, pgAgain / h2Again);

            DatabaseLocation store = DatabaseLocation.resolve(postgres, false, DatabaseLocation.Use.MUST_EXIST, false,
                    PostgresLogin.Flags.NONE, io(login));
            DatabaseLocation file = DatabaseLocation.resolve(h2, false, DatabaseLocation.Use.MUST_EXIST, Io.system());
            String same = "SELECT COUNT(*) || ' sessions, ' || CAST(SUM(duration_s) AS BIGINT) || ' s' FROM sessions WHERE deleted_at IS NULL";
            System.out.printf("stored: %s (H2), %s (PostgreSQL)%n", firstValue(file, same), firstValue(store, same));
            analysts(store, () -> false, 1); // warm-up: the JIT, the server's caches
            // Every stored session made to look stale, so the next sync rewrites them all (as after a mass edit
            // upstream) while the analysts read: writes, not just reads, for the whole of its length.
            server.execute(postgres, "UPDATE sessions SET content_hash = content_hash + 1");
            AtomicBoolean syncing = new AtomicBoolean(true);
            double[] rewrite = new double[1];
            Thread sync = new Thread(() -> {
                try {
                    rewrite[0] = sync(postgres, api, login);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    syncing.set(false);
                }
            });
            sync.start();
            Map<String, List<Long>> during = analysts(store, syncing::get, 0);
            sync.join();
            Map<String, List<Long>> idle = analysts(store, () -> false, 5);
            System.out.printf("%n== %d analysts running every saved query (default parameters) on PostgreSQL, latency in ms,%n"
                    + "   with no sync running, and while a sync rewrites every session (%.1f s)%n", ANALYSTS, rewrite[0]);
            System.out.printf("%-20s %21s %27s%n", "", "no sync: median / max", "during a sync: median / max (n)");
            for (String query : idle.keySet()) {
                List<Long> a = idle.get(query);
                List<Long> b = during.getOrDefault(query, List.of());
                System.out.printf("%-20s %10d / %8d %14d / %8d (%d)%n", query, median(a), max(a), median(b), max(b), b.size());
            }
        } finally {
            mock.destroy();
        }
        ikCost(server, login, out);
    }

    /**
     * What the IK series cost on each engine: H2 stores each array encoded (lib/ik/IkCodec), PostgreSQL
     * as a native double precision[] its SQL function ik_samples reads. The sync's time, the space the
     * series take, and reading one session's samples back.
     */
    private static void ikCost(PostgresServer server, Map<String, String> login, Path out) throws Exception {
        int sessions = 300;
        Process mock = new ProcessBuilder("./jbang", "valor-mock", "--sessions", String.valueOf(sessions), "--athletes", "6", "--seed", "11")
                .redirectErrorStream(true).start();
        try {
            Map<String, String> api = readMock(mock);
            String postgres = server.freshDatabase("bench_ik");
            String h2 = out.resolve("ik.mv.db").toString();
            double h2Time = sync(h2, api, Map.of(), "--with", "ik");
            double pgTime = sync(postgres, api, login, "--with", "ik");
            DatabaseLocation file = DatabaseLocation.resolve(h2, false, DatabaseLocation.Use.MUST_EXIST, Io.system());
            DatabaseLocation store = DatabaseLocation.resolve(postgres, false, DatabaseLocation.Use.MUST_EXIST, false,
                    PostgresLogin.Flags.NONE, io(login));
            String json = firstValue(store, "SELECT CAST(SUM(json_bytes) / 1e6 AS DECIMAL(10, 1)) FROM ik_series");
            String h2Bytes = firstValue(file, "SELECT CAST(SUM(stored_bytes) / 1e6 AS DECIMAL(10, 1)) FROM ik_series");
            String pgBytes = firstValue(store, "SELECT CAST((pg_total_relation_size('ik_joint_series') + pg_total_relation_size('ik_series'))"
                    + " / 1e6 AS DECIMAL(10, 1))");
            String session = firstValue(store, "SELECT MIN(session_id) FROM ik_series");
            long[] h2Read = readTimes(file, "SELECT COUNT(*), SUM(angle) FROM IK_SAMPLES('" + session + "')");
            long[] pgRead = readTimes(store, "SELECT COUNT(*), SUM(angle) FROM ik_samples('" + session + "')");
            System.out.printf("%n== IK series of %d sessions (%s MB of JSON as the API sent it)%n", sessions, json);
            System.out.printf("%-34s %10s %12s%n", "", "H2 file", "PostgreSQL");
            System.out.printf("%-34s %8.1f s %10.1f s%n", "valor-sync --with ik (first)", h2Time, pgTime);
            System.out.printf("%-34s %7s MB %9s MB%n", "the arrays stored", h2Bytes, pgBytes);
            System.out.printf("%-34s %7d ms %9d ms   (%d samples)%n", "one session's samples (median of 5)", h2Read[0], pgRead[0], h2Read[1]);
        } finally {
            mock.destroy();
        }
    }

    /** The median time of 5 runs of a query, and its first value. */
    private static long[] readTimes(DatabaseLocation store, String sql) throws Exception {
        List<Long> times = new ArrayList<>();
        long first = 0;
        try (AnalystConnections.Session session = AnalystConnections.open(store, false); var statement = session.connection().createStatement()) {
            for (int i = 0; i < 6; i++) {
                long started = System.nanoTime();
                try (var rows = statement.executeQuery(sql)) {
                    rows.next();
                    first = rows.getLong(1);
                }
                if (i > 0) times.add((System.nanoTime() - started) / 1_000_000); // the first warms up
            }
        }
        return new long[] {median(times), first};
    }

    private static Map<String, String> readMock(Process mock) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(mock.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> values = new HashMap<>();
        for (String line; (line = lines.readLine()) != null && values.size() < 2; ) {
            int equals = line.indexOf('=');
            if (line.startsWith("url=") || line.startsWith("token=")) values.put(line.substring(0, equals), line.substring(equals + 1));
        }
        if (values.size() < 2) throw new IllegalStateException("valor-mock did not start");
        Thread drain = new Thread(() -> lines.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return values;
    }

    /** One valor-sync as users run it; the wall time in seconds. */
    private static double sync(String db, Map<String, String> api, Map<String, String> login, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of("./jbang", "valor-sync", "--db", db, "--base-url", api.get("url"), "--token", "-",
                "--page-size", String.valueOf(PAGE), "--quiet"));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(login);
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().write((api.get("token") + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (process.waitFor() != 0) throw new IllegalStateException("valor-sync --db " + db + " failed");
        return (System.nanoTime() - started) / 1e9;
    }

    interface Condition {
        boolean holds();
    }

    /**
     * {@link #ANALYSTS} threads, each with its own read-only connection, running every saved query
     * with its defaults in turn: {@code rounds} times, or while {@code running} holds.
     */
    private static Map<String, List<Long>> analysts(DatabaseLocation store, Condition running, int rounds) throws Exception {
        QueryLibrary library = QueryLibrary.of(Io.system());
        List<SavedQuery> queries = library.names().stream().map(name -> library.find(name).orElseThrow())
                .filter(q -> q.params().stream().noneMatch(SavedQuery.Param::required)).toList();
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int a = 0; a < ANALYSTS; a++) {
            Thread analyst = new Thread(() -> {
                try (AnalystConnections.Session session = AnalystConnections.open(store, false)) {
                    for (int round = 0; rounds > 0 ? round < rounds : running.holds(); round++) {
                        for (SavedQuery query : queries) {
                            long started = System.nanoTime();
                            QueryRunner.run(session.connection(), query, Map.of(), CountingWriter::new, outcome -> {});
                            latencies.computeIfAbsent(query.name(), k -> new CopyOnWriteArrayList<>()).add((System.nanoTime() - started) / 1_000_000);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            analyst.start();
            threads.add(analyst);
        }
        for (Thread thread : threads) thread.join();
        if (!failures.isEmpty()) throw new IllegalStateException("an analyst's query failed", failures.get(0));
        return new TreeMap<>(latencies);
    }

    private static String firstValue(DatabaseLocation store, String sql) throws Exception {
        try (AnalystConnections.Session session = AnalystConnections.open(store, false);
             var statement = session.connection().createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static final class CountingWriter implements ResultWriter {
        @Override
        public void begin(ResultColumns columns) {}

        @Override
        public void row(Object[] values) {}

        @Override
        public void end() {}
    }

    private static Io io(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(env);
        return new Io(System.in, System.out, System.err, all, false, false);
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) return 0;
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
