package valor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeOrganisation.FakeSession;
import valor.fake.FakeSessionData;
import valor.sessiondata.SessionDataKind;

/**
 * The saved queries in sql/queries/ run against a synced store, their parameters bound as
 * valor-sql binds them, and checked against answers computed here in Java from the fake API's own
 * JSON and session list, without the store.
 */
class SessionDataQueriesTest {
    /** The saved queries checked here; {@link SavedQueriesTest} checks the rest and that none is left unchecked. */
    static final java.util.Set<String> CHECKED = java.util.Set.of("metric-trend", "metric-asymmetry", "score-drops", "ik-samples", "joint-angles");

    static final String KNEE = "Knee Flex. (°)";

    @TempDir
    static Path dir;
    static SyncFixture fixture;
    static List<Metric> metrics;

    /** One metric of one side of one session, as the API sent it, with the session's facts. */
    record Metric(String sessionId, String athleteId, String exerciseId, String exerciseName, LocalDateTime recordedAt, String group,
                  String metric, String side, double avgMax, double score) {}

    @BeforeAll
    static void syncReports() throws Exception {
        fixture = SyncFixture.start(dir, FakeOrganisation.generate(51, 4, 150));
        fixture.sync(SessionDataSyncTest.with(fixture, 4, SessionDataKind.REPORTS));
        metrics = new ArrayList<>();
        Map<String, String> exerciseNames = fixture.organisation().exercises().stream()
                .collect(Collectors.toMap(FakeOrganisation.FakeExercise::exerciseId, FakeOrganisation.FakeExercise::name));
        for (FakeSession session : fixture.organisation().sessions()) {
            JsonNode body = FakePayloads.report(fixture.api, session.s3Key());
            LocalDateTime at = LocalDateTime.ofInstant(session.recordedAt(), ZoneOffset.UTC);
            body.get("WorkoutMetrics").properties().forEach(group -> group.getValue().properties().forEach(metric ->
                    metric.getValue().properties().forEach(side -> metrics.add(new Metric(session.sessionId(), session.athleteId(),
                            session.exerciseId(), exerciseNames.get(session.exerciseId()), at, group.getKey(), metric.getKey(), side.getKey(),
                            side.getValue().get("AvgMax").asDouble(), side.getValue().get("Score").asDouble())))));
        }
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static String busiestAthlete() {
        return metrics.stream().collect(Collectors.groupingBy(Metric::athleteId, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Test
    void metricTrendListsEachSessionWithTheChangeSinceThePreviousAndARollingMean() {
        String athlete = busiestAthlete();
        List<Map<String, Object>> rows = SavedQueryFile.load("metric-trend").run(fixture.db, "side", "L", "athlete", athlete);

        List<Metric> expected = metrics.stream().filter(m -> m.athleteId().equals(athlete) && m.metric().equals(KNEE) && m.side().equals("L"))
                .sorted(Comparator.comparing(Metric::exerciseName).thenComparing(Metric::recordedAt).thenComparing(Metric::sessionId)).toList();
        assertTrue(expected.size() >= 10, "enough sessions to see a trend: " + expected.size());
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < expected.size(); i++) {
            Metric m = expected.get(i);
            Map<String, Object> row = rows.get(i);
            assertEquals(List.of(m.sessionId(), m.avgMax(), m.score(), KNEE, "L"),
                    List.of(row.get("session_id"), row.get("avg_max"), row.get("score"), row.get("metric"), row.get("side")));
            List<Metric> sameExercise = expected.subList(0, i + 1).stream().filter(e -> e.exerciseName().equals(m.exerciseName())).toList();
            int n = sameExercise.size();
            Object change = row.get("change_since_previous");
            if (n == 1) assertEquals(null, change, "the first session of an exercise has no previous");
            else assertEquals(m.avgMax() - sameExercise.get(n - 2).avgMax(), (Double) change, 1e-9);
            double mean = mean2(sameExercise.subList(Math.max(0, n - 5), n).stream().mapToDouble(Metric::avgMax));
            assertEquals(mean, (Double) row.get("mean_last_5"), 1e-9, "the mean of the last five, to 2 decimals");
        }
        long everyKnee = metrics.stream().filter(m -> m.metric().equals(KNEE)).count();
        assertEquals(everyKnee, SavedQueryFile.load("metric-trend").run(fixture.db).size(), "defaults: the knee, every side and athlete");
    }

    @Test
    void metricAsymmetryIsTheMeanPercentageDifferenceOfLeftAndRight() {
        Map<List<String>, List<double[]>> pairs = new LinkedHashMap<>();
        Map<String, Metric> rights = new LinkedHashMap<>();
        for (Metric m : metrics) if (m.side().equals("R")) rights.put(m.sessionId() + "|" + m.group() + "|" + m.metric(), m);
        for (Metric left : metrics) {
            Metric right = rights.get(left.sessionId() + "|" + left.group() + "|" + left.metric());
            if (!left.side().equals("L") || right == null) continue;
            double pct = 100 * (left.avgMax() - right.avgMax()) / ((left.avgMax() + right.avgMax()) / 2);
            pairs.computeIfAbsent(List.of(left.athleteId(), left.exerciseId(), left.group(), left.metric()), k -> new ArrayList<>())
                    .add(new double[] {left.avgMax(), right.avgMax(), pct});
        }
        List<Map<String, Object>> rows = SavedQueryFile.load("metric-asymmetry").run(fixture.db, "min_sessions", "1");

        assertEquals(pairs.size(), rows.size(), "all time by default, as valor-report's page");
        Map<List<String>, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            byKey.put(List.of((String) row.get("athlete_id"), exerciseId((String) row.get("exercise_name")), (String) row.get("metric_group"),
                    (String) row.get("metric")), row);
        }
        pairs.forEach((key, values) -> {
            Map<String, Object> row = byKey.get(key);
            assertEquals((long) values.size(), ((Number) row.get("sessions")).longValue(), key.toString());
            assertEquals(mean2(values.stream().mapToDouble(v -> v[0])), (Double) row.get("mean_left"), 1e-9, "to 2 decimals");
            assertEquals(mean2(values.stream().mapToDouble(v -> v[1])), (Double) row.get("mean_right"), 1e-9, "to 2 decimals");
            assertEquals(SavedQueriesTest.round2(values.stream().mapToDouble(v -> v[2]).average().orElseThrow()),
                    (Double) row.get("asymmetry_pct"), 1e-9, "the mean percentage, to 2 decimals");
        });
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(Math.abs((Double) rows.get(i - 1).get("asymmetry_pct")) >= Math.abs((Double) rows.get(i).get("asymmetry_pct")),
                    "largest asymmetry first");
        }

        long atLeastFive = pairs.values().stream()
                .filter(v -> Math.abs(SavedQueriesTest.round2(v.stream().mapToDouble(x -> x[2]).average().orElseThrow())) >= 5).count();
        assertEquals(atLeastFive, SavedQueryFile.load("metric-asymmetry").run(fixture.db, "min_sessions", "1", "min_pct", "5").size());

        // By default an exercise and metric needs 2 sessions: one session's difference is not a pattern, and would rank first.
        Set<List<String>> twoOrMore = pairs.entrySet().stream().filter(e -> e.getValue().size() >= 2).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertTrue(twoOrMore.size() < pairs.size() && !twoOrMore.isEmpty(), "some pairs have one session: " + twoOrMore.size() + " of " + pairs.size());
        List<Map<String, Object>> byDefault = SavedQueryFile.load("metric-asymmetry").run(fixture.db);
        assertEquals(twoOrMore, byDefault.stream().map(r -> List.of((String) r.get("athlete_id"), exerciseId((String) r.get("exercise_name")),
                (String) r.get("metric_group"), (String) r.get("metric"))).collect(Collectors.toSet()));
        assertTrue(byDefault.stream().allMatch(r -> ((Number) r.get("sessions")).longValue() >= 2));
        assertTrue(atLeastFive > 0 && atLeastFive < pairs.size(), "the filter filters: " + atLeastFive + " of " + pairs.size());

        LocalDateTime since = LocalDate.now(ZoneOffset.UTC).minusDays(60).atStartOfDay();
        Set<String> recent = new TreeSet<>();
        for (Metric m : metrics) {
            if (m.side().equals("L") && !m.recordedAt().isBefore(since) && rights.containsKey(m.sessionId() + "|" + m.group() + "|" + m.metric())) {
                recent.add(m.athleteId() + "|" + m.exerciseName() + "|" + m.metric());
            }
        }
        Set<String> found = SavedQueryFile.load("metric-asymmetry").run(fixture.db, "days", "60", "min_sessions", "1").stream()
                .map(r -> r.get("athlete_id") + "|" + r.get("exercise_name") + "|" + r.get("metric")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(recent, found, "only the last 60 days");
        Set<String> sinceThen = SavedQueryFile.load("metric-asymmetry").run(fixture.db, "since", since.toLocalDate().toString(), "min_sessions", "1")
                .stream().map(r -> r.get("athlete_id") + "|" + r.get("exercise_name") + "|" + r.get("metric")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(recent, sinceThen, "since: from that day on");
    }

    private static String exerciseId(String name) {
        return fixture.organisation().exercises().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().exerciseId();
    }

    @Test
    void theAsymmetryViewGivesEachSessionsPercentageToTwoDecimals() {
        Map<String, Metric> rights = new LinkedHashMap<>();
        for (Metric m : metrics) if (m.side().equals("R")) rights.put(m.sessionId() + "|" + m.group() + "|" + m.metric(), m);
        Map<String, Double> expected = new LinkedHashMap<>();
        for (Metric left : metrics) {
            Metric right = rights.get(left.sessionId() + "|" + left.group() + "|" + left.metric());
            if (!left.side().equals("L") || right == null) continue;
            double pct = 100 * (left.avgMax() - right.avgMax()) / ((left.avgMax() + right.avgMax()) / 2);
            expected.put(left.sessionId() + "|" + left.group() + "|" + left.metric(), SavedQueriesTest.round2(pct));
        }
        Map<String, Double> actual = new LinkedHashMap<>();
        for (Map<String, Object> row : TestDb.rows(fixture.db, "SELECT session_id, metric_group, metric, asymmetry_pct FROM report_metric_asymmetry")) {
            actual.put(row.get("session_id") + "|" + row.get("metric_group") + "|" + row.get("metric"), ((Number) row.get("asymmetry_pct")).doubleValue());
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, actual);
    }

    @Test
    void scoreDropsListsAthletesWhoseLatestScoreFellBelowTheirPreviousOne() {
        Map<List<String>, List<Metric>> series = metrics.stream().collect(Collectors.groupingBy(
                m -> List.of(m.athleteId(), m.exerciseId(), m.group(), m.metric(), m.side())));
        Set<String> expected = new HashSet<>();
        series.values().forEach(list -> {
            List<Metric> newestFirst = list.stream()
                    .sorted(Comparator.comparing(Metric::recordedAt).thenComparing(Metric::sessionId).reversed()).toList();
            if (newestFirst.size() >= 2 && newestFirst.get(0).score() < newestFirst.get(1).score()) {
                Metric latest = newestFirst.get(0);
                expected.add(latest.sessionId() + "|" + latest.metric() + "|" + latest.side() + "|" + newestFirst.get(1).score() + "->" + latest.score());
            }
        });
        List<Map<String, Object>> rows = SavedQueryFile.load("score-drops").run(fixture.db);

        assertFalse(expected.isEmpty(), "the fake's scores do drop now and then");
        assertEquals(expected, rows.stream().map(r -> r.get("latest_session_id") + "|" + r.get("metric") + "|" + r.get("side") + "|"
                + r.get("previous_score") + "->" + r.get("latest_score")).collect(Collectors.toSet()));
        for (int i = 1; i < rows.size(); i++) {
            assertTrue((Double) rows.get(i - 1).get("score_change") <= (Double) rows.get(i).get("score_change"), "biggest drop first");
        }
        long kneeOnly = expected.stream().filter(e -> e.contains("|" + KNEE + "|")).count();
        assertEquals(kneeOnly, SavedQueryFile.load("score-drops").run(fixture.db, "metric", KNEE).size());
    }

    @Test
    void ikSamplesReturnsOneSessionsSeriesAsRows() throws Exception {
        String quietest = fixture.organisation().sessions().stream().collect(Collectors.groupingBy(FakeSession::athleteId, Collectors.counting()))
                .entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        FakeSession session = fixture.organisation().sessionsOf(quietest).get(0);
        fixture.sync(SessionDataSyncTest.with(fixture, 2, SessionDataKind.IK).withAthletes(List.of(session.athleteId())));
        JsonNode body = FakePayloads.ik(fixture.api, session.s3Key());

        List<Map<String, Object>> knee = SavedQueryFile.load("ik-samples").run(fixture.db, "session", session.sessionId(), "joint", "left_knee_flexion");
        assertArrayEquals(FakePayloads.doubles(body.get("time")), knee.stream().mapToDouble(r -> (Double) r.get("time_s")).toArray());
        assertArrayEquals(FakePayloads.doubles(body.get("left_knee_flexion_vel")), knee.stream().mapToDouble(r -> (Double) r.get("velocity")).toArray());
        assertEquals(body.get("time").size() * FakeSessionData.JOINTS.size(),
                SavedQueryFile.load("ik-samples").run(fixture.db, "session", session.sessionId()).size(), "every joint by default");
    }

    @Test
    void jointAnglesGivesEveryOneOfAnAthletesSessionsAsTheApiSentIt() throws Exception {
        String quietest = fixture.organisation().sessions().stream().collect(Collectors.groupingBy(FakeSession::athleteId, Collectors.counting()))
                .entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        fixture.sync(SessionDataSyncTest.with(fixture, 2, SessionDataKind.IK).withAthletes(List.of(quietest)));

        List<Map<String, Object>> rows = SavedQueryFile.load("joint-angles").run(fixture.db, "athlete", quietest, "joint", "left_knee_flexion");
        Map<Object, List<Map<String, Object>>> bySession = rows.stream().collect(Collectors.groupingBy(r -> r.get("session_id")));
        List<FakeSession> sessions = fixture.organisation().sessionsOf(quietest).stream().filter(s -> s.s3Key() != null).toList();
        assertEquals(sessions.stream().map(FakeSession::sessionId).collect(Collectors.toSet()), bySession.keySet(), "every session of the athlete");
        for (FakeSession session : sessions) {
            JsonNode body = FakePayloads.ik(fixture.api, session.s3Key());
            List<Map<String, Object>> knee = bySession.get(session.sessionId());
            assertArrayEquals(FakePayloads.doubles(body.get("time")), knee.stream().mapToDouble(r -> (Double) r.get("time_s")).toArray());
            assertArrayEquals(FakePayloads.doubles(body.get("left_knee_flexion")), knee.stream().mapToDouble(r -> (Double) r.get("angle")).toArray());
            assertArrayEquals(FakePayloads.doubles(body.get("left_knee_flexion_vel")), knee.stream().mapToDouble(r -> (Double) r.get("velocity")).toArray());
            assertTrue(knee.stream().allMatch(r -> quietest.equals(r.get("athlete_id")) && session.exerciseId().equals(r.get("exercise_id"))),
                    "each row carries its athlete and exercise");
        }
    }

    /** The mean of report values to 2 decimals as the saved queries give it: summed as decimals, halves rounded up. */
    static double mean2(DoubleStream values) {
        List<BigDecimal> decimals = values.mapToObj(BigDecimal::valueOf).toList();
        BigDecimal sum = decimals.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(decimals.size()), 2, RoundingMode.HALF_UP).doubleValue();
    }
}
