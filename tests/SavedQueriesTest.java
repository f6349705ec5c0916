package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeOrganisation.FakeAssessment;
import valor.fake.FakeOrganisation.FakeAthlete;
import valor.fake.FakeOrganisation.FakeSession;
import valor.query.SavedQueries;
import valor.query.SavedQuery;
import valor.query.SqlStatements;

/**
 * Runs every saved query in sql/queries/ through valor-sql against a synced fake organisation
 * (with deleted and edited records) and checks each result against the same answer worked out
 * here in Java from the organisation itself, not from the store.
 */
class SavedQueriesTest {
    /** Every saved query must have a check below; adding a query without one fails {@link #everySavedQueryIsCheckedHere}. */
    static final Set<String> CHECKED = Set.of("sessions-per-week", "exercise-mix", "inactive-athletes", "not-assessed-since", "assessments",
            "session-extremes", "athlete-calendar", "sync-status");

    @TempDir
    static Path dir;
    static AnalystStore store;
    static FakeOrganisation org;
    static LocalDate asOf;
    static Map<String, String> exerciseNames;

    @BeforeAll
    static void syncAnOrganisation() {
        store = AnalystStore.synced(dir, 31, 12, 900);
        org = store.organisation;
        asOf = LocalDate.ofInstant(org.endsAt(), ZoneOffset.UTC).minusDays(1);
        exerciseNames = org.exercises().stream().collect(Collectors.toMap(FakeOrganisation.FakeExercise::exerciseId,
                FakeOrganisation.FakeExercise::name));
    }

    @Test
    void everySavedQueryIsCheckedHere() {
        Set<String> checked = new java.util.HashSet<>(CHECKED);
        checked.addAll(SessionDataQueriesTest.CHECKED); // report-metric and IK queries need a store with session data
        assertEquals(checked, SavedQueries.all().stream().map(SavedQuery::name).collect(Collectors.toSet()));
    }

    @Test
    void everySavedQueryDescribesItselfDeclaresTheParametersItUsesAndRunsWithItsDefaults() {
        for (SavedQuery query : SavedQueries.all()) {
            assertFalse(query.description().isBlank(), query.name() + " has a description");
            Set<String> declared = query.params().stream().map(SavedQuery.Param::name).collect(Collectors.toSet());
            assertEquals(Set.copyOf(SqlStatements.parameterNames(query.sql())), declared, query.name() + " declares what it uses");
            List<String> required = new ArrayList<>(); // values for those it cannot run without: they have no default
            query.params().stream().filter(SavedQuery.Param::required).forEach(p -> required.addAll(List.of("-p", p.name() + "=none")));
            if (!required.isEmpty()) assertEquals(2, store.sql(query.name()).exitCode(), query.name() + " refuses to run without them");
            required.add(0, query.name());
            assertEquals(0, store.sql(required.toArray(String[]::new)).exitCode(), query.name() + " runs with its defaults");
        }
    }

