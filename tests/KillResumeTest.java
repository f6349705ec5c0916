package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import valor.api.ApiPage;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * A sync killed with SIGKILL in the middle of paging, then run again, must resume from its last
 * committed page and end with exactly the data an uninterrupted run stores, on H2 and on
 * PostgreSQL. These kill one pass
 * over the organisation (--parallel 1); ParallelSyncTest kills one paging athletes in parallel.
 */
class KillResumeTest {

    @TempDir
    Path dir;

    @OnBothEngines
    void aKilledSyncResumesAndEndsWithTheSameDataAsAnUninterruptedOne(String engine) throws Exception {
        FakeValorApi.Builder slow = FakeValorApi.builder().organisation(FakeOrganisation.generate(21, 10, 1500)).latencyMs(100);
        try (FakeValorApi api = slow.start()) {
            TestStore killed = TestStore.of(engine, dir, "killed");
            String[] args = {"--db", killed.dbArg(), "--base-url", api.baseUrl().toString(), "--token", api.token(),
                    "--page-size", "50", "--quiet", "--parallel", "1"};

            Process sync = JavaProcess.start(dir.resolve("sync.log"), killed, SyncCommand.class, args);
            killed.awaitCount("SELECT COUNT(*) FROM sessions", 200, Duration.ofSeconds(60));
            Thread.sleep(1000); // H2 writes commits to disk within WRITE_DELAY (0.5 s); let some reach it
            sync.destroyForcibly(); // SIGKILL: no shutdown hooks, no chance to tidy up
            assertTrue(sync.waitFor(20, TimeUnit.SECONDS));
            assertNotEquals(0, sync.exitValue());

            long committed = killed.count("SELECT COUNT(*) FROM sessions");
            assertTrue(committed > 0 && committed < 1500, "killed mid-way: " + committed + " sessions stored");
            assertEquals("running", killed.value(String.class, "SELECT status FROM sync_runs"));
            assertTrue(killed.count("SELECT COUNT(*) FROM sync_deferred_indexes WHERE table_name = 'sessions'") > 0,
                    "a first sync loads sessions with their indexes deferred");
            Thread.sleep(300); // a request the killed sync had sent is logged when the fake answers it, up to 100 ms later
            int requestsBefore = api.requests().size();

            Process rerun = JavaProcess.start(dir.resolve("rerun.log"), killed, SyncCommand.class, args);
            assertTrue(rerun.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, rerun.exitValue(), Files.readString(dir.resolve("rerun.log")));

            List<FakeValorApi.LoggedRequest> resumed = api.requests().subList(requestsBefore, api.requests().size()).stream()
                    .filter(r -> r.endpoint().equals("sessions")).toList();
            assertNotEquals(ApiPage.FIRST_TOKEN, resumed.get(0).continuationToken(), "the rerun resumed from a checkpoint");
            assertEquals(30, resumed.size(), "the remaining pages, then round from the first page to the checkpoint: one pass");
            assertEquals(List.of("interrupted", "ok"), killed.rows("SELECT status FROM sync_runs ORDER BY run_id")
                    .stream().map(r -> r.get("status")).toList());

            TestStore reference = TestStore.of(engine, dir, "reference");
            String[] referenceArgs = args.clone();
            referenceArgs[1] = reference.dbArg();
            assertEquals(0, reference.testIo().run(new SyncCommand(), referenceArgs).exitCode());
            List<Map<String, Object>> expected = reference.rows(TestDb.SESSION_DATA);
            assertEquals(1500, expected.size());
            assertEquals(expected, killed.rows(TestDb.SESSION_DATA));
            assertEquals(0L, killed.count("SELECT COUNT(*) FROM sync_passes"));
            assertEquals(0L, killed.count("SELECT COUNT(*) FROM sync_deferred_indexes"));
            assertEquals(6, killed.indexesOn("sessions"), "every index is back after the resumed load");
            // The uninterrupted first sync counted its summaries as the rows went in; the resumed one built them by queries.
            SummaryTablesTest.assertSummariesExact(killed.location());
            assertEquals(SummaryTablesTest.summaryRows(reference), SummaryTablesTest.summaryRows(killed));
        }
    }

