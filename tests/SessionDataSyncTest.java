package valor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.api.ApiUrl;
import valor.api.Credentials;
import valor.api.Pager;
import valor.base.Failure;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.fake.FakeOrganisation.FakeSession;
import valor.fake.FakeSessionData;
import valor.fake.FakeSessionDataEndpoint;
import valor.fake.FakeValorApi;
import valor.sessiondata.SessionDataKind;
import valor.sessiondata.SessionDataOptions;
import valor.sync.SyncOptions;
import valor.sync.SyncReport;

/** valor-sync --with reports,ik against the fake API and a real H2 file. */
class SessionDataSyncTest {
    @TempDir
    Path dir;

    static SyncOptions with(SyncFixture fixture, int concurrency, SessionDataKind... kinds) {
        return fixture.options().withSessionData(new SessionDataOptions(Set.of(kinds), concurrency));
    }

    static SyncReport syncWith(SyncFixture fixture, SessionDataKind... kinds) {
        return fixture.sync(with(fixture, 4, kinds));
    }

    /** The s3Keys a fake endpoint was asked for from request number {@code after} on. */
    static List<String> keysAsked(FakeValorApi api, String endpoint, int after) {
        List<FakeValorApi.LoggedRequest> all = api.requests(endpoint);
        return all.subList(after, all.size()).stream().map(r -> r.query().get("s3Key")).toList();
    }

    /** The report rows the fake's JSON holds, read with a plain tree walk: "group|metric|side|avg_max|score". */
    static Set<String> expectedReportRows(JsonNode body) {
        Set<String> rows = new HashSet<>();
        body.get("WorkoutMetrics").properties().forEach(group -> group.getValue().properties().forEach(metric ->
                metric.getValue().properties().forEach(side -> rows.add(group.getKey() + "|" + metric.getKey() + "|" + side.getKey()
                        + "|" + side.getValue().get("AvgMax").asDouble() + "|" + side.getValue().get("Score").asDouble()))));
        return rows;
    }

    static Set<String> storedReportRows(Path db, String sessionId) {
        return storedReportRows(db).getOrDefault(sessionId, Set.of());
    }

    /** Every session's stored report rows, in one query (each TestDb call opens the file). */
    static Map<String, Set<String>> storedReportRows(Path db) {
        return TestDb.rows(db, "SELECT session_id, metric_group, metric, side, avg_max, score FROM report_metrics").stream()
                .collect(Collectors.groupingBy(r -> (String) r.get("session_id"), Collectors.mapping(r -> r.get("metric_group") + "|"
                        + r.get("metric") + "|" + r.get("side") + "|" + r.get("avg_max") + "|" + r.get("score"), Collectors.toSet())));
    }

