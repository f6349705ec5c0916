package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.query.SavedQueries;
import valor.query.SavedQuery;
import valor.sessiondata.SessionDataKind;
import valor.store.Database;

/**
 * One SQL text, two engines: every saved query and every view gives the same rows on H2 and on
 * PostgreSQL for the same synced data, run through valor-sql in-process as an analyst runs them.
 * Numbers are compared as doubles (H2 gives DECFLOAT where PostgreSQL gives DOUBLE PRECISION, so
 * 9 and 9.0 are equal), timestamps as instants, column labels without regard to case; and what
 * valor-sql prints of them (text table, CSV, JSON) must be the same to the character.
 */
class EngineParityTest {
    static final long SEED = 61;
    /** Every session has a report; only this athlete's sessions have IK series (they are large). */
    static final String IK_JOINT = "left_knee_flexion";
    static final String KNEE = "Knee Flex. (°)";

    @TempDir
    static Path h2Dir;
    @TempDir
    static Path pgDir;
    static SyncFixture h2;
    static SyncFixture pg;
    static FakeOrganisation org;
    static String athlete;
    static String ikSession;
    /** The one athlete with IK series, by id. */
    static String ikAthlete;
    static LocalDate lastDay;

    @BeforeAll
    static void syncTheSameOrganisationIntoBoth() {
        h2 = SyncFixture.start(TestStore.of("h2", h2Dir), organisation());
        pg = SyncFixture.start(TestStore.of("postgres", pgDir), organisation());
        org = h2.organisation();
        lastDay = LocalDate.ofInstant(org.endsAt(), ZoneOffset.UTC).minusDays(1);
        FakeOrganisation.FakeAthlete busiest = org.athletes().stream()
                .max(Comparator.comparingLong(a -> org.sessionsOf(a.athleteId()).size())).orElseThrow();
        athlete = busiest.firstName() + " " + busiest.lastName();
        ikAthlete = org.athletes().stream().filter(a -> !org.sessionsOf(a.athleteId()).isEmpty())
                .min(Comparator.comparingLong(a -> org.sessionsOf(a.athleteId()).size())).orElseThrow().athleteId();
        String deleted = org.sessions().get(org.sessions().size() / 2).sessionId();
        for (SyncFixture fixture : List.of(h2, pg)) {
            fixture.sync(SessionDataSyncTest.with(fixture, 4, SessionDataKind.REPORTS));
            fixture.sync(SessionDataSyncTest.with(fixture, 4, SessionDataKind.IK).withAthletes(List.of(ikAthlete)));
            fixture.organisation().deleteSession(deleted); // views and queries leave deleted rows out
            fixture.sync();
        }
        ikSession = h2.store.value(String.class, "SELECT MIN(session_id) FROM ik_series");
        assertEquals(ikSession, pg.store.value(String.class, "SELECT MIN(session_id) FROM ik_series"));
    }

    /** The same organisation for each engine: generation is deterministic per seed and day. */
    private static FakeOrganisation organisation() {
        return FakeOrganisation.generate(SEED, 6, 150);
    }

    @AfterAll
    static void stop() {
        if (h2 != null) h2.close();
        if (pg != null) pg.close();
    }

    /** A saved query and its -p values; {@code mayBeEmpty} where no rows is the right answer for this data. */
    record Run(String query, List<String> params, boolean mayBeEmpty) {
        @Override
        public String toString() {
            return query + (params.isEmpty() ? "" : " " + String.join(" ", params));
        }

        List<String> args() {
            List<String> args = new ArrayList<>(List.of(query));
            for (String param : params) args.addAll(List.of("-p", param));
            return args;
        }
    }

    private static Run run(String query, String... params) {
        return new Run(query, List.of(params), false);
    }

