package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;
import valor.store.DatabaseLocation;
import valor.sync.Partitioning;
import valor.sync.SyncReport;

/**
 * /sessions paged as one pass per athlete, several at a time: exactly what one pass over the
 * organisation gives, sessions of athletes /athletes does not list included, deletes reconciled
 * per athlete, every partition resumed after a kill, and a throttle met by several partitions at
 * once survived; and only where it pays.
 */
class ParallelSyncTest {
    private static final Partitioning FOUR = new Partitioning(4, Partitioning.DEFAULT_FULL_PASS_EVERY);
    /** A network where waiting for pages, not storing them, sets the pace: where partitions pay. */
    private static final int LATENCY = 120;
    /** As far again, for a test on both engines: storing a page on PostgreSQL can take longer than 120 ms does. */
    private static final int FAR = 250;

    @TempDir
    Path dir;

    @OnBothEngines
    void aPartitionedRunIsExactWithUnlistedAthletesUpstreamEditsAndDeletes(String engine) {
        FakeOrganisation org = FakeOrganisation.generate(31, 12, 3000);
        List<String> unlisted = org.athletes().subList(3, 5).stream().map(FakeOrganisation.FakeAthlete::athleteId).toList();
        unlisted.forEach(org::unlistAthlete);
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeValorApi.builder().organisation(org).latencyMs(FAR))) {
            fixture.sync(fixture.options().withPageSize(200).withPartitioning(FOUR));
            assertEquals("full", lastSessionsPass(fixture.store.location()), "a first sync pages the whole organisation in one pass");
            SyncTest.assertSessionsMatch(org.sessions(), fixture.store.location());

            List<String> goneWithAllTheirSessions = org.sessionsOf(unlisted.get(1)).stream().map(FakeOrganisation.FakeSession::sessionId).toList();
            goneWithAllTheirSessions.forEach(org::deleteSession);
            org.addSessions(20);
            org.insertSessions(10);
            List<FakeOrganisation.FakeSession> sessions = org.sessions();
            for (int i = 0; i < 5; i++) org.updateSession(sessions.get(i * 97).sessionId(), s -> s.withSessionName("Edited upstream"));
            String deletedSession = sessions.get(1001).sessionId();
            org.deleteSession(deletedSession);
            String unlistedsDeleted = org.sessionsOf(unlisted.get(0)).get(0).sessionId();
            org.deleteSession(unlistedsDeleted);
            int requestsBefore = fixture.api.requests().size();

            SyncReport report = fixture.sync(fixture.options().withPageSize(200).withPartitioning(FOUR));

            assertEquals("partitioned", lastSessionsPass(fixture.store.location()));
            List<FakeValorApi.LoggedRequest> sessionRequests = fixture.api.requests().subList(requestsBefore, fixture.api.requests().size())
                    .stream().filter(r -> r.endpoint().equals("sessions")).toList();
            assertTrue(sessionRequests.stream().allMatch(r -> r.query().get("athleteID") != null), "every request pages one athlete");
            assertTrue(sessionRequests.stream().map(r -> r.query().get("athleteID")).toList().containsAll(unlisted),
                    "athletes /athletes does not list, known from their sessions, are paged too");
            SyncTest.assertSessionsMatch(org.sessions(), fixture.store.location());
            assertEquals(30, report.counts("sessions").added());
            assertEquals(5, report.counts("sessions").updated());
            assertEquals(2 + goneWithAllTheirSessions.size(), report.counts("sessions").deleted(),
                    "deletes reconciled per athlete, those of an unlisted athlete none of whose sessions are left included");
            assertEquals(2, fixture.store.count("SELECT COUNT(*) FROM sessions WHERE deleted_at IS NOT NULL AND session_id IN (?, ?)",
                    deletedSession, unlistedsDeleted));
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM sync_passes"));

            String leaver = org.athletes().get(0).athleteId();
            int leaversSessions = org.sessionsOf(leaver).size();
            org.deleteAthlete(leaver);

            report = fixture.sync(fixture.options().withPageSize(200).withPartitioning(FOUR));

            assertEquals("full", lastSessionsPass(fixture.store.location()), "an athlete left the list: they may still have sessions");
            SyncTest.assertSessionsMatch(org.sessions(), fixture.store.location());
            assertEquals(leaversSessions, report.counts("sessions").deleted(), "the leaver's sessions, gone with them");
        }
    }

    @Test
    void theIndexesAnInterruptedLoadLeftUnbuiltAreBuiltBeforePartitionsLookUpByAthlete() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeValorApi.builder().organisation(FakeOrganisation.generate(36, 6, 1200)).latencyMs(LATENCY))) {
            fixture.sync(fixture.options().withPageSize(100).withPartitioning(FOUR));
            TestDb.execute(fixture.db, "DROP INDEX sessions_by_athlete_cover");
            TestDb.execute(fixture.db, "INSERT INTO sync_deferred_indexes (table_name, index_name, rebuild) VALUES ('sessions',"
                    + " 'SESSIONS_BY_ATHLETE_COVER', 'CREATE INDEX IF NOT EXISTS sessions_by_athlete_cover ON sessions (athlete_id, recorded_at, exercise_id, duration_s, deleted_at, updated_at)')");

            fixture.sync(fixture.options().withPageSize(100).withPartitioning(FOUR));

            assertEquals("partitioned", lastSessionsPass(fixture.db), TestDb.rows(fixture.db, "SELECT * FROM sync_runs").toString());
            assertEquals(0L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sync_deferred_indexes"));
            assertEquals(1L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'SESSIONS_BY_ATHLETE_COVER'"));
        }
    }

    @Test
    void whereOneRequestPerAthleteCostsMoreThanOnePassTheSyncPagesOnce() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeValorApi.builder().organisation(FakeOrganisation.generate(32, 120, 1200)).latencyMs(LATENCY))) {
            fixture.sync(fixture.options().withPageSize(100).withPartitioning(FOUR));
            fixture.sync(fixture.options().withPageSize(100).withPartitioning(FOUR));
            assertEquals("full", lastSessionsPass(fixture.db), "120 athletes of about 10 sessions: 120 requests against 12 pages");

            fixture.sync(fixture.options().withPageSize(100).withPartitioning(new Partitioning(4, Duration.ZERO)));
            assertEquals("full", lastSessionsPass(fixture.db), "--full-pass-every 0: every run is a full pass");
        }
    }

    @Test
    void theDefaultPagesOnceWhereTheApiAnswersFastAndPartitionsWhereItsLatencySetsThePace() throws Exception {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(37, 8, 8000))) { // no added latency
            fixture.sync(fixture.options().withPageSize(1000).withPartitioning(FOUR));
            int requestsBefore = fixture.api.requests().size();

            fixture.sync(fixture.options().withPageSize(1000).withPartitioning(FOUR));

            assertTrue(fixture.api.requests().subList(requestsBefore, fixture.api.requests().size()).stream()
                    .noneMatch(r -> r.query().get("athleteID") != null), "an API that answers at once: no request per athlete");
            assertEquals("full", lastSessionsPass(fixture.db));
            String reason = (String) TestDb.rows(fixture.db, "SELECT sessions_pass_reason FROM sync_runs ORDER BY run_id DESC").get(0)
                    .get("sessions_pass_reason");
            assertTrue(reason.startsWith("one pass is as fast (about "), reason);
            Map<String, Object> measured = TestDb.rows(fixture.db, "SELECT sessions_records, sessions_ms, sessions_cpu_ms, sessions_requests,"
                    + " api_latency_ms, api_ms_per_mb FROM sync_runs ORDER BY run_id DESC").get(0);
            assertEquals(8000L, ((Number) measured.get("sessions_records")).longValue());
            assertTrue(((Number) measured.get("sessions_requests")).longValue() >= 8, "8 pages of 1000, one request each: " + measured);
            assertTrue(((Number) measured.get("sessions_cpu_ms")).longValue() > 0, measured.toString());
        }
        Path far = Files.createDirectory(dir.resolve("far"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (SyncFixture fixture = SyncFixture.start(far, FakeValorApi.builder().organisation(FakeOrganisation.generate(37, 8, 8000))
                .latencyMs(400))) {
            fixture.sync(fixture.options().withPageSize(1000).withPartitioning(FOUR));
            fixture.sync(fixture.options().withPageSize(1000).withPartitioning(FOUR));
            assertEquals("partitioned", lastSessionsPass(fixture.db), "400 ms a request, 8 pages of 1000 for 8 athletes: the latency sets the pace");
            assertEquals(Boolean.FALSE, TestDb.rows(fixture.db, "SELECT athlete_pages_filtered FROM sync_runs ORDER BY run_id DESC").get(0)
                    .get("athlete_pages_filtered"), "asked once: an athlete's pages come full");
            Map<String, Object> run = TestDb.rows(fixture.db, "SELECT api_latency_ms, one_pass_estimate_ms, sessions_ms FROM sync_runs ORDER BY run_id DESC").get(0);
            double latency = ((Number) run.get("api_latency_ms")).doubleValue();
            assertTrue(latency >= 400 && latency < 1000, "measured from requests that ran alone: " + run);
            assertTrue(((Number) run.get("sessions_ms")).longValue() < ((Number) run.get("one_pass_estimate_ms")).longValue(),
                    "partitions beat what one pass was estimated to take: " + run);
        }
    }

    /**
     * Where athleteID filters a page of everyone's sessions after reading it (valor-api.md), each
     * athlete's pass takes as many requests as one pass over all: the planner asks the API once, with
     * one request, before it would partition, and pages once; later runs go by the answer.
     */
    @Test
    void whereTheApiFiltersAnAthletesPagesAfterReadingThemTheSyncAsksOnceAndPagesOnce() {
        FakeOrganisation org = FakeOrganisation.generate(39, 8, 8000);
        try (SyncFixture fixture = SyncFixture.start(dir, FakeValorApi.builder().organisation(org).latencyMs(400)
                .athleteFilter(FakeValorApi.AthleteFilter.SCAN))) {
            fixture.sync(fixture.options().withPageSize(1000).withPartitioning(FOUR));
            org.addSessions(5);
            for (int run = 0; run < 2; run++) {
                int requestsBefore = fixture.api.requests().size();

                fixture.sync(fixture.options().withPageSize(1000).withPartitioning(FOUR));

                assertEquals("full", lastSessionsPass(fixture.db));
                Map<String, Object> last = TestDb.rows(fixture.db, "SELECT sessions_pass_reason, athlete_pages_filtered FROM sync_runs"
                        + " ORDER BY run_id DESC").get(0);
                assertTrue(((String) last.get("sessions_pass_reason")).startsWith("one pass is as fast (the API filters a page of everyone's"),
                        last.toString());
                long perAthlete = fixture.api.requests().subList(requestsBefore, fixture.api.requests().size()).stream()
                        .filter(r -> r.query().get("athleteID") != null).count();
                assertEquals(run == 0 ? 1 : 0, perAthlete, "one request asks, on the first run that would partition only");
                assertEquals(run == 0 ? Boolean.TRUE : null, last.get("athlete_pages_filtered"), last.toString());
                SyncTest.assertSessionsMatch(org.sessions(), fixture.db);
            }
        }
    }

    @Test
    void aPartitionedRunSlowerThanOnePassMakesTheNextRunAFullPass() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeValorApi.builder().organisation(FakeOrganisation.generate(38, 8, 1600)).latencyMs(LATENCY))) {
            fixture.sync(fixture.options().withPageSize(200).withPartitioning(FOUR));
            fixture.sync(fixture.options().withPageSize(200).withPartitioning(FOUR));
            assertEquals("partitioned", lastSessionsPass(fixture.db));
            // As if the partitions had taken longer than one pass was estimated to.
            TestDb.execute(fixture.db, "UPDATE sync_runs SET sessions_ms = one_pass_estimate_ms + 1000 WHERE sessions_pass = 'partitioned'");

            fixture.sync(fixture.options().withPageSize(200).withPartitioning(FOUR));
            fixture.sync(fixture.options().withPageSize(200).withPartitioning(FOUR));

            List<Map<String, Object>> runs = TestDb.rows(fixture.db, "SELECT sessions_pass, sessions_pass_reason FROM sync_runs ORDER BY run_id DESC");
            for (Map<String, Object> run : runs.subList(0, 2)) {
                assertEquals("full", run.get("sessions_pass"));
                assertTrue(((String) run.get("sessions_pass_reason")).startsWith("partitions were slower last time"), run.toString());
            }
        }
    }

    @Test
    void aThrottleSeveralPartitionsMeetAtOnceIsSurvivedWithBoundedRetries() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeValorApi.builder().organisation(FakeOrganisation.generate(33, 8, 2000)).latencyMs(LATENCY))) {
            fixture.sync(fixture.options().withPageSize(100).withPartitioning(FOUR));
            fixture.organisation().addSessions(10);
            fixture.api.faults().add("sessions@" + (fixture.api.requestCount("sessions") + 3) + "x6=429"); // counted since the server started

            SyncReport report = fixture.sync(fixture.options().withPageSize(100).withPartitioning(FOUR));

            assertEquals("partitioned", lastSessionsPass(fixture.db));
            SyncTest.assertSessionsMatch(fixture.organisation().sessions(), fixture.db);
            assertTrue(report.retries() >= 6 && report.retries() <= 12, "each throttled request retried, boundedly: " + report.retries());
        }
    }

    @Test
    void aParallelSyncKilledMidWayResumesEveryPartitionAndEndsExact() throws Exception {
        FakeOrganisation org = FakeOrganisation.generate(34, 6, 3000);
        try (FakeValorApi api = FakeValorApi.builder().organisation(org).latencyMs(300).start()) {
            Path db = dir.resolve("parallel.mv.db");
            String[] args = {"--db", db.toString(), "--base-url", api.baseUrl().toString(), "--token", api.token(),
                    "--page-size", "50", "--parallel", "4"};
            String[] firstArgs = args.clone();
            firstArgs[firstArgs.length - 3] = "500"; // a first sync is one pass: in fewer pages, the same data
            assertEquals(0, TestIo.inHome(dir).run(new SyncCommand(), firstArgs).exitCode(), "a first, full sync");
            org.insertSessions(12);
            List<FakeOrganisation.FakeSession> sessions = org.sessions();
            org.updateSession(sessions.get(5).sessionId(), s -> s.withDuration(s.durationSeconds() + 1));
            org.deleteSession(sessions.get(7).sessionId());

            Path log = dir.resolve("sync.log");
            Process sync = JavaProcess.start(log, SyncCommand.class, args);
            // Only once the sync holds the store: a test connection before would serve it, and survive the kill.
            while (!Files.readString(log).contains("one pass per athlete")) {
                assertTrue(sync.isAlive(), Files.readString(log));
                Thread.sleep(20);
            }
            TestDb.awaitCount(db, "SELECT COUNT(*) FROM sync_passes WHERE scope LIKE 'athlete:%'", 3, Duration.ofSeconds(60));
            Thread.sleep(1000); // H2 writes commits to disk within WRITE_DELAY (0.5 s); let the checkpoints reach it
            sync.destroyForcibly();
            assertTrue(sync.waitFor(20, TimeUnit.SECONDS));
            long partitionsLeft = TestDb.count(db, "SELECT COUNT(*) FROM sync_passes WHERE scope LIKE 'athlete:%'");
            assertTrue(partitionsLeft > 0, "killed with partitions under way: " + Files.readString(log));
            org.insertSessions(3); // and more changes while it is down
            org.deleteSession(sessions.get(9).sessionId());
            int requestsBefore = api.requests().size();

            Process rerun = JavaProcess.start(dir.resolve("rerun.log"), SyncCommand.class, args);
            assertTrue(rerun.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, rerun.exitValue(), Files.readString(dir.resolve("rerun.log")));

            SyncTest.assertSessionsMatch(org.sessions(), db);
            assertEquals("partitioned", lastSessionsPass(db));
            assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM sync_passes"));
            long requests = api.requests().subList(requestsBefore, api.requests().size()).stream()
                    .filter(r -> r.endpoint().equals("sessions")).count();
            long onePassOfEachAthlete = org.athletes().stream()
                    .mapToLong(a -> Math.max(1, (org.sessionsOf(a.athleteId()).size() + 49) / 50)).sum();
            assertTrue(requests <= onePassOfEachAthlete + org.athletes().size(),
                    "one pass's worth of each athlete's pages plus one per partition: " + requests + " > " + onePassOfEachAthlete);
        }
    }

    private static String lastSessionsPass(Path db) {
        return lastSessionsPass(TestDb.at(db));
    }

    private static String lastSessionsPass(DatabaseLocation store) {
        return TestDb.value(store, String.class, "SELECT sessions_pass FROM sync_runs ORDER BY run_id DESC LIMIT 1");
    }
}