    @Test
    void reportsOfEverySessionAreStoredFlattenedWithTheirRawJson() throws Exception {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(31, 6, 40))) {
            SyncReport report = syncWith(fixture, SessionDataKind.REPORTS);

            assertEquals(40, fixture.api.requestCount("reportData"), "one call per session");
            assertEquals(0, fixture.api.requestCount("ikData"));
            assertEquals(Map.of("fetched", 40L, "skipped", 0L, "failed", 0L), report.fetches("reports").asMap());
            assertEquals(Map.of("run_id", 1L, "kind", "reports", "fetched", 40, "skipped", 0, "failed", 0),
                    TestDb.rows(fixture.db, "SELECT * FROM sync_run_fetches").get(0));
            long fields = 0;
            Map<String, Set<String>> stored = storedReportRows(fixture.db);
            Map<String, Object> raw = TestDb.rows(fixture.db, "SELECT session_id, CAST(raw AS VARCHAR) AS raw FROM session_reports").stream()
                    .collect(Collectors.toMap(r -> (String) r.get("session_id"), r -> r.get("raw")));
            for (FakeSession session : fixture.organisation().sessions()) {
                JsonNode body = FakePayloads.report(fixture.api, session.s3Key());
                assertEquals(expectedReportRows(body), stored.get(session.sessionId()), session.sessionId());
                assertEquals(body, Json.parse(String.valueOf(raw.get(session.sessionId()))), "the raw report is kept");
                fields += numericFields(body);
            }
            assertEquals(fields, TestDb.count(fixture.db, "SELECT COUNT(*) FROM report_metric_fields"), "every numeric field is kept");
            assertEquals(TestDb.count(fixture.db, "SELECT COUNT(*) FROM report_metrics"),
                    TestDb.count(fixture.db, "SELECT COUNT(*) FROM report_metric_details"), "the view joins every row to its session");
            assertEquals(0L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM report_metric_details WHERE athlete_name IS NULL OR exercise_name IS NULL"));
        }
    }

    private static long numericFields(JsonNode node) {
        if (node.isNumber()) return 1;
        long count = 0;
        for (JsonNode child : node) count += numericFields(child);
        return count;
    }

    @Test
    void aSecondRunWithNothingNewMakesNoReportOrIkCalls() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(32, 5, 25))) {
            syncWith(fixture, SessionDataKind.REPORTS, SessionDataKind.IK);
            long reportCalls = fixture.api.requestCount("reportData"), ikCalls = fixture.api.requestCount("ikData");
            assertEquals(25, reportCalls);
            assertEquals(25, ikCalls);
            List<Map<String, Object>> before = TestDb.rows(fixture.db, "SELECT session_id, kind, stored_at FROM session_data_fetches ORDER BY 1, 2");

            SyncReport again = syncWith(fixture, SessionDataKind.REPORTS, SessionDataKind.IK);

            assertEquals(reportCalls, fixture.api.requestCount("reportData"), "no report calls");
            assertEquals(ikCalls, fixture.api.requestCount("ikData"), "no IK calls");
            assertEquals(Map.of("fetched", 0L, "skipped", 25L, "failed", 0L), again.fetches("reports").asMap());
            assertEquals(Map.of("fetched", 0L, "skipped", 25L, "failed", 0L), again.fetches("ik").asMap());
            assertEquals(before, TestDb.rows(fixture.db, "SELECT session_id, kind, stored_at FROM session_data_fetches ORDER BY 1, 2"));
            assertTrue(again.summaryLine().contains("reports 0 fetched, 25 skipped, 0 failed; ik 0 fetched, 25 skipped, 0 failed"),
                    again.summaryLine());
        }
    }

    @Test
    void onlyNewSessionsAndSessionsWhoseS3KeyChangedAreFetchedAgain() throws Exception {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(33, 5, 30))) {
            syncWith(fixture, SessionDataKind.REPORTS, SessionDataKind.IK);
            FakeOrganisation org = fixture.organisation();
            FakeSession rekeyed = org.sessions().get(4);
            String newKey = rekeyed.s3Key().replace(".json", "-v2.json");
            org.updateSession(rekeyed.sessionId(), s -> s.withS3Key(newKey));
            List<FakeSession> added = org.addSessions(2);
            int reportsBefore = (int) fixture.api.requestCount("reportData"), ikBefore = (int) fixture.api.requestCount("ikData");

            SyncReport report = syncWith(fixture, SessionDataKind.REPORTS, SessionDataKind.IK);

            Set<String> expected = Set.of(newKey, added.get(0).s3Key(), added.get(1).s3Key());
            assertEquals(expected, new HashSet<>(keysAsked(fixture.api, "reportData", reportsBefore)));
            assertEquals(expected, new HashSet<>(keysAsked(fixture.api, "ikData", ikBefore)));
            assertEquals(3, keysAsked(fixture.api, "ikData", ikBefore).size());
            assertEquals(Map.of("fetched", 3L, "skipped", 29L, "failed", 0L), report.fetches("ik").asMap());

            assertEquals(expectedReportRows(FakePayloads.report(fixture.api, newKey)), storedReportRows(fixture.db, rekeyed.sessionId()),
                    "the re-keyed session's report was replaced, not added to");
            assertEquals(newKey, TestDb.value(fixture.db, String.class, "SELECT s3_key FROM ik_series WHERE session_id = ?", rekeyed.sessionId()));
            JsonNode ik = FakePayloads.ik(fixture.api, newKey);
            assertEquals(ik.get("left_knee_flexion").size(), TestDb.count(fixture.db,
                    "SELECT COUNT(*) FROM IK_SAMPLES(?, 'left_knee_flexion')", rekeyed.sessionId()));
            assertEquals(FakeSessionData.JOINTS.size(), TestDb.count(fixture.db, "SELECT COUNT(*) FROM ik_joint_summary WHERE session_id = ?",
                    rekeyed.sessionId()));
        }
    }

    @Test
    void ikSeriesAreStoredLosslesslyWithSummariesAndReadBackAsRows() throws Exception {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(34, 4, 8))) {
            SyncReport report = syncWith(fixture, SessionDataKind.IK);
            assertEquals(8, report.fetches("ik").fetched());

            for (FakeSession session : fixture.organisation().sessions().subList(0, 3)) {
                String bodyText = FakePayloads.get(fixture.api, "ikData", session.s3Key()).envelope().get("body").asText();
                JsonNode body = Json.parse(bodyText);
                double[] time = FakePayloads.doubles(body.get("time"));
                Map<String, Object> series = TestDb.rows(fixture.db, "SELECT * FROM ik_series WHERE session_id = ?", session.sessionId()).get(0);
                assertEquals(time.length, series.get("samples"));
                assertEquals(time[time.length - 1] - time[0], (Double) series.get("duration_s"), 1e-12);
                assertEquals((long) bodyText.length(), series.get("json_bytes"));
                assertTrue((Long) series.get("stored_bytes") * 5 < bodyText.length(), "at least 5 times smaller than the JSON: " + series);

                Map<String, Map<String, Object>> summaries = TestDb.rows(fixture.db, "SELECT * FROM ik_joint_summary WHERE session_id = ?",
                        session.sessionId()).stream().collect(Collectors.toMap(r -> (String) r.get("joint"), r -> r));
                List<Map<String, Object>> rows = TestDb.rows(fixture.db,
                        "SELECT sample, time_s, joint, angle, velocity, acceleration FROM IK_SAMPLES(?)", session.sessionId());
                assertEquals(time.length * FakeSessionData.JOINTS.size(), rows.size());
                for (int j = 0; j < FakeSessionData.JOINTS.size(); j++) {
                    String joint = FakeSessionData.JOINTS.get(j);
                    double[] angle = FakePayloads.doubles(body.get(joint));
                    double[] velocity = FakePayloads.doubles(body.get(joint + "_vel"));
                    double[] acceleration = FakePayloads.doubles(body.get(joint + "_acc"));
                    for (int i = 0; i < time.length; i++) {
                        Map<String, Object> row = rows.get(j * time.length + i);
                        assertEquals(List.of(i, time[i], joint, angle[i], velocity[i], acceleration[i]),
                                List.of(row.get("sample"), row.get("time_s"), row.get("joint"), row.get("angle"), row.get("velocity"),
                                        row.get("acceleration")), "exactly the JSON's numbers");
                    }
                    Map<String, Object> summary = summaries.get(joint);
                    double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0, peakVelocity = 0, peakAcceleration = 0;
                    for (int i = 0; i < angle.length; i++) {
                        min = Math.min(min, angle[i]);
                        max = Math.max(max, angle[i]);
                        sum += angle[i];
                        peakVelocity = Math.max(peakVelocity, Math.abs(velocity[i]));
                        peakAcceleration = Math.max(peakAcceleration, Math.abs(acceleration[i]));
                    }
                    assertEquals(angle.length, summary.get("samples"));
                    assertEquals(min, summary.get("min_angle"));
                    assertEquals(max, summary.get("max_angle"));
                    assertEquals(max - min, (Double) summary.get("range_of_motion"), 1e-9);
                    assertEquals(sum / angle.length, (Double) summary.get("mean_angle"), 1e-9);
                    assertEquals(peakVelocity, summary.get("peak_abs_velocity"));
                    assertEquals(peakAcceleration, summary.get("peak_abs_acceleration"));
                    assertEquals(time[time.length - 1], (Double) summary.get("duration_s"), 1e-12);
                }
                List<Map<String, Object>> oneJoint = TestDb.rows(fixture.db, "SELECT angle FROM IK_SAMPLES(?, 'right_elbow_flexion')",
                        session.sessionId());
                assertArrayEquals(FakePayloads.doubles(body.get("right_elbow_flexion")),
                        oneJoint.stream().mapToDouble(r -> (Double) r.get("angle")).toArray());
            }
            assertEquals(0L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM IK_SAMPLES('no-such-session')"));
            assertEquals(8L * FakeSessionData.JOINTS.size(),
                    TestDb.count(fixture.db, "SELECT COUNT(*) FROM ik_joint_details"), "the view joins every joint summary to its session");
        }
    }

    @Test
    void oneSessionsFailureIsRecordedWithoutStoppingOthersAndRetriedOnTheNextRun() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(35, 6, 30))) {
            fixture.api.faults().add("reportData@3=404").add("reportData@7x4=503"); // x4: every attempt of FAST_RETRY
            SyncReport first = fixture.sync(with(fixture, 1, SessionDataKind.REPORTS));

            assertEquals("ok", first.status());
            assertEquals(Map.of("fetched", 28L, "skipped", 0L, "failed", 2L), first.fetches("reports").asMap());
            List<FakeValorApi.LoggedRequest> requests = fixture.api.requests("reportData");
            String notFound = requests.get(2).query().get("s3Key");
            String unavailable = requests.get(6).query().get("s3Key");
            Map<String, Map<String, Object>> failures = TestDb.rows(fixture.db, "SELECT * FROM session_data_fetches WHERE status = 'failed'")
                    .stream().collect(Collectors.toMap(r -> (String) r.get("s3_key"), r -> r));
            assertEquals(Set.of(notFound, unavailable), failures.keySet());
            assertEquals(404, failures.get(notFound).get("http_status"));
            assertTrue(String.valueOf(failures.get(notFound).get("error")).contains("HTTP 404"), failures.toString());
            assertTrue(String.valueOf(failures.get(unavailable).get("error")).contains("failed 4 time(s), last: HTTP 503"), failures.toString());
            assertEquals(1, failures.get(notFound).get("attempts"));
            assertNotNull(failures.get(notFound).get("last_attempt_at"));
            assertEquals(28L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM session_reports"));
            assertEquals(2L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM session_data_failures WHERE kind = 'reports' AND NOT older_data_kept"));
            assertTrue(first.warnings().stream().anyMatch(w -> w.contains("reports: 2 session(s) could not be fetched")), first.warnings().toString());
            assertEquals(2, TestDb.value(fixture.db, Integer.class, "SELECT failed FROM sync_run_fetches WHERE run_id = 1"));

            long asked = fixture.api.requestCount("reportData");
            fixture.api.faults().add("reportData@" + (asked + 1) + "x2=404");
            SyncReport second = fixture.sync(with(fixture, 1, SessionDataKind.REPORTS));
            assertEquals(Set.of(notFound, unavailable), new HashSet<>(keysAsked(fixture.api, "reportData", (int) asked)), "only the failures are retried");
            assertEquals(Map.of("fetched", 0L, "skipped", 28L, "failed", 2L), second.fetches("reports").asMap());
            assertEquals(2L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM session_data_fetches WHERE attempts = 2"));

            fixture.api.faults().clear();
            SyncReport third = fixture.sync(with(fixture, 1, SessionDataKind.REPORTS));
            assertEquals(Map.of("fetched", 2L, "skipped", 28L, "failed", 0L), third.fetches("reports").asMap());
            assertEquals(0L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM session_data_fetches WHERE status <> 'stored' OR error IS NOT NULL"
                    + " OR attempts <> 0"));
            assertEquals(30L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM session_reports"));
        }
    }

    @Test
    void aMalformedBodyFailsThatSessionOnlyAndIsNotRetriedWithinTheRun() {
        FakeOrganisation org = FakeOrganisation.generate(36, 4, 12);
        String badKey = org.sessions().get(3).s3Key();
        FakeSessionDataEndpoint real = FakeSessionDataEndpoint.ik(org);
        FakeValorApi.Builder builder = FakeValorApi.builder().organisation(org).endpoint("ikData", call -> badKey.equals(call.query("s3Key"))
                ? new FakeValorApi.Reply(200, "{\"statusCode\":200,\"body\":\"{\\\"time\\\": [0, 0.0167\"}".getBytes(StandardCharsets.UTF_8), Map.of())
                : real.handle(call));
        try (SyncFixture fixture = SyncFixture.start(dir, builder)) {
            SyncReport report = syncWith(fixture, SessionDataKind.IK);

            assertEquals(Map.of("fetched", 11L, "skipped", 0L, "failed", 1L), report.fetches("ik").asMap());
            assertEquals(1, fixture.api.requests("ikData").stream().filter(r -> badKey.equals(r.query().get("s3Key"))).count());
            Map<String, Object> failure = TestDb.rows(fixture.db, "SELECT * FROM session_data_failures").get(0);
            assertEquals(badKey, failure.get("s3_key"));
            assertTrue(String.valueOf(failure.get("error")).contains("not valid JSON"), failure.toString());
            assertEquals(0L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM ik_joint_series WHERE session_id = ?", org.sessions().get(3).sessionId()));
        }
    }

    @Test
    void aFailedRefetchKeepsTheDataStoredForTheOldKey() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(37, 4, 10))) {
            syncWith(fixture, SessionDataKind.REPORTS);
            FakeSession session = fixture.organisation().sessions().get(2);
            Set<String> before = storedReportRows(fixture.db, session.sessionId());
            String newKey = session.s3Key().replace(".json", "-v2.json");
            fixture.organisation().updateSession(session.sessionId(), s -> s.withS3Key(newKey));
            fixture.api.faults().add("reportData@" + (fixture.api.requestCount("reportData") + 1) + "=404");

            SyncReport report = syncWith(fixture, SessionDataKind.REPORTS);

            assertEquals(1, report.fetches("reports").failed());
            assertEquals(before, storedReportRows(fixture.db, session.sessionId()), "the old report stays");
            Map<String, Object> state = TestDb.rows(fixture.db, "SELECT * FROM session_data_fetches WHERE session_id = ?", session.sessionId()).get(0);
            assertEquals(List.of("failed", newKey, session.s3Key()), List.of(state.get("status"), state.get("s3_key"), state.get("stored_s3_key")));
            assertEquals(true, TestDb.value(fixture.db, Boolean.class, "SELECT older_data_kept FROM session_data_failures"));

            SyncReport retried = syncWith(fixture, SessionDataKind.REPORTS);
            assertEquals(1, retried.fetches("reports").fetched());
            assertEquals(newKey, TestDb.value(fixture.db, String.class, "SELECT s3_key FROM session_reports WHERE session_id = ?", session.sessionId()));
        }
    }

    @Test
    void aRefusedTokenStopsThePhaseAsAnAuthenticationFailureWithoutBlamingSessions() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(38, 4, 40))) {
            fixture.api.faults().add("reportData@5x100=401");
            Failure failure = assertThrows(Failure.class, () -> syncWith(fixture, SessionDataKind.REPORTS));

            assertEquals(Failure.AUTH, failure.exitCode());
            assertTrue(failure.getMessage().contains("refused the token"), failure.getMessage());
            assertEquals("failed", TestDb.value(fixture.db, String.class, "SELECT status FROM sync_runs"));
            assertEquals(40L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));
            assertEquals(0L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM session_data_fetches WHERE status = 'failed'"));
            assertTrue(fixture.api.requestCount("reportData") < 20, "stopped early: " + fixture.api.requestCount("reportData"));
        }
    }

    @Test
    void aForbiddenSessionIsThatSessionsFailureOnly() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(38, 4, 12))) {
            fixture.api.faults().add("ikData@2=403");
            SyncReport report = fixture.sync(with(fixture, 1, SessionDataKind.IK));

            assertEquals("ok", report.status());
            assertEquals(Map.of("fetched", 11L, "skipped", 0L, "failed", 1L), report.fetches("ik").asMap());
            assertEquals(403, TestDb.value(fixture.db, Integer.class, "SELECT http_status FROM session_data_failures"));
        }
    }

    @Test
    void aRenewedTokenAfterA401IsUsedAndTheSessionIsNotFailed() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(39, 4, 10))) {
            fixture.api.acceptToken(token -> token.equals(fixture.api.token()) || token.equals("renewed-token"));
            fixture.api.faults().add("reportData@3=401");
            AtomicInteger renewals = new AtomicInteger();
            AtomicBoolean renewed = new AtomicBoolean();
            Credentials renewable = new Credentials() {
                @Override
                public String bearer() {
                    return renewed.get() ? "renewed-token" : fixture.api.token();
                }

                @Override
                public boolean renew() {
                    renewals.incrementAndGet();
                    renewed.set(true);
                    return true;
                }
            };
            SyncOptions options = new SyncOptions(TestDb.at(fixture.db), ApiUrl.parse(fixture.api.baseUrl().toString(), "test"), renewable,
                    List.of(), 50, SyncFixture.FAST_RETRY, java.time.Duration.ofSeconds(5), Pager.Limits.DEFAULT, false,
                    new SessionDataOptions(Set.of(SessionDataKind.REPORTS), 1), valor.sync.Partitioning.DEFAULT);
            SyncReport report = fixture.sync(options);

            assertEquals(1, renewals.get());
            assertEquals(Map.of("fetched", 10L, "skipped", 0L, "failed", 0L), report.fetches("reports").asMap());
        }
    }

    @Test
    void throttlingIsRetriedHonouringRetryAfter() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(40, 3, 6))) {
            fixture.api.faults().add("ikData@2=429:1");
            long started = System.nanoTime();
            SyncReport report = syncWith(fixture, SessionDataKind.IK);
            assertTrue((System.nanoTime() - started) / 1_000_000 >= 1000, "waited for Retry-After: 1");
            assertEquals(6, report.fetches("ik").fetched());
            assertTrue(report.retries() >= 1);
        }
    }

    @Test
    void whenEverySessionFailsThePhaseStopsInsteadOfAskingForEachOne() {
        FakeValorApi.Builder builder = FakeValorApi.builder().organisation(FakeOrganisation.generate(41, 5, 150))
                .missingEndpoints(Set.of("reportData"));
        try (SyncFixture fixture = SyncFixture.start(dir, builder)) {
            Failure failure = assertThrows(Failure.class, () -> fixture.sync(with(fixture, 2, SessionDataKind.REPORTS)));

            assertEquals(Failure.FAILED, failure.exitCode());
            assertTrue(failure.getMessage().startsWith("stopped fetching after 20 sessions in a row failed (last: GET /reportData returned HTTP 404"),
                    failure.getMessage());
            assertTrue(fixture.api.requestCount("reportData") <= 26, "asked " + fixture.api.requestCount("reportData"));
            assertEquals(20L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM session_data_fetches WHERE status = 'failed'"));
            assertEquals(150L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"), "the sessions are stored all the same");
            assertEquals("failed", TestDb.value(fixture.db, String.class, "SELECT status FROM sync_runs"));
            assertEquals(20, TestDb.value(fixture.db, Integer.class, "SELECT failed FROM sync_run_fetches"));
        }
    }

    @Test
    void aSyncLimitedToAnAthleteFetchesOnlyTheirSessions() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(42, 5, 60))) {
            String athlete = fixture.organisation().sessions().get(0).athleteId();
            Set<String> theirs = fixture.organisation().sessionsOf(athlete).stream().map(FakeSession::s3Key).collect(Collectors.toSet());
            SyncReport report = fixture.sync(with(fixture, 3, SessionDataKind.REPORTS).withAthletes(List.of(athlete)));

            assertEquals(theirs, new HashSet<>(keysAsked(fixture.api, "reportData", 0)));
            assertEquals(theirs.size(), report.fetches("reports").fetched());
        }
    }

    @Test
    void requestsRunInParallelButNeverMoreThanTheConcurrencyAtOnce() {
        FakeOrganisation org = FakeOrganisation.generate(43, 5, 40);
        FakeSessionDataEndpoint real = FakeSessionDataEndpoint.reports(org);
        AtomicInteger now = new AtomicInteger(), most = new AtomicInteger();
        FakeValorApi.Builder builder = FakeValorApi.builder().organisation(org).threads(16).endpoint("reportData", call -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(40);
                return real.handle(call);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FakeValorApi.Reply.message(500, "interrupted");
            } finally {
                now.decrementAndGet();
            }
        });
        try (SyncFixture fixture = SyncFixture.start(dir, builder)) {
            fixture.sync(with(fixture, 3, SessionDataKind.REPORTS));
            assertEquals(3, most.get(), "three requests at once, no more");
            assertEquals(40L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM session_reports"));
        }
    }

    @Test
    void migrationsCreateTheSessionDataTablesAndTheSamplesFunction() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(44, 2, 3))) {
            fixture.sync();
            List<String> tables = TestDb.rows(fixture.db, "SELECT LOWER(table_name) AS t FROM information_schema.tables WHERE table_schema = 'PUBLIC'")
                    .stream().map(r -> (String) r.get("t")).toList();
            assertTrue(tables.containsAll(List.of("session_reports", "report_metrics", "report_metric_fields", "ik_series", "ik_joint_series",
                    "ik_joint_summary", "session_data_fetches", "sync_run_fetches", "report_metric_details", "report_metric_asymmetry",
                    "ik_joint_details", "session_data_failures")), tables.toString());
            assertTrue(TestDb.count(fixture.db, "SELECT COUNT(*) FROM information_schema.routines WHERE routine_name = 'IK_SAMPLES'") > 0,
                    "the IK_SAMPLES function exists");
            assertEquals(0L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM session_data_fetches"), "a plain sync fetches no session data");
        }
    }
}
