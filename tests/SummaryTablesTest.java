package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Failure;
import valor.base.Log;
import valor.fake.FakeOrganisation;
import valor.fake.FakeOrganisation.FakeSession;
import valor.store.Database;
import valor.store.DatabaseLocation;
import valor.sync.Progress;
import valor.sync.Sync;

/**
 * The summary tables valor-sync maintains (athlete_totals, athlete_weeks, athlete_exercises,
 * exercise_extremes, assessment_totals) against the same totals worked out here in Java from the
 * stored session rows: after a first sync, after upstream edits (durations, dates, a session moved
 * to another athlete, exercise and assessment, an assessment left without sessions), deletes,
 * restores and additions, an exercise renamed, after a sync that dies halfway, and when
 * migrations 006 and 009 fill them in a store synced before it; on H2 and on PostgreSQL.
 */
class SummaryTablesTest {
    @TempDir
    Path dir;

    @OnBothEngines
    void editsDeletesAndMovesUpstreamAreCountedAndOnlyTheAthletesTheyTouchAreRecomputed(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(11, 8, 600))) {
            fixture.sync();
            assertSummariesExact(fixture.store.location());
            FakeOrganisation org = fixture.organisation();
            List<String> athletes = org.athletes().stream().map(FakeOrganisation.FakeAthlete::athleteId).sorted().toList();
            String a = athletes.get(0), b = athletes.get(1);
            String untouched = athletes.stream().skip(2).filter(x -> !org.sessionsOf(x).isEmpty()).findFirst().orElseThrow();
            List<FakeSession> ofA = org.sessionsOf(a);
            List<FakeSession> ofB = org.sessionsOf(b);
            String otherExercise = org.exercises().stream().map(FakeOrganisation.FakeExercise::exerciseId)
                    .filter(e -> !e.equals(ofA.get(2).exerciseId())).findFirst().orElseThrow();
            Map<String, String> rowsBefore = rowIds(fixture.store, untouched);
            assertNotEquals(Map.of(), rowsBefore);

            org.updateSession(ofA.get(0).sessionId(), s -> s.withDuration(s.durationSeconds() + 1234.5));
            org.updateSession(ofA.get(1).sessionId(), s -> s.withRecordedAt(s.recordedAt().minus(30, ChronoUnit.DAYS)));
            org.updateSession(ofA.get(2).sessionId(), s -> new FakeSession(s.sessionId(), s.recordedAt(), s.s3Key(), s.durationSeconds(),
                    b, s.assessmentId(), otherExercise, s.sessionName())); // moved to another athlete and exercise
            String otherAssessment = ofA.stream().map(FakeSession::assessmentId).filter(Objects::nonNull)
                    .filter(x -> !x.equals(ofA.get(4).assessmentId())).findFirst().orElseThrow();
            org.updateSession(ofA.get(4).sessionId(), s -> new FakeSession(s.sessionId(), s.recordedAt(), s.s3Key(), s.durationSeconds(),
                    s.athleteId(), otherAssessment, s.exerciseId(), s.sessionName())); // moved to another of the athlete's assessments
            // Every session of another of the athlete's assessments becomes a standalone recording: it has none left.
            String emptied = ofA.stream().map(FakeSession::assessmentId).filter(Objects::nonNull)
                    .filter(x -> !x.equals(otherAssessment) && !x.equals(ofA.get(2).assessmentId()) && !x.equals(ofA.get(4).assessmentId()))
                    .findFirst().orElseThrow();
            for (FakeSession session : org.sessions().stream().filter(s -> emptied.equals(s.assessmentId())).toList()) {
                org.updateSession(session.sessionId(), s -> new FakeSession(s.sessionId(), s.recordedAt(), s.s3Key(),
                        s.durationSeconds(), s.athleteId(), null, s.exerciseId(), s.sessionName()));
            }
            org.deleteSession(ofB.get(0).sessionId());
            org.deleteSession(ofA.get(3).sessionId());
            fixture.sync();
            assertSummariesExact(fixture.store.location());
            assertEquals(rowsBefore, rowIds(fixture.store, untouched), "an athlete whose sessions did not change keeps its rows");

            org.restoreSession(ofB.get(0).sessionId());
            org.addSessions(25);
            fixture.sync();
            assertSummariesExact(fixture.store.location());
        }
    }

    @OnBothEngines
    void aSessionMovedAwayLeavesNoStaleRowsBehind(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(5, 3, 90))) {
            fixture.sync();
            FakeOrganisation org = fixture.organisation();
            List<String> athletes = org.athletes().stream().map(FakeOrganisation.FakeAthlete::athleteId).sorted().toList();
            // Every session of the first athlete moves to the second: the first keeps no live session.
            for (FakeSession session : org.sessionsOf(athletes.get(0))) {
                org.updateSession(session.sessionId(), s -> new FakeSession(s.sessionId(), s.recordedAt(), s.s3Key(),
                        s.durationSeconds(), athletes.get(1), s.assessmentId(), s.exerciseId(), s.sessionName()));
            }
            fixture.sync();
            assertSummariesExact(fixture.store.location());
            assertEquals(0L, fixture.store.count("SELECT COUNT(*) FROM athlete_totals WHERE athlete_id = ?", athletes.get(0)));
        }
    }

    @OnBothEngines
    void anExerciseRenamedUpstreamIsListedByItsNewNameInEveryAssessment(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(12, 4, 200))) {
            fixture.sync();
            FakeOrganisation org = fixture.organisation();
            String exercise = org.sessions().stream().filter(s -> s.assessmentId() != null).findFirst().orElseThrow().exerciseId();
            org.renameExercise(exercise, "Renamed Upstream");
            fixture.sync();
            assertSummariesExact(fixture.store.location());
            assertNotEquals(0L, fixture.store.count("SELECT COUNT(*) FROM assessment_details WHERE exercises LIKE '%Renamed Upstream%'"));
        }
    }

    @OnBothEngines
    void anAssessmentOrAthleteChangedUpstreamIsListedAsItIsNow(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(14, 5, 200))) {
            fixture.sync();
            FakeOrganisation org = fixture.organisation();
            List<String> assessed = org.sessions().stream().filter(s -> s.assessmentId() != null).map(FakeSession::athleteId).distinct()
                    .sorted().toList();
            String renamedAthlete = assessed.get(0), deletedAthlete = assessed.get(1);
            String renamedAssessment = org.sessions().stream().filter(s -> s.assessmentId() != null && assessed.get(2).equals(s.athleteId()))
                    .findFirst().orElseThrow().assessmentId();
            org.updateAthlete(renamedAthlete, a -> a.withFirstName("Zoë").withLastName("=Renamed"));
            org.deleteAthlete(deletedAthlete); // their sessions and assessments go too
            org.renameAssessment(renamedAssessment, "Retest, \"week 2\"");
            fixture.sync();
            assertSummariesExact(fixture.store.location());
            String listed = "SELECT athlete_id, athlete_name, assessment_name FROM assessment_totals WHERE listed";
            assertNotEquals(List.of(), fixture.store.rows(listed + " AND athlete_name = 'Zoë =Renamed'"));
            assertEquals(List.of(), fixture.store.rows(listed + " AND assessed_athlete_id = ?", deletedAthlete));
            assertEquals(1, fixture.store.rows(listed + " AND assessment_name = 'Retest, \"week 2\"'").size());

            fixture.sync(); // nothing changed: nothing recomputed
            Map<String, String> rows = rowIds(fixture.store, null);
            fixture.sync();
            assertEquals(rows, rowIds(fixture.store, null), "a sync that changed nothing rewrote no summary row");
        }
    }

    @OnBothEngines
    void aSyncThatDiesHalfwayIsCaughtUpByTheNextAndANoChangeSyncRecomputesNothing(String engine) {
        try (SyncFixture fixture = SyncFixture.start(TestStore.of(engine, dir), FakeOrganisation.generate(9, 6, 500))) {
            fixture.sync();
            FakeOrganisation org = fixture.organisation();
            // Changes spread over the whole scan, so the dying run stores some of them and not others.
            for (FakeSession session : org.sessions().stream().filter(s -> s.sessionId().hashCode() % 7 == 0).toList()) {
                org.updateSession(session.sessionId(), s -> s.withDuration(s.durationSeconds() / 2));
            }
            org.sessions().stream().filter(s -> s.sessionId().hashCode() % 11 == 0).limit(10).forEach(s -> org.deleteSession(s.sessionId()));
            fixture.api.faults().add("sessions@" + (fixture.api.requestCount("sessions") + 4) + "x100=500"); // the fake counts requests from its start
            assertThrows(Failure.class, fixture::sync);
            assertNotEquals(0L, fixture.store.count("SELECT COUNT(*) FROM sessions WHERE updated_at > first_seen_at"),
                    "the dying run stored some of the changes: " + fixture.store.rows("SELECT * FROM sync_run_counts"));
            fixture.api.faults().clear();

            fixture.sync();
            assertSummariesExact(fixture.store.location());
            Map<String, String> rows = rowIds(fixture.store, null);
            fixture.sync(); // nothing changed
            assertSummariesExact(fixture.store.location());
            assertEquals(rows, rowIds(fixture.store, null), "a sync that changed nothing rewrote no summary row");
        }
    }

    @Test
    void aFirstSyncCountsTheSummariesAsTheRowsGoInAndTheyEqualWhatTheQueriesBuild() {
        FakeOrganisation org = FakeOrganisation.generate(5, 7, 400);
        List<FakeSession> sessions = org.sessions();
        // An assessment done by two athletes, two of its sessions at the same instant (ordered by id), a
        // session of an exercise /exercises does not list (named from its sessions) and one moved to a new athlete.
        FakeSession first = sessions.stream().filter(s -> !s.standalone()).findFirst().orElseThrow();
        FakeSession sameAssessment = sessions.stream().filter(s -> first.assessmentId().equals(s.assessmentId()) && s != first)
                .findFirst().orElseThrow();
        String otherAthlete = org.athletes().stream().map(FakeOrganisation.FakeAthlete::athleteId)
                .filter(a -> !a.equals(first.athleteId())).findFirst().orElseThrow();
        org.updateSession(sameAssessment.sessionId(), s -> s.withAthlete(otherAthlete).withRecordedAt(first.recordedAt()));
        org.updateSession(sessions.get(7).sessionId(), s -> s.withSessionName("Renamed Session"));
        org.updateSession(sessions.get(9).sessionId(), s -> s.withAthlete("athlete-nobody-lists"));
        try (SyncFixture fixture = SyncFixture.start(dir, org)) {
            TestIo io = TestIo.capture();
            new Sync(fixture.options(), new Log(io.io(), true, false), Progress.none()).run();
            assertTrue(io.err().contains("summaries in") && io.err().contains("(counted as the sessions went in)"), io.err());
            assertSummariesExact(fixture.store.location());
            Map<String, List<Map<String, Object>>> counted = summaryRows(fixture.store);

            for (String table : List.of("athlete_totals", "athlete_weeks", "athlete_exercises", "exercise_extremes", "summary_state",
                    "assessment_totals")) {
                fixture.store.execute("DELETE FROM " + table);
            }
            TestIo again = TestIo.capture();
            new Sync(fixture.options(), new Log(again.io(), true, false), Progress.none()).run(); // nothing changed: rebuilt by queries
            assertTrue(again.err().contains("(by queries)"), again.err());
            assertEquals(summaryRows(fixture.store), counted);
        }
    }

    /** Every summary table's rows, sorted, with sums and means to six decimals (taken in another order they differ in the last bits). */
    static Map<String, List<Map<String, Object>>> summaryRows(TestStore store) {
        Map<String, List<Map<String, Object>>> tables = new TreeMap<>();
        for (String table : List.of("athlete_totals", "athlete_weeks", "athlete_exercises", "exercise_extremes", "assessment_totals")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : store.rows("SELECT * FROM " + table)) {
                Map<String, Object> rounded = new TreeMap<>();
                row.forEach((column, value) -> rounded.put(column, value instanceof Double d ? round(d)
                        : value instanceof BigDecimal d ? round(d.doubleValue()) : String.valueOf(value)));
                rows.add(rounded);
            }
            rows.sort(Comparator.comparing(Object::toString));
            tables.put(table, rows);
        }
        return tables;
    }

    @Test
    void theMigrationFillsTheSummariesOfAStoreSyncedBeforeIt() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(3, 5, 300))) {
            fixture.sync();
            fixture.organisation().deleteSession(fixture.organisation().sessions().get(0).sessionId());
            fixture.sync();
            for (String table : List.of("athlete_totals", "athlete_weeks", "athlete_exercises", "exercise_extremes", "summary_state",
                    "assessment_totals")) {
                TestDb.execute(fixture.db, "DELETE FROM " + table);
            }
            TestDb.execute(fixture.db, "DELETE FROM schema_migrations WHERE version IN (6, 9, 14)");
            try (Handle ignored = Database.openForWriting(TestDb.at(fixture.db))) {
                // opening for writing applies the migrations the store lacks
            }
            assertSummariesExact(TestDb.at(fixture.db));
            assertEquals(1L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM summary_state"));
        }
    }

    /** One stored session, as the summaries see it. */
    private record Stored(String sessionId, String athleteId, String exerciseId, LocalDateTime recordedAt, Double duration,
                          String assessmentId, String exerciseName) {}

    /** Each summary table equals the totals computed here from the live session rows. */
    static void assertSummariesExact(DatabaseLocation db) {
        Map<String, String> exerciseNames = new TreeMap<>();
        TestDb.rows(db, "SELECT exercise_id, name FROM exercises WHERE name IS NOT NULL")
                .forEach(r -> exerciseNames.put((String) r.get("exercise_id"), (String) r.get("name")));
        List<Stored> live = TestDb.rows(db, "SELECT session_id, athlete_id, exercise_id, recorded_at, duration_s, assessment_id, session_name"
                        + " FROM sessions WHERE deleted_at IS NULL").stream()
                .map(r -> new Stored((String) r.get("session_id"), (String) r.get("athlete_id"), (String) r.get("exercise_id"),
                        r.get("recorded_at") == null ? null : ((Timestamp) r.get("recorded_at")).toLocalDateTime(),
                        (Double) r.get("duration_s"), (String) r.get("assessment_id"),
                        r.get("exercise_id") == null ? (String) r.get("session_name")
                                : exerciseNames.getOrDefault((String) r.get("exercise_id"), (String) r.get("session_name"))))
                .toList();

        List<String> totals = group(live, s -> s.athleteId(), g -> line(g.size(), seconds(g), min(g), max(g)));
        assertEquals(totals, lines(db, "SELECT athlete_id, sessions, seconds, first_session_at, last_session_at FROM athlete_totals"),
                "athlete_totals");

        List<String> weeks = group(live.stream().filter(s -> s.recordedAt() != null).toList(),
                s -> s.athleteId() + "|" + s.recordedAt().toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                g -> line(g.size(), seconds(g)));
        assertEquals(weeks, lines(db, "SELECT CONCAT(athlete_id, '|', week_start), sessions, seconds FROM athlete_weeks"), "athlete_weeks");

        List<String> pairs = group(live, s -> s.athleteId() + "|" + s.exerciseId(), g -> line(g.size(), seconds(g), max(g)));
        assertEquals(pairs, lines(db, "SELECT CONCAT(athlete_id, '|', exercise_id), sessions, seconds, last_recorded_at"
                + " FROM athlete_exercises WHERE sessions > 0"), "athlete_exercises (live pairs)");
        assertEquals(TestDb.rows(db, "SELECT athlete_id, exercise_id, COUNT(*) AS n FROM sessions GROUP BY athlete_id, exercise_id"
                        + " ORDER BY 1, 2").toString(),
                TestDb.rows(db, "SELECT athlete_id, exercise_id, stored_rows AS n FROM athlete_exercises ORDER BY 1, 2").toString(),
                "athlete_exercises.stored_rows counts every row, deleted ones included");

        Comparator<Stored> shortestFirst = Comparator.comparing(Stored::duration)
                .thenComparing(Stored::recordedAt, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Stored::sessionId);
        Comparator<Stored> longestFirst = Comparator.comparing(Stored::duration, Comparator.reverseOrder())
                .thenComparing(Stored::recordedAt, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Stored::sessionId);
        List<String> extremes = group(live.stream().filter(s -> s.duration() != null).toList(), s -> s.exerciseId(), g -> {
            Stored shortest = g.stream().min(shortestFirst).orElseThrow();
            Stored longest = g.stream().min(longestFirst).orElseThrow();
            return line(g.size(), round(seconds(g) / g.size()), shortest.duration(), shortest.sessionId(), shortest.athleteId(),
                    longest.duration(), longest.sessionId(), longest.athleteId());
        });
        assertEquals(extremes, lines(db, "SELECT exercise_id, sessions, avg_s, shortest_s, shortest_session_id, shortest_athlete_id,"
                + " longest_s, longest_session_id, longest_athlete_id FROM exercise_extremes"), "exercise_extremes");

        Comparator<Stored> inOrderDone = Comparator.comparing(Stored::recordedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Stored::sessionId);
        List<String> assessments = group(live.stream().filter(s -> s.assessmentId() != null).toList(), Stored::assessmentId,
                g -> line(g.stream().map(Stored::athleteId).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null),
                        g.stream().map(Stored::athleteId).filter(Objects::nonNull).distinct().count(), g.size(), seconds(g),
                        g.stream().sorted(inOrderDone).map(Stored::exerciseName).filter(Objects::nonNull).collect(Collectors.joining(", "))));
        assertEquals(assessments, lines(db, "SELECT assessment_id, athlete_id, athletes, sessions, seconds, exercises FROM assessment_totals"),
                "assessment_totals");
        // What the saved query `assessments` shows of each assessment and its athlete, worked out from their rows.
        assertEquals(lines(db, """
                        SELECT t.assessment_id, x.deleted_at IS NULL, x.name, x.athlete_id, TRIM(CONCAT(a.first_name, ' ', a.last_name)), x.assessed_at
                        FROM assessment_totals t JOIN assessments x ON x.assessment_id = t.assessment_id
                        LEFT JOIN athletes a ON a.athlete_id = x.athlete_id"""),
                lines(db, "SELECT assessment_id, listed, assessment_name, assessed_athlete_id, athlete_name, assessed_at FROM assessment_totals"
                        + " WHERE listed OR assessment_id IN (SELECT assessment_id FROM assessments)"),
                "assessment_totals: the assessment and its athlete");
    }

    /** Rows grouped by key, each as "key: values", sorted. */
    private static List<String> group(List<Stored> sessions, Function<Stored, String> key, Function<List<Stored>, String> values) {
        Map<String, List<Stored>> groups = sessions.stream().collect(Collectors.groupingBy(s -> String.valueOf(key.apply(s)), TreeMap::new,
                Collectors.toList()));
        List<String> lines = new ArrayList<>();
        groups.forEach((k, g) -> lines.add(k + ": " + values.apply(g)));
        return lines;
    }

    /** A summary table's rows in the same form: the first column is the key. */
    private static List<String> lines(DatabaseLocation db, String sql) {
        return TestDb.rows(db, sql).stream().map(row -> {
            List<Object> values = new ArrayList<>(row.values());
            Object key = values.remove(0);
            return String.valueOf(key) + ": " + line(values.toArray());
        }).collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    private static String line(Object... values) {
        List<String> parts = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof Double d) parts.add(String.valueOf(round(d)));
            else if (value instanceof BigDecimal d) parts.add(String.valueOf(round(d.doubleValue())));
            else if (value instanceof Timestamp t) parts.add(t.toLocalDateTime().toString());
            else parts.add(String.valueOf(value));
        }
        return String.join(", ", parts);
    }

    /** Sums taken in another order differ in the last bits; six decimals is far finer than any output. */
    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static double seconds(List<Stored> sessions) {
        return sessions.stream().map(Stored::duration).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
    }

    private static LocalDateTime min(List<Stored> sessions) {
        return sessions.stream().map(Stored::recordedAt).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
    }

    private static LocalDateTime max(List<Stored> sessions) {
        return sessions.stream().map(Stored::recordedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    /** The row id of each summary row of one athlete (or all), which a delete and re-insert would change (H2's _ROWID_, PostgreSQL's ctid). */
    private static Map<String, String> rowIds(TestStore store, String athlete) {
        String where = athlete == null ? "" : " WHERE athlete_id = '" + athlete + "'";
        String id = store.postgres() ? "CAST(ctid AS VARCHAR)" : "_ROWID_";
        Map<String, String> ids = new TreeMap<>();
        for (String table : List.of("athlete_totals", "athlete_weeks", "athlete_exercises", "assessment_totals")) {
            for (Map<String, Object> row : store.rows("SELECT " + id + " AS id, * FROM " + table + where)) {
                ids.put(table + " " + row, String.valueOf(row.get("id")));
            }
        }
        for (Map<String, Object> row : store.rows("SELECT " + id + " AS id, * FROM exercise_extremes")) {
            if (athlete == null) ids.put("exercise_extremes " + row, String.valueOf(row.get("id")));
        }
        return ids;
    }
}