    /** Every saved query, with its defaults and with the parameters that take it down other paths. */
    static Stream<Run> savedQueries() {
        String day = lastDay.toString();
        String earlier = lastDay.minusDays(100).toString();
        return Stream.of(
                run("assessments"),
                run("assessments", "athlete=" + athlete, "since=" + earlier),
                run("athlete-calendar", "as_of=" + day),
                run("athlete-calendar", "athlete=" + athlete, "days=120", "as_of=" + day),
                new Run("athlete-calendar", List.of("days=0", "as_of=" + day), true),
                run("exercise-mix"),
                run("exercise-mix", "since=" + earlier),
                run("exercise-mix", "athlete=" + athlete, "since=" + earlier),
                run("ik-samples", "session=" + ikSession, "joint=" + IK_JOINT),
                run("ik-samples", "session=" + ikSession),
                run("joint-angles", "athlete=" + ikAthlete, "joint=" + IK_JOINT),
                run("joint-angles", "athlete=" + ikAthlete, "since=" + earlier, "until=" + day),
                run("inactive-athletes", "days=3", "as_of=" + day),
                run("inactive-athletes", "days=30", "as_of=" + lastDay.minusDays(60)),
                run("metric-asymmetry"),
                run("metric-asymmetry", "days=3650", "athlete=" + athlete, "min_pct=2", "min_sessions=1"),
                run("metric-asymmetry", "since=" + earlier, "metric=" + KNEE, "min_sessions=2"),
                run("metric-trend"),
                run("not-assessed-since", "as_of=" + day),
                run("not-assessed-since", "weeks=1", "as_of=" + lastDay.minusDays(100)),
                run("metric-trend", "side=L", "athlete=" + athlete),
                run("metric-trend", "metric=Knee Flex. Vel. (°/s)", "side=R"),
                run("score-drops"),
                run("score-drops", "metric=" + KNEE, "athlete=" + athlete),
                run("session-extremes"),
                run("session-extremes", "athlete=" + athlete),
                run("sessions-per-week", "weeks=60", "as_of=" + day),
                run("sessions-per-week", "athlete=" + athlete, "weeks=30", "as_of=" + lastDay.minusDays(10)),
                run("sessions-per-week", "weeks=10", "as_of=" + lastDay.minusDays(200)),
                run("sessions-per-week", "weeks=6", "as_of=" + day, "empty_weeks=true"),
                run("sessions-per-week", "athlete=" + athlete, "weeks=6", "as_of=" + lastDay.minusDays(30), "empty_weeks=true"),
                run("sync-status"));
    }

