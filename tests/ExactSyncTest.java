package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Log;
import valor.fake.FakeOrganisation;
import valor.fake.FakeOrganisation.FakeAthlete;
import valor.fake.FakeOrganisation.FakeSession;
import valor.fake.FakeValorApi;
import valor.store.Database;
import valor.sync.Partitioning;
import valor.sync.Progress;
import valor.sync.Sync;
import valor.sync.SyncOptions;
import valor.sync.SyncReport;

/**
 * Every run that reports itself complete has seen every session it reconciles: a first sync pages
 * the whole organisation in one pass, sessions of athletes /athletes does not list included, with
 * partitions on or off; a run after an athlete leaves the list pages the whole organisation again.
 * On a network slow enough that partitions pay, where a first sync used to hand over to them.
 */
class ExactSyncTest {
    /** Round trips long next to storing a page (the 300 ms, scaled down): partitions pay where the counts say so. */
    private static final int LATENCY = 250;
    /** For a test whose later runs must partition on either engine, however slowly the machine stores a page. */
    private static final int FAR = 400;
    private static final int PAGE = 200;

    @TempDir
    Path dir;

    @Test
    void aSequentialFirstSyncOfAnOrganisationWithUnlistedAthletesIsExact() {
        FakeOrganisation org = withUnlistedAthletes(41);
        try (SyncFixture fixture = SyncFixture.start(dir, FakeValorApi.builder().organisation(org).latencyMs(LATENCY))) {
            fixture.sync(fixture.options().withPageSize(PAGE).withPartitioning(new Partitioning(1, Partitioning.DEFAULT_FULL_PASS_EVERY)));

            assertSameLiveSessions(org, fixture.store);
            assertLastRunPaged(fixture.store, "full", "--parallel 1");
        }
    }

    /**
     * The shape scaled down (50 athletes, 3,000 sessions and 40 sessions of 40 athletes
     * nobody lists, spread through the scan): enough pages for a first sync to have handed over
     * to per-athlete partitions after 8 of its 16 pages, which saw about half of the 40.
     */
    @Test
    void aFirstSyncWithPartitionsOnPagesTheWholeOrganisationInOnePassAndIsExact() {
        FakeOrganisation org = withUnlistedAthletes(42);
        try (SyncFixture fixture = SyncFixture.start(dir, FakeValorApi.builder().organisation(org).latencyMs(LATENCY))) {
            SyncOptions options = fixture.options().withPageSize(PAGE).withPartitioning(Partitioning.DEFAULT);
            fixture.sync(options);

            assertSameLiveSessions(org, fixture.store);
            assertTrue(fixture.api.requests().stream().filter(r -> r.endpoint().equals("sessions"))
                    .allMatch(r -> r.query().get("athleteID") == null), "no request pages one athlete: one pass over the organisation");
            assertLastRunPaged(fixture.store, "full", "first sync");
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM sync_passes"), "no pass left part way");
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM sync_deferred_indexes"), "the indexes deferred for the load are built");

            fixture.sync(options); // the no-change run after it, however it pages
            assertSameLiveSessions(org, fixture.store);
        }
    }

    /** A first sync with partitions on, stopped part way: the next run resumes its one pass, and ends exact. */
    @Test
    void aFirstSyncStoppedPartWayIsResumedAsOnePassAndEndsExact() throws Exception {
        FakeOrganisation org = withUnlistedAthletes(47);
        try (SyncFixture fixture = SyncFixture.start(dir, FakeValorApi.builder().organisation(org).latencyMs(LATENCY))) {
            SyncOptions options = fixture.options().withPageSize(PAGE).withPartitioning(Partitioning.DEFAULT);
            Sync sync = new Sync(options, Log.silent(TestIo.capture().io()), Progress.none());
            CompletableFuture<SyncReport> running = CompletableFuture.supplyAsync(sync::run);
            TestDb.awaitCount(fixture.db, "SELECT COUNT(*) FROM sessions", 1000, Duration.ofSeconds(60));
            sync.requestStop(2);
            ExecutionException stopped = assertThrows(ExecutionException.class, () -> running.get(60, TimeUnit.SECONDS));
            assertInstanceOf(Sync.Interrupted.class, stopped.getCause());
            assertEquals(1L, fixture.store.count("SELECT COUNT(*) FROM sync_passes WHERE entity = 'sessions' AND scope = 'all'"));
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM sync_runs WHERE last_full_pass_at IS NOT NULL"), "no full pass yet");

            fixture.sync(options);

            assertSameLiveSessions(org, fixture.store);
            assertLastRunPaged(fixture.store, "full", "resuming an interrupted full pass");
        }
    }

