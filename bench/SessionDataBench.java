///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//DESCRIPTION Benchmark of valor-sync --with reports,ik against the fake API in its own process (valor-mock, 20 ms latency):
//DESCRIPTION report fetch for 2,000 sessions one at a time versus the default concurrency, side by side in one run;
//DESCRIPTION peak heap while storing IK series in a JVM capped at 256 MB; database size per 1,000 sessions of IK versus the raw JSON.
//DESCRIPTION Usage: ./jbang bench/SessionDataBench.java [--sessions 2000] [--ik-sessions 1000] [--latency-ms 20]
//SOURCES ../lib/sync/package-info.java
//SOURCES ../lib/store/package-info.java

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import valor.api.ApiUrl;
import valor.api.Credentials;
import valor.base.Io;
import valor.base.Log;
import valor.sessiondata.SessionDataKind;
import valor.sessiondata.SessionDataOptions;
import valor.store.DatabaseLocation;
import valor.sync.Progress;
import valor.sync.Sync;
import valor.sync.SyncOptions;
import valor.sync.SyncReport;

/** Prints numbers, side by side; see the //DESCRIPTION lines. */
public class SessionDataBench {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ik-child")) {
            ikChild(args[1], args[2], Path.of(args[3]));
            return;
        }
        int sessions = intFlag(args, "--sessions", 2000);
        int ikSessions = intFlag(args, "--ik-sessions", 1000);
        int latency = intFlag(args, "--latency-ms", 20);
        Path out = Files.createDirectories(ROOT.resolve("bench/out/session-data-" + System.currentTimeMillis()));
        System.out.printf("session data benchmark: %d sessions for reports, %d for IK, %d ms latency per call, %d cores; output in %s%n",
                sessions, ikSessions, latency, Runtime.getRuntime().availableProcessors(), ROOT.relativize(out));

        try (Mock mock = Mock.start(sessions, latency)) {
            Path base = out.resolve("base.mv.db");
            long started = System.nanoTime();
            sync(mock, base, Set.of(), 1);
            System.out.printf("sessions synced once into a base database (%.1f s); each variant below starts from a copy%n", seconds(started));

            double sequential = reportRun(mock, base, out.resolve("sequential.mv.db"), 1, sessions);
            double parallel = reportRun(mock, base, out.resolve("parallel.mv.db"), SessionDataOptions.DEFAULT_CONCURRENCY, sessions);
            System.out.printf("speed-up: %.1fx with %d requests at once (target: at least 4x)%n", sequential / parallel,
                    SessionDataOptions.DEFAULT_CONCURRENCY);
        }

        try (Mock mock = Mock.start(ikSessions, latency)) {
            Path db = out.resolve("ik.mv.db");
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), "SessionDataBench", "ik-child", mock.url, mock.token, db.toString()));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) throw new IllegalStateException("IK run failed:\n" + output);
            System.out.print(output);
        }
    }

    /** Copies the base store and fetches every session's report with this concurrency; returns seconds. */
    private static double reportRun(Mock mock, Path base, Path db, int concurrency, int sessions) throws IOException {
        Files.copy(base, db, StandardCopyOption.REPLACE_EXISTING);
        long started = System.nanoTime();
        SyncReport report = sync(mock, db, Set.of(SessionDataKind.REPORTS), concurrency);
        double elapsed = seconds(started);
        if (report.fetches("reports").fetched() != sessions) throw new IllegalStateException("fetched " + report.fetches("reports").asMap());
        System.out.printf("reports, %d at a time: %6.1f s for %d sessions (%.1f ms per session, %d API calls)%n", concurrency, elapsed,
                sessions, elapsed * 1000 / sessions, report.apiCalls());
        return elapsed;
    }

    /** Runs in a JVM capped at 256 MB: a full sync with IK, watching the heap. */
    private static void ikChild(String url, String token, Path db) throws Exception {
        HeapWatch watch = new HeapWatch();
        long started = System.nanoTime();
        SyncReport report = sync(new Mock(null, url, token), db, Set.of(SessionDataKind.IK), SessionDataOptions.DEFAULT_CONCURRENCY);
        double elapsed = seconds(started);
        watch.stop();
        long sessions = report.fetches("ik").fetched();
        long[] sizes = ikSizes(db);
        long file = Files.size(db);
        long ikBytes = compactedSize(db, false) - compactedSize(db, true);
        System.out.printf("IK series, %d at a time: %d sessions in %.1f s (%.0f ms per session), %,d samples x joints%n",
                SessionDataOptions.DEFAULT_CONCURRENCY, sessions, elapsed, elapsed * 1000 / sessions, sizes[2]);
        System.out.printf("heap (JVM capped at -Xmx256m): peak used %.0f MB, peak live after GC %.0f MB, while %.0f MB of IK JSON streamed in%n",
                watch.peakUsed / 1e6, watch.peakLive / 1e6, sizes[0] / 1e6);
        System.out.printf("per 1,000 sessions of IK: raw JSON %.0f MB; encoded arrays %.1f MB (%.1fx smaller); in the database"
                        + " (compacted, all IK tables) %.1f MB (%.1fx smaller than the JSON); the whole file as the sync left it: %.0f MB%n",
                sizes[0] * 1000.0 / sessions / 1e6, sizes[1] * 1000.0 / sessions / 1e6, (double) sizes[0] / sizes[1],
                ikBytes * 1000.0 / sessions / 1e6, (double) sizes[0] / ikBytes, file / 1e6);
    }

    /** The file's size after SHUTDOWN COMPACT of a copy, with or without the IK tables' rows. */
    private static long compactedSize(Path db, boolean withoutIk) throws IOException {
        Path copy = db.resolveSibling(withoutIk ? "compact-without-ik.mv.db" : "compact-with-ik.mv.db");
        Files.copy(db, copy, StandardCopyOption.REPLACE_EXISTING);
        try (var handle = org.jdbi.v3.core.Jdbi.create(() -> valor.store.Database.connect(location(copy))).open()) {
            if (withoutIk) {
                handle.execute("DELETE FROM ik_joint_series");
                handle.execute("DELETE FROM ik_joint_summary");
                handle.execute("DELETE FROM ik_series");
            }
            handle.execute("SHUTDOWN COMPACT");
        } catch (RuntimeException closedByShutdown) {
            // SHUTDOWN closes the connection under Jdbi's feet
        }
        return Files.size(copy);
    }

    /** Sum of json_bytes, of stored_bytes, and of samples x joints. */
    private static long[] ikSizes(Path db) {
        try (var handle = org.jdbi.v3.core.Jdbi.create(() -> valor.store.Database.connect(location(db))).open()) {
            Map<String, Object> row = handle.createQuery("SELECT SUM(json_bytes) AS j, SUM(stored_bytes) AS s, SUM(CAST(samples AS BIGINT) * joints)"
                    + " AS n FROM ik_series").mapToMap().one();
            return new long[] {((Number) row.get("j")).longValue(), ((Number) row.get("s")).longValue(), ((Number) row.get("n")).longValue()};
        }
    }

    private static SyncReport sync(Mock mock, Path db, Set<SessionDataKind> kinds, int concurrency) {
        SyncOptions options = SyncOptions.of(location(db), ApiUrl.parse(mock.url, "valor-mock"), Credentials.fixed(mock.token))
                .withSessionData(new SessionDataOptions(kinds, concurrency));
        return new Sync(options, Log.silent(Io.system()), Progress.none()).run();
    }

    private static DatabaseLocation location(Path db) {
        return DatabaseLocation.resolve(db.toString(), false, DatabaseLocation.Use.CREATE_IF_MISSING, Io.system());
    }

    /** Samples heap use; "live" is what the collectors left behind, the memory the sync really holds. */
    private static final class HeapWatch {
        volatile long peakUsed;
        volatile long peakLive;
        private final Thread sampler;
        private volatile boolean running = true;

        HeapWatch() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
            sampler = new Thread(() -> {
                while (running) {
                    long used = 0, live = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() != MemoryType.HEAP) continue;
                        used += pool.getUsage().getUsed();
                        if (pool.getCollectionUsage() != null) live += pool.getCollectionUsage().getUsed();
                    }
                    peakUsed = Math.max(peakUsed, used);
                    peakLive = Math.max(peakLive, live);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
            long gcs = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) gcs += gc.getCollectionCount();
            if (gcs == 0) peakLive = peakUsed; // no collection happened: everything used may be live
        }
    }

    /** valor-mock in its own process, as the issue asks: started through ./jbang, stopped at the end. */
    private record Mock(Process process, String url, String token) implements AutoCloseable {
        static Mock start(int sessions, int latency) throws IOException {
            Process process = new ProcessBuilder(ROOT.resolve("jbang").toString(), "valor-mock", "--sessions", Integer.toString(sessions),
                    "--athletes", "25", "--latency-ms", Integer.toString(latency), "--quiet").directory(ROOT.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String url = null, token = null;
            for (String line; (url == null || token == null) && (line = lines.readLine()) != null; ) {
                if (line.startsWith("url=")) url = line.substring(4);
                if (line.startsWith("token=")) token = line.substring(6);
            }
            if (url == null || token == null) throw new IllegalStateException("valor-mock did not start");
            return new Mock(process, url, token);
        }

        @Override
        public void close() throws InterruptedException {
            if (process == null) return;
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int intFlag(String[] args, String flag, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(flag)) return Integer.parseInt(args[i + 1]);
        return fallback;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