    @Test
    void sessionsPerWeekCountsSessionsAndMinutesPerAthletePerIsoWeek() {
        FakeAthlete athlete = busiestAthlete();
        int weeks = 8;
        List<Map<String, Object>> rows = store.rows("sessions-per-week", "-p", "athlete=" + name(athlete), "-p", "weeks=" + weeks,
                "-p", "as_of=" + asOf);

        LocalDate firstWeek = monday(asOf).minusWeeks(weeks - 1);
        Map<LocalDate, List<FakeSession>> byWeek = new TreeMap<>();
        for (FakeSession session : org.sessionsOf(athlete.athleteId())) {
            LocalDate day = day(session.recordedAt());
            if (!day.isAfter(asOf) && !monday(day).isBefore(firstWeek)) byWeek.computeIfAbsent(monday(day), w -> new ArrayList<>()).add(session);
        }
        assertFalse(byWeek.isEmpty(), "the athlete trained in those weeks");
        assertEquals(byWeek.size(), rows.size(), rows.toString());
        int i = 0;
        for (Map.Entry<LocalDate, List<FakeSession>> week : byWeek.entrySet()) {
            Map<String, Object> row = rows.get(i++);
            LocalDate monday = week.getKey();
            assertEquals(String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                    row.get("iso_week"));
            assertEquals(monday.toString(), row.get("week_start"));
            assertEquals(athlete.athleteId(), row.get("athlete_id"));
            assertEquals(name(athlete), row.get("athlete_name"));
            assertEquals(week.getValue().size(), number(row, "sessions").intValue());
            assertMinutes(week.getValue(), row.get("total_min"));
        }

        List<Map<String, Object>> everyone = store.rows("sessions-per-week", "-p", "weeks=" + weeks, "-p", "as_of=" + asOf);
        long expectedPairs = org.sessions().stream().filter(s -> !day(s.recordedAt()).isAfter(asOf)
                        && !monday(day(s.recordedAt())).isBefore(firstWeek))
                .map(s -> monday(day(s.recordedAt())) + s.athleteId()).distinct().count();
        assertEquals(expectedPairs, everyone.size(), "one row per athlete and week");

        // empty_weeks: every athlete (not deleted) in every week of the range, 0 where they recorded nothing.
        List<Map<String, Object>> squad = store.rows("sessions-per-week", "-p", "weeks=" + weeks, "-p", "as_of=" + asOf, "-p", "empty_weeks=true");
        assertEquals((long) org.athletes().size() * weeks, squad.size(), "a row per athlete and week");
        Map<String, Map<String, Object>> recorded = new LinkedHashMap<>();
        for (Map<String, Object> row : everyone) recorded.put(row.get("athlete_id") + " " + row.get("week_start"), row);
        for (Map<String, Object> row : squad) {
            Map<String, Object> same = recorded.get(row.get("athlete_id") + " " + row.get("week_start"));
            if (same != null) {
                assertEquals(same, row, "a week with sessions is as without empty_weeks");
            } else {
                assertEquals(0, number(row, "sessions").intValue(), row.toString());
                assertEquals(0.0, number(row, "total_min").doubleValue(), row.toString());
            }
        }
        assertTrue(squad.stream().anyMatch(r -> number(r, "sessions").intValue() == 0), "some athlete had an empty week");
    }

    @Test
    void exerciseMixCountsEachExerciseAndItsShareOfTheAthletesSessions() {
        FakeAthlete athlete = busiestAthlete();
        List<FakeSession> sessions = org.sessionsOf(athlete.athleteId());
        Map<String, List<FakeSession>> byExercise = sessions.stream().collect(Collectors.groupingBy(FakeSession::exerciseId));
        List<String> expectedOrder = byExercise.keySet().stream()
                .sorted(Comparator.<String>comparingInt(id -> -byExercise.get(id).size()).thenComparing(exerciseNames::get)).toList();

        List<Map<String, Object>> rows = store.rows("exercise-mix", "-p", "athlete=" + athlete.athleteId());

        assertEquals(expectedOrder, rows.stream().map(r -> r.get("exercise_id")).toList());
        for (Map<String, Object> row : rows) {
            List<FakeSession> mine = byExercise.get((String) row.get("exercise_id"));
            assertEquals(exerciseNames.get((String) row.get("exercise_id")), row.get("exercise_name"));
            assertEquals(mine.size(), number(row, "sessions").intValue());
            assertEquals(BigDecimal.valueOf(100L * mine.size()).divide(BigDecimal.valueOf(sessions.size()), 2, RoundingMode.HALF_UP).doubleValue(),
                    number(row, "share_pct").doubleValue(), 1e-9, "a percentage to 2 decimals");
            assertMinutes(mine, row.get("total_min"));
            assertEquals(mine.stream().map(FakeSession::recordedAt).max(Comparator.naturalOrder()).orElseThrow().toString(),
                    row.get("last_recorded_at"));
        }

        LocalDate since = asOf.minusDays(60);
        long recent = org.sessions().stream().filter(s -> !day(s.recordedAt()).isBefore(since))
                .map(s -> s.athleteId() + s.exerciseId()).distinct().count();
        assertEquals(recent, store.rows("exercise-mix", "-p", "since=" + since).size(), "since limits the sessions counted");
    }

