package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeOrganisation.FakeAssessment;
import valor.fake.FakeOrganisation.FakeAthlete;
import valor.fake.FakeOrganisation.FakeSession;

/** The views in sql/views/ against what the organisation shows now: deleted rows are left out, and kept in the tables. */
class AnalystViewsTest {
    @TempDir
    static Path dir;
    static AnalystStore store;

    @BeforeAll
    static void syncAnOrganisation() {
        store = AnalystStore.synced(dir, 17, 10, 600);
    }

    @Test
    void athleteSummaryHasOneRowPerAthleteWithTheirSessionsAndLastAssessment() {
        FakeOrganisation org = store.organisation;
        List<Map<String, Object>> rows = store.rows("select * from athlete_summary order by athlete_id");

        assertEquals(org.athletes().stream().map(FakeAthlete::athleteId).sorted().toList(),
                rows.stream().map(r -> r.get("athlete_id")).toList(), "every athlete the API still lists, and only those");
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("athlete_id");
            FakeAthlete athlete = org.athlete(id).orElseThrow();
            List<FakeSession> sessions = org.sessionsOf(id);
            assertEquals(SavedQueriesTest.name(athlete), row.get("athlete_name"));
            assertEquals(athlete.email(), row.get("email"));
            assertEquals(sessions.size(), SavedQueriesTest.number(row, "sessions").intValue());
            SavedQueriesTest.assertMinutes(sessions, row.get("total_min"));
            assertEquals(sessions.stream().map(FakeSession::recordedAt).min(Comparator.naturalOrder()).map(Instant::toString).orElse(null),
                    row.get("first_session_at"));
            assertEquals(sessions.stream().map(FakeSession::recordedAt).max(Comparator.naturalOrder()).map(Instant::toString).orElse(null),
                    row.get("last_session_at"));
            List<FakeAssessment> assessments = org.assessments().stream().filter(a -> a.athleteId().equals(id))
                    .sorted(Comparator.comparing(FakeAssessment::recordedAt).reversed().thenComparing(FakeAssessment::assessmentId)).toList();
            assertEquals(assessments.size(), SavedQueriesTest.number(row, "assessments").intValue());
            if (assessments.isEmpty()) {
                assertNull(row.get("last_assessment_at"));
            } else {
                assertEquals(assessments.get(0).recordedAt().toString(), row.get("last_assessment_at"));
                assertEquals(assessments.get(0).name(), row.get("last_assessment_name"));
            }
        }
        assertTrue(rows.stream().anyMatch(r -> SavedQueriesTest.number(r, "sessions").intValue() == 0), "an athlete without sessions has 0");
    }

    @Test
    void deletedRowsAreLeftOutOfTheViewsButKeptInTheTables() {
        assertEquals(1L, TestDb.count(store.db, "SELECT COUNT(*) FROM athletes WHERE athlete_id = ? AND deleted_at IS NOT NULL", store.deletedAthlete));
        assertEquals(0L, TestDb.count(store.db, "SELECT COUNT(*) FROM athlete_summary WHERE athlete_id = ?", store.deletedAthlete));
        assertEquals(600L, TestDb.count(store.db, "SELECT COUNT(*) FROM sessions"));
        assertEquals(store.organisation.sessionCount(), TestDb.count(store.db, "SELECT COUNT(*) FROM session_details"));
        for (String session : store.deletedSessions) {
            assertEquals(0L, TestDb.count(store.db, "SELECT COUNT(*) FROM session_details WHERE session_id = ?", session));
        }
        Set<String> visible = store.organisation.assessments().stream().map(FakeAssessment::assessmentId).collect(Collectors.toSet());
        List<String> inView = TestDb.rows(store.db, "SELECT assessment_id FROM assessment_details").stream()
                .map(r -> (String) r.get("assessment_id")).toList();
        assertEquals(visible, Set.copyOf(inView));
        assertTrue(TestDb.count(store.db, "SELECT COUNT(*) FROM assessments WHERE deleted_at IS NOT NULL") > 0,
                "the deleted athlete's assessments are kept, marked deleted");
        assertFalse(inView.isEmpty());
    }

    @Test
    void assessmentDetailsCountOnlyTheSessionsThatAreLeft() {
        FakeOrganisation org = store.organisation;
        Map<String, List<FakeSession>> sessions = org.sessions().stream().filter(s -> s.assessmentId() != null)
                .collect(Collectors.groupingBy(FakeSession::assessmentId));
        for (Map<String, Object> row : store.rows("select assessment_id, sessions, total_min from assessment_details")) {
            List<FakeSession> mine = sessions.getOrDefault((String) row.get("assessment_id"), List.of());
            assertEquals(mine.size(), SavedQueriesTest.number(row, "sessions").intValue());
            SavedQueriesTest.assertMinutes(mine, row.get("total_min"));
        }
    }

    @Test
    void sessionDetailsGiveEachDurationInMinutesToTwoDecimals() {
        Map<String, Object> minutes = store.rows("select session_id, duration_min from session_details").stream()
                .collect(Collectors.toMap(r -> (String) r.get("session_id"), r -> r.get("duration_min")));
        assertEquals(store.organisation.sessionCount(), minutes.size());
        for (FakeSession session : store.organisation.sessions()) {
            assertEquals(SavedQueriesTest.minutes2(session.durationSeconds()),
                    ((Number) minutes.get(session.sessionId())).doubleValue(), 0.0, session.durationSeconds() + " s");
        }
    }

    /**
     * The minutes are NUMERIC(18,2), which a length from the API can outgrow (it sends any number):
     * such a session's minutes, and its athlete's and assessment's, are NULL, and every other row
     * reads as usual, rather than the whole view failing on a numeric overflow.
     */
    @OnBothEngines
    void aLengthTooLongForMinutesIsNullNotAnErrorForTheWholeView(String engine, @TempDir Path home) {
        FakeOrganisation org = FakeOrganisation.generate(17, 3, 12);
        FakeSession absurd = org.sessions().stream().filter(s -> s.assessmentId() != null).findFirst().orElseThrow();
        FakeSession ordinary = org.sessions().stream().filter(s -> !s.athleteId().equals(absurd.athleteId())).findFirst().orElseThrow();
        org.updateSession(absurd.sessionId(), s -> s.withDuration(1e300));
        org.updateSession(ordinary.sessionId(), s -> s.withDuration(90));
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, home), org)) {
            assertEquals("ok", fixture.sync().status());
            TestStore views = fixture.store;
            assertEquals(1e300, views.value(Double.class, "SELECT duration_s FROM session_details WHERE session_id = ?", absurd.sessionId()));
            assertEquals(List.of(Map.of("duration_min", new BigDecimal("1.50"))),
                    views.rows("SELECT duration_min FROM session_details WHERE session_id = ?", ordinary.sessionId()));
            assertNull(views.rows("SELECT duration_min FROM session_details WHERE session_id = ?", absurd.sessionId()).get(0).get("duration_min"));
            assertNull(views.rows("SELECT total_min FROM athlete_summary WHERE athlete_id = ?", absurd.athleteId()).get(0).get("total_min"));
            assertNull(views.rows("SELECT total_min FROM assessment_details WHERE assessment_id = ?", absurd.assessmentId()).get(0).get("total_min"));
            assertEquals(org.sessions().size() - 1, views.count("SELECT COUNT(duration_min) FROM session_details"));
            assertTrue(views.count("SELECT COUNT(total_min) FROM athlete_summary") >= 1, "the other athlete's minutes");
        }
    }
}
