package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * valor-sql against a file a running valor-sync (another process) holds: reads go through H2's
 * auto-server, whose port listens on loopback only; they see whole pages as they are
 * committed, changes stay refused, and the sync finishes with the data an undisturbed one stores.
 */
class ReadDuringSyncTest {
    private static final int SESSIONS = 1500;

    @TempDir
    Path dir;

    @Test
    void valorSqlReadsRepeatedlyWhileValorSyncWritesAndTheSyncEndsWithTheSameData() throws Exception {
        FakeValorApi.Builder slow = FakeValorApi.builder().organisation(FakeOrganisation.generate(23, 10, SESSIONS)).latencyMs(60);
        try (FakeValorApi api = slow.start()) {
            Path db = dir.resolve("live.mv.db");
            // One pass, so every committed page holds 50 sessions (an athlete's last page may hold fewer).
            String[] args = {"--db", db.toString(), "--base-url", api.baseUrl().toString(), "--token", api.token(),
                    "--page-size", "50", "--quiet", "--parallel", "1"};
            Process sync = JavaProcess.start(dir.resolve("sync.log"), SyncCommand.class, args);

            List<Long> counts = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            boolean checkedWhileHeld = false;
            while (sync.isAlive()) {
                TestIo.Result read = TestIo.inHome(dir).run(new SqlCommand(), "--db", db.toString(),
                        "select count(*) as n, count(distinct athlete_id) as athletes from sessions");
                if (read.exitCode() == 0) {
                    long n = Long.parseLong(read.out().lines().skip(1).findFirst().orElseThrow().split(",")[0]);
                    assertTrue(n >= (counts.isEmpty() ? 0 : counts.get(counts.size() - 1)) && n <= SESSIONS, "counts only grow: " + counts + " then " + n);
                    assertEquals(0, n % 50, "a read sees whole committed pages of 50, never part of one: " + n);
                    counts.add(n);
                } else if (!counts.isEmpty() && sync.isAlive()) {
                    failures.add(read.err());
                }
                if (!checkedWhileHeld && counts.size() >= 3 && counts.get(counts.size() - 1) > 0 && sync.isAlive()) {
                    checkedWhileHeld = true;
                    assertOnlyLoopbackListens(db);
                    TestIo.Result change = TestIo.inHome(dir).run(new SqlCommand(), "--db", db.toString(), "delete from sessions");
                    assertEquals(1, change.exitCode(), change.toString());
                    assertTrue(change.err().contains("read-only"), change.err());
                }
            }
            assertTrue(sync.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, sync.exitValue(), Files.readString(dir.resolve("sync.log")));
            assertTrue(checkedWhileHeld, "the file was read while the sync held it: " + counts);
            assertTrue(counts.stream().filter(n -> n > 0 && n < SESSIONS).count() >= 3, "reads overlapped the paging: " + counts);
            assertTrue(failures.isEmpty(), "no read failed while the sync ran: " + failures);

            assertEquals("ok", TestDb.value(db, String.class, "SELECT status FROM sync_runs"));
            Path reference = dir.resolve("reference.mv.db");
            String[] referenceArgs = args.clone();
            referenceArgs[1] = reference.toString();
            assertEquals(0, TestIo.inHome(dir).run(new SyncCommand(), referenceArgs).exitCode());
            List<Map<String, Object>> expected = TestDb.rows(reference, TestDb.SESSION_DATA);
            assertEquals(SESSIONS, expected.size());
            assertEquals(expected, TestDb.rows(db, TestDb.SESSION_DATA), "the concurrent reads changed nothing the sync stored");
        }
    }

