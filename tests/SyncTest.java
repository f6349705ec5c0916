package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeShape;
import valor.fake.FakeValorApi;
import valor.store.DatabaseLocation;
import valor.sync.EntityCounts;
import valor.sync.SyncReport;

/** The sync against the fake API and a real store, an H2 file and a PostgreSQL database: what lands in it, and what a re-sync changes. */
class SyncTest {
    @TempDir
    Path dir;

    @OnBothEngines
    void aFullSyncStoresEverySessionWithTypedColumnsAndRawJson(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(7, 12, 300))) {
            SyncReport report = fixture.sync();

            assertEquals(300, report.counts("sessions").added());
            assertEquals(12, report.counts("athletes").added());
            assertSessionsMatch(fixture.organisation().sessions(), fixture.store.location());
            assertEquals(12, fixture.store.count("SELECT COUNT(*) FROM athletes WHERE source = 'api' AND first_name IS NOT NULL"));
            assertEquals(fixture.organisation().exercises().size(),
                    fixture.store.count("SELECT COUNT(*) FROM exercises WHERE source = 'api' AND name IS NOT NULL"));
            assertEquals(300L, fixture.store.count("SELECT COUNT(*) FROM session_details WHERE athlete_name <> '' AND exercise_name IS NOT NULL"),
                    "the view joins every session to its athlete and exercise names");
            String raw = fixture.store.value(String.class, "SELECT raw FROM sessions LIMIT 1");
            assertTrue(raw.contains("\"SessionID\"") && raw.contains("\"s3Key\""), raw);

            Map<String, Object> run = fixture.store.rows("SELECT * FROM sync_runs").get(0);
            assertEquals("ok", run.get("status"));
            assertEquals(fixture.api.requests().size(), ((Number) run.get("pages")).intValue(), "one page per request, no retries");
            assertEquals(6, fixture.api.requestCount("sessions"), "300 sessions in pages of 50");
            assertNotNull(run.get("finished_at"));
            assertEquals(300L, fixture.store.count("SELECT added FROM sync_run_counts WHERE entity = 'sessions'"));
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM sync_passes"), "completed passes leave no checkpoint");
            assertEquals(6, fixture.store.indexesOn("sessions"), "the primary key and five indexes: those deferred for the first load are rebuilt");
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM sync_deferred_indexes"));
        }
    }

    @OnBothEngines
    void aSecondSyncWithNoChangesRewritesNothing(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(7, 12, 300))) {
            fixture.sync();
            List<Map<String, Object>> before = fixture.store.rows("SELECT session_id, updated_at, first_seen_at FROM sessions ORDER BY 1");

            SyncReport again = fixture.sync();

            assertEquals(0, again.counts("sessions").added() + again.counts("sessions").updated() + again.counts("sessions").deleted());
            assertEquals(300, again.counts("sessions").unchanged());
            assertEquals(12, again.counts("athletes").unchanged());
            assertEquals(before, fixture.store.rows("SELECT session_id, updated_at, first_seen_at FROM sessions ORDER BY 1"));
        }
    }

    @OnBothEngines
    void changedAddedAndDeletedSessionsAreDetectedAndNothingIsRemoved(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(7, 12, 300))) {
            fixture.sync();
            FakeOrganisation org = fixture.organisation();
            String changed = org.sessions().get(3).sessionId();
            String gone = org.sessions().get(4).sessionId();
            LocalDateTime firstSeen = fixture.store.value(LocalDateTime.class, "SELECT first_seen_at FROM sessions WHERE session_id = ?", changed);
            org.updateSession(changed, s -> s.withDuration(1234.5));
            org.deleteSession(gone);
            org.addSessions(5);

            SyncReport report = fixture.sync();

            EntityCounts sessions = report.counts("sessions");
            assertEquals(List.of(5L, 1L, 298L, 1L), List.of(sessions.added(), sessions.updated(), sessions.unchanged() + 0, sessions.deleted()));
            assertEquals(1234.5, fixture.store.value(Double.class, "SELECT duration_s FROM sessions WHERE session_id = ?", changed));
            assertEquals(firstSeen, fixture.store.value(LocalDateTime.class, "SELECT first_seen_at FROM sessions WHERE session_id = ?", changed));
            assertNotNull(fixture.store.value(LocalDateTime.class, "SELECT deleted_at FROM sessions WHERE session_id = ?", gone));
            assertEquals(305L, fixture.store.count("SELECT COUNT(*) FROM sessions"), "the deleted session's row is kept");

            org.restoreSession(gone);
            SyncReport back = fixture.sync();
            assertEquals(1, back.counts("sessions").updated());
            assertNull(fixture.store.value(LocalDateTime.class, "SELECT deleted_at FROM sessions WHERE session_id = ?", gone));
        }
    }

    @OnBothEngines
    void anAthleteTheApiNoLongerListsIsMarkedDeletedWithTheirSessions(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(3, 8, 200))) {
            fixture.sync();
            String athlete = fixture.organisation().sessions().get(0).athleteId();
            long theirSessions = fixture.organisation().sessionsOf(athlete).size();
            fixture.organisation().deleteAthlete(athlete);

            SyncReport report = fixture.sync();

            assertEquals(1, report.counts("athletes").deleted());
            assertEquals(theirSessions, report.counts("sessions").deleted());
            assertEquals(theirSessions, fixture.store.count("SELECT COUNT(*) FROM sessions WHERE athlete_id = ? AND deleted_at IS NOT NULL", athlete));
        }
    }

    @OnBothEngines
    void aSyncLimitedToOneAthleteStoresAndReconcilesOnlyThatAthlete(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(5, 6, 240))) {
            FakeOrganisation org = fixture.organisation();
            List<String> athletes = org.sessions().stream().map(FakeOrganisation.FakeSession::athleteId).distinct().toList();
            String mine = athletes.get(0);
            String other = athletes.get(1);

            SyncReport first = fixture.syncAthletes(mine);
            assertEquals(org.sessionsOf(mine).size(), first.counts("sessions").added());
            assertEquals("athletes", first.sessionsPass());
            assertNull(first.lastFullPass(), "no pass over the organisation yet");
            assertEquals(Set.of(mine), Set.copyOf(fixture.store.rows("SELECT DISTINCT athlete_id FROM sessions")
                    .stream().map(r -> (String) r.get("athlete_id")).toList()));
            assertEquals(1L, fixture.store.count("SELECT COUNT(*) FROM athletes"), "only the chosen athlete is stored");
            assertTrue(fixture.api.requests().stream().filter(r -> r.endpoint().equals("sessions"))
                    .allMatch(r -> mine.equals(r.query().get("athleteID"))), "the filter is sent as athleteID");

            SyncReport full = fixture.sync();
            org.deleteSession(org.sessionsOf(mine).get(0).sessionId());
            org.deleteSession(org.sessionsOf(other).get(0).sessionId());
            SyncReport filtered = fixture.syncAthletes(mine);
            assertEquals("full", full.sessionsPass());
            assertEquals(full.lastFullPass().truncatedTo(ChronoUnit.MILLIS), filtered.lastFullPass().truncatedTo(ChronoUnit.MILLIS),
                    "a run limited with --athlete is no full pass");

            assertEquals(1, filtered.counts("sessions").deleted());
            assertEquals(1L, fixture.store.count("SELECT COUNT(*) FROM sessions WHERE deleted_at IS NOT NULL AND athlete_id = ?", mine));
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM sessions WHERE deleted_at IS NOT NULL AND athlete_id = ?", other),
                    "a filtered pass says nothing about other athletes");
        }
    }

    @OnBothEngines
    void missingOptionalEndpointsAreRecordedAndFilledInFromSessions(String engine) {
        FakeValorApi.Builder api = FakeValorApi.builder().organisation(FakeOrganisation.generate(9, 5, 120))
                .missingEndpoints(Set.of("assessments", "exercises", "athletes"));
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), api)) {
            SyncReport report = fixture.sync();
            FakeOrganisation org = fixture.organisation();

            assertEquals(Set.of("assessments", "exercises", "athletes"), report.unavailable().keySet());
            assertTrue(report.warnings().stream().anyMatch(w -> w.startsWith("/exercises is not available")), report.warnings().toString());
            Map<String, String> exerciseNames = org.sessions().stream().collect(Collectors.toMap(
                    FakeOrganisation.FakeSession::exerciseId, FakeOrganisation.FakeSession::sessionName, (a, b) -> a));
            List<Map<String, Object>> stored = fixture.store.rows("SELECT exercise_id, name, source FROM exercises");
            assertEquals(exerciseNames.size(), stored.size());
            for (Map<String, Object> row : stored) {
                assertEquals(exerciseNames.get(row.get("exercise_id")), row.get("name"));
                assertEquals("sessions", row.get("source"));
            }
            long assessmentIds = org.sessions().stream().map(FakeOrganisation.FakeSession::assessmentId).filter(Objects::nonNull).distinct().count();
            assertEquals(assessmentIds, fixture.store.count("SELECT COUNT(*) FROM assessments WHERE athlete_id IS NOT NULL AND assessed_at IS NOT NULL"));
            long athletesWithSessions = org.sessions().stream().map(FakeOrganisation.FakeSession::athleteId).distinct().count();
            assertEquals(athletesWithSessions, fixture.store.count("SELECT COUNT(*) FROM athletes WHERE source = 'sessions'"));
            assertEquals(3L, fixture.store.count("SELECT COUNT(*) FROM sync_endpoints WHERE NOT available"));
        }
    }

    @OnBothEngines
    void aRunAfterOneThatDidNotFinishFillsInWhatItsSessionsNeedEvenWithNoChanges(String engine) {
        FakeValorApi.Builder api = FakeValorApi.builder().organisation(FakeOrganisation.generate(9, 5, 120))
                .missingEndpoints(Set.of("assessments", "exercises", "athletes"));
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), api)) {
            fixture.sync();
            long athletes = fixture.store.count("SELECT COUNT(*) FROM athletes WHERE source = 'sessions'");
            long exercises = fixture.store.count("SELECT COUNT(*) FROM exercises WHERE source = 'sessions'");
            // As a run killed after storing its last page of sessions, before filling in, leaves the store.
            fixture.store.execute("DELETE FROM athletes");
            fixture.store.execute("DELETE FROM exercises");
            fixture.store.execute("UPDATE sync_runs SET status = 'interrupted'");

            SyncReport again = fixture.sync();

            assertEquals(0, again.counts("sessions").added() + again.counts("sessions").updated());
            assertEquals(athletes, fixture.store.count("SELECT COUNT(*) FROM athletes WHERE source = 'sessions'"));
            assertEquals(exercises, fixture.store.count("SELECT COUNT(*) FROM exercises WHERE source = 'sessions'"));
            fixture.store.execute("DELETE FROM athletes");
            fixture.sync();
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM athletes"),
                    "after a run that finished, a run that wrote no session does not read them all again to look");
        }
    }

    @OnBothEngines
    void anEndpointAnsweringLikeApiGatewayForAnUnknownRouteCountsAsMissing(String engine) {
        FakeValorApi.Builder api = FakeValorApi.builder().organisation(FakeOrganisation.generate(9, 5, 60))
                .missingEndpoints(Set.of("assessments")).missingEndpointStatus(403);
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), api)) {
            SyncReport report = fixture.sync();
            assertEquals("HTTP 403", report.unavailable().get("assessments"));
            assertEquals(60, report.counts("sessions").added());
        }
    }

    @OnBothEngines
    void unknownFieldsAreKeptInTheRawJson(String engine) {
        FakeValorApi.Builder api = FakeValorApi.builder().organisation(FakeOrganisation.generate(1, 3, 20))
                .shape(FakeShape.DEFAULT.withExtraField("DeviceModel", "Valor Pod v3"));
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), api)) {
            fixture.sync();
            assertEquals(20L, fixture.store.count("SELECT COUNT(*) FROM sessions WHERE raw LIKE '%\"DeviceModel\":\"Valor Pod v3\"%'"));
        }
    }

    @OnBothEngines
    void anEmptyOrganisationIsAnEmptyStoreNotAnError(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(1, 3, 0))) {
            SyncReport report = fixture.sync();
            assertEquals("ok", report.status());
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM sessions"));
        }
    }

    /** Every stored session equals the fake's record, column by column. */
    static void assertSessionsMatch(List<FakeOrganisation.FakeSession> expected, Path db) {
        assertSessionsMatch(expected, TestDb.at(db), FakeShape.DEFAULT);
    }

    static void assertSessionsMatch(List<FakeOrganisation.FakeSession> expected, DatabaseLocation store) {
        assertSessionsMatch(expected, store, FakeShape.DEFAULT);
    }

    static void assertSessionsMatch(List<FakeOrganisation.FakeSession> expected, Path db, FakeShape shape) {
        assertSessionsMatch(expected, TestDb.at(db), shape);
    }

    /** As above, for dates sent in a shape that may drop the milliseconds. */
    static void assertSessionsMatch(List<FakeOrganisation.FakeSession> expected, DatabaseLocation store, FakeShape shape) {
        Map<String, Map<String, Object>> stored = TestDb.rows(store, "SELECT * FROM sessions WHERE deleted_at IS NULL").stream()
                .collect(Collectors.toMap(r -> (String) r.get("session_id"), r -> r));
        assertEquals(expected.size(), stored.size());
        for (FakeOrganisation.FakeSession session : expected) {
            Map<String, Object> row = stored.get(session.sessionId());
            assertNotNull(row, session.sessionId());
            LocalDateTime recorded = LocalDateTime.ofInstant(session.recordedAt(), ZoneOffset.UTC);
            if (!shape.dates().format(session.recordedAt()).contains(".")) recorded = recorded.truncatedTo(ChronoUnit.SECONDS);
            assertEquals(recorded, ((Timestamp) row.get("recorded_at")).toLocalDateTime(),
                    "recorded_at of " + session.sessionId());
            assertEquals(session.s3Key(), row.get("s3_key"));
            assertEquals(session.durationSeconds(), (Double) row.get("duration_s"), 1e-9);
            assertEquals(session.athleteId(), row.get("athlete_id"));
            assertEquals(session.assessmentId(), row.get("assessment_id"));
            assertEquals(session.standalone(), row.get("single_exercise"));
            assertEquals(session.exerciseId(), row.get("exercise_id"));
            assertEquals(session.sessionName(), row.get("session_name"));
        }
    }
}