    @Test
    void inactiveAthletesAreThoseWithoutASessionInTheLastDays() {
        int days = 30;
        Map<String, Instant> last = new LinkedHashMap<>();
        for (FakeSession session : org.sessions()) last.merge(session.athleteId(), session.recordedAt(), (a, b) -> a.isAfter(b) ? a : b);
        List<FakeAthlete> expected = org.athletes().stream()
                .filter(a -> !last.containsKey(a.athleteId()) || day(last.get(a.athleteId())).isBefore(asOf.minusDays(days)))
                .sorted(Comparator.<FakeAthlete, Instant>comparing(a -> last.get(a.athleteId()), Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(SavedQueriesTest::name).thenComparing(FakeAthlete::athleteId))
                .toList();

        List<Map<String, Object>> rows = store.rows("inactive-athletes", "-p", "days=" + days, "-p", "as_of=" + asOf);

        assertTrue(expected.stream().anyMatch(a -> !last.containsKey(a.athleteId())), "the newest athlete has never recorded");
        assertEquals(expected.stream().map(FakeAthlete::athleteId).toList(), rows.stream().map(r -> r.get("athlete_id")).toList());
        for (Map<String, Object> row : rows) {
            Instant at = last.get((String) row.get("athlete_id"));
            assertEquals(at == null ? null : at.toString(), row.get("last_session_at"));
            assertEquals(at == null ? null : ChronoUnit.DAYS.between(day(at), asOf), row.get("days_since") == null ? null
                    : number(row, "days_since").longValue());
        }
        assertFalse(rows.stream().anyMatch(r -> r.get("athlete_id").equals(store.deletedAthlete)), "a deleted athlete is not inactive");
    }

    /**
     * not-assessed-since counts assessments (with a recorded session, on or before as_of), not any session:
     * an athlete who trains every day but was last assessed two months ago is listed, inactive-athletes does not list them.
     */
    @Test
    void notAssessedSinceListsWhoWasNotAssessedInTheLastWeeks() {
        int weeks = 4;
        Set<String> recorded = org.sessions().stream().map(FakeSession::assessmentId).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<String, List<FakeAssessment>> assessed = org.assessments().stream()
                .filter(a -> recorded.contains(a.assessmentId()) && !day(a.recordedAt()).isAfter(asOf))
                .collect(Collectors.groupingBy(FakeAssessment::athleteId));
        Map<String, FakeAssessment> latest = new LinkedHashMap<>();
        assessed.forEach((athlete, list) -> latest.put(athlete, list.stream().min(Comparator.comparing(FakeAssessment::recordedAt).reversed()
                .thenComparing(FakeAssessment::assessmentId)).orElseThrow()));
        List<FakeAthlete> expected = org.athletes().stream()
                .filter(a -> !latest.containsKey(a.athleteId()) || day(latest.get(a.athleteId()).recordedAt()).isBefore(asOf.minusWeeks(weeks)))
                .sorted(Comparator.<FakeAthlete, Instant>comparing(a -> latest.containsKey(a.athleteId()) ? latest.get(a.athleteId()).recordedAt() : null,
                        Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(SavedQueriesTest::name).thenComparing(FakeAthlete::athleteId))
                .toList();

        List<Map<String, Object>> rows = store.rows("not-assessed-since", "-p", "weeks=" + weeks, "-p", "as_of=" + asOf);

        assertFalse(expected.isEmpty(), "someone is due an assessment");
        assertTrue(expected.size() < org.athletes().size(), "and someone is not");
        assertEquals(expected.stream().map(FakeAthlete::athleteId).toList(), rows.stream().map(r -> r.get("athlete_id")).toList());
        for (Map<String, Object> row : rows) {
            String athlete = (String) row.get("athlete_id");
            FakeAssessment last = latest.get(athlete);
            assertEquals(last == null ? null : last.recordedAt().toString(), row.get("last_assessed_at"));
            assertEquals(last == null ? null : last.name(), row.get("last_assessment"));
            assertEquals(last == null ? null : ChronoUnit.DAYS.between(day(last.recordedAt()), asOf),
                    row.get("days_since") == null ? null : number(row, "days_since").longValue());
            assertEquals(assessed.getOrDefault(athlete, List.of()).size(), number(row, "assessments").intValue());
        }
        Set<String> inactive = ids(store.rows("inactive-athletes", "-p", "days=" + 7 * weeks, "-p", "as_of=" + asOf), "athlete_id");
        assertTrue(rows.stream().anyMatch(r -> !inactive.contains((String) r.get("athlete_id"))),
                "someone trained in those weeks but was not assessed: by assessments, not any session");
        assertEquals(rows.size() + 0L, rows.stream().filter(r -> !r.get("athlete_id").equals(store.deletedAthlete)).count(), "a deleted athlete is not listed");
    }

    @Test
    void assessmentsListEachAssessmentWithItsExercisesInTheOrderRecorded() {
        FakeAthlete athlete = busiestAthlete();
        Map<String, List<FakeSession>> byAssessment = org.sessionsOf(athlete.athleteId()).stream()
                .filter(s -> s.assessmentId() != null).collect(Collectors.groupingBy(FakeSession::assessmentId));
        Map<String, FakeAssessment> assessments = org.assessments().stream()
                .collect(Collectors.toMap(FakeAssessment::assessmentId, Function.identity()));
        List<String> expectedOrder = byAssessment.keySet().stream()
                .sorted(Comparator.<String, Instant>comparing(id -> assessments.get(id).recordedAt()).reversed()
                        .thenComparing(Comparator.naturalOrder())).toList();

        List<Map<String, Object>> rows = store.rows("assessments", "-p", "athlete=" + athlete.athleteId());

        assertEquals(expectedOrder, rows.stream().map(r -> r.get("assessment_id")).toList());
        for (Map<String, Object> row : rows) {
            FakeAssessment assessment = assessments.get((String) row.get("assessment_id"));
            List<FakeSession> sessions = byAssessment.get(assessment.assessmentId()).stream()
                    .sorted(Comparator.comparing(FakeSession::recordedAt).thenComparing(FakeSession::sessionId)).toList();
            assertEquals(assessment.name(), row.get("assessment_name"));
            assertEquals(day(assessment.recordedAt()).toString(), row.get("assessed_on"));
            assertEquals(sessions.size(), number(row, "sessions").intValue());
            assertEquals(sessions.stream().map(s -> exerciseNames.get(s.exerciseId())).collect(Collectors.joining(", ")), row.get("exercises"));
            assertMinutes(sessions, row.get("total_min"));
        }
        LocalDate since = asOf.minusDays(90);
        long recent = org.assessments().stream().filter(a -> !day(a.recordedAt()).isBefore(since))
                .filter(a -> org.sessions().stream().anyMatch(s -> a.assessmentId().equals(s.assessmentId()))).count();
        assertEquals(recent, store.rows("assessments", "-p", "since=" + since).size());
    }

    @Test
    void sessionExtremesFindTheLongestAndShortestSessionOfEachExercise() {
        Comparator<FakeSession> shortestFirst = Comparator.comparingDouble(FakeSession::durationSeconds)
                .thenComparing(FakeSession::recordedAt).thenComparing(FakeSession::sessionId);
        Comparator<FakeSession> longestFirst = Comparator.comparingDouble((FakeSession s) -> -s.durationSeconds())
                .thenComparing(FakeSession::recordedAt).thenComparing(FakeSession::sessionId);
        Map<String, List<FakeSession>> byExercise = org.sessions().stream().collect(Collectors.groupingBy(FakeSession::exerciseId));

        List<Map<String, Object>> rows = store.rows("session-extremes");

        assertEquals(byExercise.keySet().stream().sorted(Comparator.comparing((String id) -> exerciseNames.get(id))
                .thenComparing(Comparator.naturalOrder())).toList(), rows.stream().map(r -> r.get("exercise_id")).toList());
        Map<String, String> names = org.athletes().stream().collect(Collectors.toMap(FakeAthlete::athleteId, SavedQueriesTest::name));
        for (Map<String, Object> row : rows) {
            List<FakeSession> sessions = byExercise.get((String) row.get("exercise_id"));
            FakeSession shortest = sessions.stream().min(shortestFirst).orElseThrow();
            FakeSession longest = sessions.stream().min(longestFirst).orElseThrow();
            assertEquals(sessions.size(), number(row, "sessions").intValue());
            assertEquals(shortest.sessionId(), row.get("shortest_session_id"));
            assertEquals(shortest.durationSeconds(), number(row, "shortest_s").doubleValue());
            assertEquals(names.get(shortest.athleteId()), row.get("shortest_by"));
            assertEquals(longest.sessionId(), row.get("longest_session_id"));
            assertEquals(longest.durationSeconds(), number(row, "longest_s").doubleValue());
            double average = sessions.stream().mapToDouble(FakeSession::durationSeconds).average().orElseThrow();
            assertEquals(round1(average), number(row, "avg_s").doubleValue(), 0.051);
        }
        assertTrue(rows.stream().anyMatch(r -> number(r, "longest_s").doubleValue() == 777.7), "the edited duration is the one stored");
    }

    @Test
    void theCalendarHasOneRowPerDayWithTheDaysActivityAndEmptyDaysIncluded() {
        FakeAthlete athlete = busiestAthlete();
        int days = 21;
        List<Map<String, Object>> rows = store.rows("athlete-calendar", "-p", "athlete=" + athlete.athleteId(),
                "-p", "days=" + days, "-p", "as_of=" + asOf);

        assertEquals(days, rows.size());
        boolean sawEmptyDay = false;
        for (int i = 0; i < days; i++) {
            LocalDate day = asOf.minusDays(days - 1 - i);
            Map<String, Object> row = rows.get(i);
            List<FakeSession> sessions = org.sessionsOf(athlete.athleteId()).stream().filter(s -> day(s.recordedAt()).equals(day)).toList();
            assertEquals(day.toString(), row.get("day"));
            assertEquals(day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), row.get("weekday"));
            assertEquals(sessions.size(), number(row, "sessions").intValue(), day.toString());
            assertMinutes(sessions, row.get("total_min"));
            assertEquals(sessions.stream().map(FakeSession::assessmentId).filter(Objects::nonNull).distinct().count(),
                    number(row, "assessments").longValue());
            Set<String> exercises = new TreeSet<>(sessions.stream().map(s -> exerciseNames.get(s.exerciseId())).toList());
            assertEquals(exercises.isEmpty() ? null : String.join(", ", exercises), row.get("exercises"));
            sawEmptyDay |= sessions.isEmpty();
        }
        assertTrue(sawEmptyDay, "days without sessions are part of the calendar");
        assertEquals(rows, store.rows("athlete-calendar", "-p", "athlete=" + name(athlete).toUpperCase(Locale.ROOT),
                "-p", "days=" + days, "-p", "as_of=" + asOf), "the athlete by full name, in any case");
    }

    @Test
    void syncStatusShowsTheRunsNewestFirstWithWhatTheyChanged() {
        List<Map<String, Object>> rows = store.rows("sync-status", "-p", "runs=5");

        assertEquals(2, rows.size(), "two syncs ran");
        assertEquals(List.of(2L, 1L), rows.stream().map(r -> number(r, "run_id").longValue()).toList());
        assertTrue(rows.stream().allMatch(r -> r.get("status").equals("ok")));
        long generated = 900 + 12 + org.exercises().size() + FakeOrganisation.generate(31, 12, 900).assessments().size();
        assertEquals(generated, number(rows.get(1), "added").longValue(), "the first run added everything");
        assertEquals(1, store.rows("sync-status", "-p", "runs=1").size());
    }

    // ---- the independent answers ----

    private static FakeAthlete busiestAthlete() {
        Map<String, Long> counts = org.sessions().stream().collect(Collectors.groupingBy(FakeSession::athleteId, Collectors.counting()));
        return org.athletes().stream().max(Comparator.comparingLong((FakeAthlete a) -> counts.getOrDefault(a.athleteId(), 0L))
                .thenComparing(FakeAthlete::athleteId)).orElseThrow();
    }

    static String name(FakeAthlete athlete) {
        return (athlete.firstName() + " " + athlete.lastName()).strip();
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static double round1(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    static double round2(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** Seconds in minutes to 2 decimals, divided as decimals: H2 divides a DOUBLE by 60.0 as DECFLOAT (27.9 s is 0.47 min, not 0.46). */
    static double minutes2(double seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP).doubleValue();
    }

    static Number number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (!(value instanceof Number number)) throw new AssertionError(column + " is not a number: " + value + " in " + row);
        return number;
    }

    /**
     * Minutes rounded to 2 decimals in SQL. Durations have one decimal, so a sum often falls exactly
     * on a half hundredth of a minute, where summing the doubles in another order may move the last
     * digit by one.
     */
    static void assertMinutes(List<FakeSession> sessions, Object actual) {
        double seconds = sessions.stream().mapToDouble(FakeSession::durationSeconds).sum();
        double shown = ((Number) actual).doubleValue();
        assertEquals(minutes2(seconds), shown, 0.0101, "minutes of " + sessions.size() + " sessions");
        assertEquals(round2(shown), shown, 0.0, "rounded to 2 decimals: " + shown);
    }

    static Set<String> ids(List<Map<String, Object>> rows, String column) {
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add((String) r.get(column)));
        return ids;
    }
}