    @Test
    void everySavedQueryIsComparedHere() {
        Set<String> saved = new TreeSet<>(SavedQueries.all().stream().map(SavedQuery::name).toList());
        Set<String> compared = new TreeSet<>(savedQueries().map(Run::query).toList());
        assertEquals(saved, compared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("savedQueries")
    void aSavedQueryGivesTheSameRowsOnBothEngines(Run run) throws Exception {
        List<Map<String, Object>> onH2 = rows(h2, run.args());
        List<Map<String, Object>> onPostgres = rows(pg, run.args());
        if (!run.mayBeEmpty()) assertFalse(onH2.isEmpty(), run + " gives rows for this data");
        if (run.query().equals("sync-status")) {
            // The runs themselves happened at different moments; what they did is the same.
            onH2.forEach(row -> row.keySet().removeAll(Set.of("started_at", "finished_at")));
            onPostgres.forEach(row -> row.keySet().removeAll(Set.of("started_at", "finished_at")));
        }
        assertSameRows(run.toString(), onH2, onPostgres, false);
    }

    static Stream<String> views() {
        return Stream.of("session_details", "athlete_summary", "assessment_details", "report_metric_details", "report_metric_asymmetry",
                "ik_joint_details", "session_data_failures");
    }

    @Test
    void everyViewIsComparedHere() {
        Set<String> listed = new TreeSet<>(h2.store.rows("SELECT TABLE_NAME AS name FROM INFORMATION_SCHEMA.VIEWS"
                + " WHERE TABLE_SCHEMA = SCHEMA()").stream().map(row -> row.values().iterator().next().toString().toLowerCase(Locale.ROOT))
                .toList());
        Set<String> compared = new TreeSet<>(views().toList());
        assertEquals(listed, compared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void aViewGivesTheSameRowsOnBothEngines(String view) throws Exception {
        List<Map<String, Object>> onH2 = rows(h2, List.of("SELECT * FROM " + view));
        List<Map<String, Object>> onPostgres = rows(pg, List.of("SELECT * FROM " + view));
        // No fetch fails against the fake as set up here, so session_data_failures is rightly empty.
        if (!view.equals("session_data_failures")) assertFalse(onH2.isEmpty(), view + " has rows for this data");
        assertSameRows(view, onH2, onPostgres, true);
    }

    /** Text, CSV and JSON alike: the same rows print character for character the same, whatever types each engine gave the values. */
    static final List<String> PRINTED_FORMATS = List.of("--table", "--csv", "--jsonl");

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void aViewPrintsTheSameOnBothEngines(String view) throws Exception {
        for (String format : PRINTED_FORMATS) {
            // Sorted here: the engines order ties and collate text their own ways.
            List<String> onH2 = printed(h2, format, List.of("SELECT * FROM " + view)).stream().sorted().toList();
            List<String> onPostgres = printed(pg, format, List.of("SELECT * FROM " + view)).stream().sorted().toList();
            assertSameLines(view + " " + format, onH2, onPostgres);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("savedQueries")
    void aSavedQueryPrintsTheSameOnBothEngines(Run run) throws Exception {
        if (run.query().equals("sync-status")) return; // the runs' times differ; the rows are compared above
        for (String format : PRINTED_FORMATS) {
            assertSameLines(run + " " + format, printed(h2, format, run.args()), printed(pg, format, run.args()));
        }
    }

    /**
     * One value prints one way, though the engines type it differently: H2 divides a double by 60.0
     * as a DECFLOAT where PostgreSQL stays in double precision (H2 printed 2 and a team store 2.0),
     * EXTRACT is an INTEGER on H2 and a NUMERIC on PostgreSQL, H2's SUM of a BIGINT a NUMERIC of
     * its own precision.
     */
    @Test
    void theSameValuePrintsTheSameOnBothEngines() throws Exception {
        String sql = "SELECT session_id, ROUND(duration_s / 60.0, 2) AS minutes, ROUND(FLOOR(duration_s) / 60.0, 0) AS whole_minutes,"
                + " EXTRACT(YEAR FROM recorded_at) AS recorded_year, 1.50 AS literal FROM sessions ORDER BY session_id";
        assertEquals(List.of("DECFLOAT", "DECFLOAT", "INTEGER"), typeNames(h2, sql, 2, 3, 4));
        assertEquals(List.of("float8", "float8", "numeric"), typeNames(pg, sql, 2, 3, 4));
        String sums = "SELECT SUM(sessions) AS sessions, COUNT(*) AS athletes FROM athlete_totals";
        for (String format : PRINTED_FORMATS) {
            assertSameLines(format, printed(h2, format, List.of(sql)), printed(pg, format, List.of(sql)));
            assertSameLines(format, printed(h2, format, List.of(sums)), printed(pg, format, List.of(sums)));
        }
        // Each as its shortest exact decimal: 2, not 2.0; 1.5, not 1.50.
        List<String> lines = printed(pg, "--csv", List.of(sql));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            assertTrue(fields[1].matches("\\d+(\\.\\d?[1-9])?") && fields[2].matches("\\d+") && fields[3].matches("\\d{4}")
                    && fields[4].equals("1.5"), line);
        }
    }

    private static List<String> typeNames(SyncFixture fixture, String sql, int... columns) throws Exception {
        try (Connection connection = Database.connect(fixture.store.location()); Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery(sql)) {
            List<String> names = new ArrayList<>();
            for (int column : columns) names.add(rows.getMetaData().getColumnTypeName(column));
            return names;
        }
    }

    static void assertSameLines(String what, List<String> onH2, List<String> onPostgres) {
        for (int i = 0; i < Math.min(onH2.size(), onPostgres.size()); i++) {
            if (!onH2.get(i).equals(onPostgres.get(i))) {
                fail(what + ": line " + (i + 1) + " differs\n            " + onH2.get(0) + "\nH2:         " + onH2.get(i)
                        + "\nPostgreSQL: " + onPostgres.get(i));
            }
        }
        assertEquals(onH2.size(), onPostgres.size(), what + ": lines on H2 and on PostgreSQL");
    }

    @Test
    void ikSamplesGiveTheSameRowsOnBothEngines() throws Exception {
        List<Map<String, Object>> onH2 = rows(h2, List.of("SELECT * FROM IK_SAMPLES('" + ikSession + "', '" + IK_JOINT + "')"));
        List<Map<String, Object>> onPostgres = rows(pg, List.of("SELECT * FROM ik_samples('" + ikSession + "', '" + IK_JOINT + "')"));
        assertTrue(onH2.size() > 1, "a series of samples");
        assertSameRows("IK_SAMPLES", onH2, onPostgres, false);
        assertSameRows("IK_SAMPLES, every joint", rows(h2, List.of("SELECT * FROM IK_SAMPLES('" + ikSession + "')")),
                rows(pg, List.of("SELECT * FROM ik_samples('" + ikSession + "')")), false);
    }

    // ---- running valor-sql and comparing ----

    /** valor-sql --jsonl in-process against a store: the rows an analyst sees, keys in column order, lower case. */
    static List<Map<String, Object>> rows(SyncFixture fixture, List<String> args) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : printed(fixture, "--jsonl", args)) {
            if (line.isBlank()) continue;
            JsonNode node = Json.parse(line);
            Map<String, Object> row = new LinkedHashMap<>();
            node.properties().forEach(field -> row.put(field.getKey().toLowerCase(Locale.ROOT),
                    Json.MAPPER.convertValue(field.getValue(), Object.class)));
            rows.add(row);
        }
        return rows;
    }

    /** What valor-sql prints, in-process, in a format (--csv, --jsonl ...): its lines. */
    static List<String> printed(SyncFixture fixture, String format, List<String> args) throws Exception {
        TestIo io = TestIo.inHome(fixture.store.postgres() ? pgDir : h2Dir);
        fixture.store.env().forEach(io::env);
        List<String> all = new ArrayList<>(List.of("--db", fixture.store.dbArg(), format));
        all.addAll(args);
        TestIo.Result result = io.run(new SqlCommand(), all.toArray(String[]::new));
        if (result.exitCode() != 0) fail(fixture.store + ": valor-sql " + args + " failed: " + result);
        return result.out().lines().toList();
    }

    static void assertSameRows(String what, List<Map<String, Object>> onH2, List<Map<String, Object>> onPostgres, boolean sort) {
        assertEquals(onH2.size(), onPostgres.size(), what + ": rows on H2 and on PostgreSQL");
        if (onH2.isEmpty()) return;
        assertEquals(List.copyOf(onH2.get(0).keySet()), List.copyOf(onPostgres.get(0).keySet()), what + ": columns");
        List<List<Object>> h2Rows = onH2.stream().map(EngineParityTest::normalised).collect(Collectors.toCollection(ArrayList::new));
        List<List<Object>> pgRows = onPostgres.stream().map(EngineParityTest::normalised).collect(Collectors.toCollection(ArrayList::new));
        if (sort) {
            h2Rows.sort(Comparator.comparing(Object::toString));
            pgRows.sort(Comparator.comparing(Object::toString));
        }
        for (int i = 0; i < h2Rows.size(); i++) {
            List<Object> a = h2Rows.get(i), b = pgRows.get(i);
            for (int c = 0; c < a.size(); c++) {
                if (!same(a.get(c), b.get(c))) {
                    fail(what + ": row " + (i + 1) + ", column " + List.copyOf(onH2.get(0).keySet()).get(c) + ": H2 " + a.get(c)
                            + ", PostgreSQL " + b.get(c) + "\nH2:         " + a + "\nPostgreSQL: " + b);
                }
            }
        }
    }

    /** A row's values as comparable ones: numbers as doubles, timestamps as instants. */
    static List<Object> normalised(Map<String, Object> row) {
        List<Object> values = new ArrayList<>();
        for (Object value : row.values()) {
            if (value instanceof Number n) values.add(n.doubleValue());
            else if (value instanceof String s && s.length() > 10 && s.charAt(10) == 'T') values.add(instant(s));
            else values.add(value);
        }
        return values;
    }

    private static Object instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.equals(y) || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
        }
        return java.util.Objects.equals(a, b);
    }
}