    /**
     * An athlete listed with nothing recorded leaves the list and records sessions: no partition
     * would page them (the store knows them from no session), so the run that sees the list shrink
     * pages the whole organisation, and the run after it may partition again.
     */
    @OnBothEngines
    void aRunAfterAnAthleteLeavesTheListPagesTheWholeOrganisationAndIsExact(String engine) {
        FakeOrganisation org = FakeOrganisation.generate(43, 12, 2400);
        FakeAthlete leaver = org.addAthletes(1).get(0);
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeValorApi.builder().organisation(org).latencyMs(FAR))) {
            SyncOptions options = fixture.options().withPageSize(PAGE).withPartitioning(Partitioning.DEFAULT);
            fixture.sync(options);
            fixture.sync(options);
            assertLastRunPaged(fixture.store, "partitioned", "partitions pay");

            org.unlistAthlete(leaver.athleteId());
            org.insertSessionsOf(List.of(leaver.athleteId()), 6);
            String deleted = org.sessions().get(100).sessionId();
            org.deleteSession(deleted);
            int requestsBefore = fixture.api.requests().size();

            fixture.sync(options);

            assertSameLiveSessions(org, fixture.store);
            assertEquals(1L, fixture.store.count("SELECT COUNT(*) FROM sessions WHERE session_id = ? AND deleted_at IS NOT NULL", deleted));
            assertTrue(fixture.api.requests().subList(requestsBefore, fixture.api.requests().size()).stream()
                    .filter(r -> r.endpoint().equals("sessions")).allMatch(r -> r.query().get("athleteID") == null), "one pass");
            assertLastRunPaged(fixture.store, "full", "athlete list shrank");
            Map<String, Object> run = lastRun(fixture.store);
            assertEquals(1L, fixture.store.count("SELECT COUNT(*) FROM athletes WHERE athlete_id = ? AND deleted_at IS NOT NULL"
                    + " AND deleted_at <= ?", leaver.athleteId(), run.get("last_full_pass_at")), "the full pass began after the leaver was seen gone");

            fixture.sync(options);
            assertSameLiveSessions(org, fixture.store);
            assertLastRunPaged(fixture.store, "partitioned", "partitions pay");
            assertEquals(run.get("last_full_pass_at"), lastRun(fixture.store).get("last_full_pass_at"), "the last full pass is still the one before");
        }
    }

    /** Without /athletes a partition could page only the athletes already stored: every run pages the whole organisation. */
    @Test
    void withoutTheAthleteListEveryRunPagesTheWholeOrganisation() {
        FakeOrganisation org = FakeOrganisation.generate(46, 6, 600);
        try (SyncFixture fixture = SyncFixture.start(dir, FakeValorApi.builder().organisation(org).missingEndpoints(Set.of("athletes")))) {
            SyncOptions options = fixture.options().withPartitioning(Partitioning.DEFAULT);
            fixture.sync(options);
            org.insertSessionsOf(List.of(org.addAthletes(1).get(0).athleteId()), 3);

            fixture.sync(options);

            assertSameLiveSessions(org, fixture.store);
            assertLastRunPaged(fixture.store, "full", "/athletes not available");
        }
    }

    /**
     * A store an earlier version synced: its first sync handed over to partitions part way
     * (sessions_pass 'learned') and never stored some sessions of unlisted athletes. Migration 010
     * finds no complete full pass among its runs, so the next run makes one, and finds them.
     */
    @Test
    void aStoreWhoseFirstSyncHandedOverToPartitionsMakesAFullPassOnItsNextRun() {
        FakeOrganisation org = withUnlistedAthletes(44);
        try (SyncFixture fixture = SyncFixture.start(dir, FakeValorApi.builder().organisation(org).latencyMs(LATENCY))) {
            SyncOptions options = fixture.options().withPageSize(PAGE).withPartitioning(Partitioning.DEFAULT);
            fixture.sync(options);
            Set<String> listed = org.athletes().stream().map(FakeAthlete::athleteId).collect(Collectors.toSet());
            List<String> missed = org.sessions().stream().filter(s -> !listed.contains(s.athleteId())).map(FakeSession::sessionId)
                    .toList().subList(0, 30);
            missed.forEach(id -> fixture.store.execute("DELETE FROM sessions WHERE session_id = ?", id));
            fixture.store.execute("UPDATE sync_runs SET sessions_pass = 'learned', sessions_pass_reason = NULL, last_full_pass_at = NULL");
            fixture.store.execute("DELETE FROM schema_migrations WHERE version = 10");
            try (Handle ignored = Database.openForWriting(fixture.store.location())) {
                // opening for writing applies the migrations the store lacks
            }
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM sync_runs WHERE last_full_pass_at IS NOT NULL"));

            fixture.sync(options);

            assertSameLiveSessions(org, fixture.store);
            assertLastRunPaged(fixture.store, "full", "no full pass yet");
        }
    }

    /** Migration 010 dates the last full pass of each earlier run from the runs that made one and ended ok. */
    @Test
    void theLastFullPassOfRunsBeforeMigration010IsTheirLastCompleteFullPass() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(45, 4, 200))) {
            for (int run = 0; run < 4; run++) fixture.sync();
            fixture.store.execute("UPDATE sync_runs SET sessions_pass = CASE WHEN run_id = 3 THEN 'partitioned' ELSE 'full' END,"
                    + " status = CASE WHEN run_id = 4 THEN 'failed' ELSE status END, sessions_pass_reason = NULL, last_full_pass_at = NULL");
            fixture.store.execute("DELETE FROM schema_migrations WHERE version = 10");
            try (Handle ignored = Database.openForWriting(fixture.store.location())) {
                // opening for writing applies the migrations the store lacks
            }
            List<Map<String, Object>> runs = fixture.store.rows("SELECT run_id, started_at, last_full_pass_at FROM sync_runs ORDER BY run_id");
            assertEquals(runs.get(0).get("started_at"), runs.get(0).get("last_full_pass_at"));
            assertEquals(runs.get(1).get("started_at"), runs.get(1).get("last_full_pass_at"));
            assertEquals(runs.get(1).get("started_at"), runs.get(2).get("last_full_pass_at"), "a partitioned run: the full pass before it");
            assertEquals(runs.get(1).get("started_at"), runs.get(3).get("last_full_pass_at"), "a failed run's pass may not have completed");
        }
    }

    private static FakeOrganisation withUnlistedAthletes(long seed) {
        FakeOrganisation org = FakeOrganisation.generate(seed, 50, 3000);
        org.addUnlistedSessions(40);
        return org;
    }

    /** The store's live sessions are exactly the organisation's, by id (SyncTest compares their fields). */
    static void assertSameLiveSessions(FakeOrganisation org, TestStore store) {
        Set<String> upstream = org.sessions().stream().map(FakeSession::sessionId).collect(Collectors.toSet());
        Set<String> live = store.rows("SELECT session_id FROM sessions WHERE deleted_at IS NULL").stream()
                .map(row -> (String) row.get("session_id")).collect(Collectors.toSet());
        Set<String> missing = new HashSet<>(upstream);
        missing.removeAll(live);
        Set<String> extra = new HashSet<>(live);
        extra.removeAll(upstream);
        assertEquals(Set.of(), missing, missing.size() + " of the organisation's " + upstream.size() + " sessions are not live in the store");
        assertEquals(Set.of(), extra, extra.size() + " sessions live in the store are not the organisation's");
        SyncTest.assertSessionsMatch(org.sessions(), store.location());
    }

    /** The last run's sessions_pass, why (the reason's leading words), and when the last full pass began. */
    private static void assertLastRunPaged(TestStore store, String mode, String why) {
        Map<String, Object> run = lastRun(store);
        assertEquals(mode, run.get("sessions_pass"), run.toString());
        assertTrue(((String) run.get("sessions_pass_reason")).startsWith(why), run.toString());
        assertNotNull(run.get("last_full_pass_at"), run.toString());
        if (mode.equals("full")) {
            assertTrue(!((Timestamp) run.get("last_full_pass_at")).before((Timestamp) run.get("started_at")), "this run's: " + run);
        }
    }

    private static Map<String, Object> lastRun(TestStore store) {
        return store.rows("SELECT started_at, sessions_pass, sessions_pass_reason, last_full_pass_at, round_trip_ms, page_store_ms FROM sync_runs"
                + " ORDER BY run_id DESC LIMIT 1").get(0);
    }
}