    /**
     * The other way round: valor-console opened the file first. It reads the file read-only, with
     * no lock and no auto-server, so a sync that starts later opens the file itself and is never
     * held up by the console; stopping the console does not wait for anything.
     */
    @Test
    void aConsoleThatOpenedTheFileFirstDoesNotHoldUpASync() throws Exception {
        Path db = dir.resolve("shared.mv.db");
        try (FakeValorApi first = FakeValorApi.builder().organisation(FakeOrganisation.generate(3, 5, 100)).start()) {
            assertEquals(0, TestIo.inHome(dir).run(new SyncCommand(), "--db", db.toString(), "--base-url", first.baseUrl().toString(),
                    "--token", first.token(), "--quiet").exitCode());
        }
        Process console = JavaProcess.start(dir.resolve("console.log"), ConsoleCommand.class, "--db", db.toString(), "--no-browser");
        awaitLog(dir.resolve("console.log"), "(Ctrl-C to stop)", console);
        FakeValorApi.Builder slow = FakeValorApi.builder().organisation(FakeOrganisation.generate(4, 8, SESSIONS)).latencyMs(20);
        try (FakeValorApi api = slow.start()) {
            Process sync = JavaProcess.start(dir.resolve("sync.log"), SyncCommand.class, "--db", db.toString(),
                    "--base-url", api.baseUrl().toString(), "--token", api.token(), "--page-size", "50", "--quiet");
            assertTrue(sync.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, sync.exitValue(), Files.readString(dir.resolve("sync.log")));
            assertTrue(console.isAlive(), "the console is still open: " + Files.readString(dir.resolve("console.log")));
            console.destroy(); // SIGTERM
            assertTrue(console.waitFor(10, TimeUnit.SECONDS), "the console stops at once");
            assertFalse(Files.readString(dir.resolve("console.log")).contains("waiting"), Files.readString(dir.resolve("console.log")));
        }
        assertEquals(List.of("ok", "ok"), TestDb.rows(db, "SELECT status FROM sync_runs ORDER BY run_id").stream().map(r -> r.get("status")).toList());
        assertEquals((long) SESSIONS, TestDb.count(db, "SELECT COUNT(*) FROM sessions WHERE deleted_at IS NULL"));
    }

    /** Readers reaching the file through a console hold no SA session, so stopping the console never waits for them. */
    @Test
    void readersDoNotMakeEachOtherWait() throws Exception {
        Path db = dir.resolve("read.mv.db");
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(3, 5, 100)).start()) {
            assertEquals(0, TestIo.inHome(dir).run(new SyncCommand(), "--db", db.toString(), "--base-url", api.baseUrl().toString(),
                    "--token", api.token(), "--quiet").exitCode());
        }
        Process console = JavaProcess.start(dir.resolve("console.log"), ConsoleCommand.class, "--db", db.toString(), "--no-browser");
        awaitLog(dir.resolve("console.log"), "(Ctrl-C to stop)", console);
        Path script = dir.resolve("hold.jsh");
        Files.writeString(script, "show(\"select count(*) as n from sessions\");\nThread.sleep(4000);\n");
        Process shell = JavaProcess.start(dir.resolve("shell.log"), ShellCommand.class, "--db", db.toString(), script.toString());
        awaitLog(dir.resolve("shell.log"), "(1 row", shell);

        TestIo.Result read = TestIo.inHome(dir).run(new SqlCommand(), "--db", db.toString(), "select count(*) as n from sessions");
        assertEquals("n\n100\n", read.out(), read.toString());
        assertEquals("", read.err(), "valor-sql did not wait for the shell or the console");
        console.destroy();
        assertTrue(console.waitFor(10, TimeUnit.SECONDS), "the console stops at once while only readers use the file");
        assertFalse(Files.readString(dir.resolve("console.log")).contains("waiting"), Files.readString(dir.resolve("console.log")));
        assertTrue(shell.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, shell.exitValue(), "the shell carries on when the console that served the file goes: "
                + Files.readString(dir.resolve("shell.log")));
    }

    private static void awaitLog(Path log, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            if (System.nanoTime() > deadline || !process.isAlive() && !Files.readString(log).contains(text)) {
                throw new AssertionError("never saw '" + text + "' in: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    static void assertOnlyLoopbackListens(Path db) throws Exception {
        int port = ListeningSockets.autoServerPort(db);
        assertTrue(port > 0, "H2 wrote its auto-server port into the lock file");
        List<String> addresses = ListeningSockets.addressesListeningOn(port);
        assertFalse(addresses.isEmpty(), "the auto-server port " + port + " is listening");
        assertTrue(addresses.stream().allMatch(ListeningSockets::isLoopback), "port " + port + " listens on " + addresses);
    }
}