    /**
     * Found with repeated SIGKILLs: a run resumed after sessions were added, edited and deleted
     * behind its checkpoint used to end short (the new sessions and the edits missed, the deleted
     * ones kept live because the killed run had seen them). It must end exactly as a fresh sync.
     */
    @OnBothEngines
    void aRunResumedAfterUpstreamChangesBehindItsCheckpointEndsExact(String engine) throws Exception {
        FakeOrganisation organisation = FakeOrganisation.generate(29, 10, 1500);
        try (FakeValorApi api = FakeValorApi.builder().organisation(organisation).latencyMs(100).start()) {
            TestStore killed = TestStore.of(engine, dir, "changed");
            String[] args = {"--db", killed.dbArg(), "--base-url", api.baseUrl().toString(), "--token", api.token(),
                    "--page-size", "50", "--parallel", "1"};

            Process sync = JavaProcess.start(dir.resolve("sync.log"), killed, SyncCommand.class, args);
            killed.awaitCount("SELECT COUNT(*) FROM sessions", 500, Duration.ofSeconds(60));
            Thread.sleep(1000);
            sync.destroyForcibly();
            assertTrue(sync.waitFor(20, TimeUnit.SECONDS));
            long pagesCommitted = killed.count("SELECT pages FROM sync_passes WHERE entity = 'sessions'");
            assertTrue(pagesCommitted >= 10 && pagesCommitted < 30, "killed mid-pass: " + pagesCommitted + " pages");

            // While no sync runs: changes behind the checkpoint (in the stored pages) and after it.
            List<String> stored = killed.rows("SELECT session_id FROM sessions ORDER BY session_id").stream()
                    .map(r -> (String) r.get("session_id")).toList();
            List<FakeOrganisation.FakeSession> inserted = organisation.insertSessions(15);
            for (String id : stored.subList(0, 5)) organisation.updateSession(id, s -> s.withDuration(s.durationSeconds() + 7));
            List<String> deleted = stored.subList(5, 7);
            deleted.forEach(organisation::deleteSession);
            Thread.sleep(300); // a request the killed sync had sent is logged when the fake answers it, up to 100 ms later
            int requestsBefore = api.requests().size();

            Process rerun = JavaProcess.start(dir.resolve("rerun.log"), killed, SyncCommand.class, args);
            assertTrue(rerun.waitFor(120, TimeUnit.SECONDS));
            String log = Files.readString(dir.resolve("rerun.log"));
            assertEquals(0, rerun.exitValue(), log);

            long sessionRequests = api.requests().subList(requestsBefore, api.requests().size()).stream()
                    .filter(r -> r.endpoint().equals("sessions")).count();
            TestStore reference = TestStore.of(engine, dir, "reference");
            String[] referenceArgs = args.clone();
            referenceArgs[1] = reference.dbArg();
            assertEquals(0, reference.testIo().run(new SyncCommand(), referenceArgs).exitCode());
            String live = TestDb.SESSION_DATA.replace(" ORDER BY", " WHERE deleted_at IS NULL ORDER BY");
            List<Map<String, Object>> expected = reference.rows(live);
            List<Map<String, Object>> actual = killed.rows(live);
            assertTrue(expected.equals(actual), () -> "the live sessions are exactly what a sync never interrupted stores: "
                    + actual.stream().filter(r -> !expected.contains(r)).count() + " stored rows differ, "
                    + expected.stream().filter(r -> !actual.contains(r)).count() + " expected rows missing");
            assertEquals(1513, killed.count("SELECT COUNT(*) FROM sessions WHERE deleted_at IS NULL"));
            assertEquals(15, killed.count("SELECT COUNT(*) FROM sessions WHERE session_id IN ("
                    + inserted.stream().map(s -> "'" + s.sessionId() + "'").collect(java.util.stream.Collectors.joining(",")) + ")"));
            assertEquals(2, killed.count("SELECT COUNT(*) FROM sessions WHERE deleted_at IS NOT NULL AND session_id IN (?, ?)",
                    deleted.get(0), deleted.get(1)));
            assertEquals(0L, killed.count("SELECT COUNT(*) FROM sync_passes"));

            assertTrue(sessionRequests <= 31 + 1, "one pass's worth of pages (1,513 sessions: 31) plus one: " + sessionRequests);
            assertTrue(log.contains("after page " + pagesCommitted + " where an earlier sync stopped; after the last page it pages"
                    + " again from the first up to there"), log);
        }
    }
}
