package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.cli.Command;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * The reading commands on a team store (PostgreSQL): valor-report's page holds what the store
 * holds (counted with SQL of the test's own) and the very data the same organisation's H2 store
 * gives; valor-chart; valor-shell logging in the PostgreSQL way without a password anywhere but its
 * own process; valor-console refused in one line. valor-export on PostgreSQL: ExportTest, on both engines.
 */
class TeamStoreCommandsTest {
    private static final String KNEE = "Knee Flex. (°)"; // the fake reports it for every session
    private static final String PER_DAY = "select cast(recorded_at as date) as session_day, count(*) as sessions, sum(duration_s) / 60 as minutes"
            + " from sessions where deleted_at is null group by 1 order by 1";

    @TempDir
    static Path shared;
    static TestStore store;
    /** The same organisation synced into an H2 file: the report must read the same on both. */
    static TestStore h2;
    static String athleteId;
    static String athleteName;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncTheOrganisationIntoATeamStoreAndAnH2File() {
        store = TestStore.of("postgres", shared);
        h2 = TestStore.of("h2", shared);
        FakeOrganisation organisation = FakeOrganisation.generate(43, 4, 90);
        try (FakeValorApi api = FakeValorApi.builder().organisation(organisation).start()) {
            for (TestStore target : List.of(store, h2)) {
                TestIo.Result sync = io(target).run(new SyncCommand(), "--db", target.dbArg(), "--base-url", api.baseUrl().toString(),
                        "--token", api.token(), "--with", "reports,ik", "--quiet");
                assertEquals(0, sync.exitCode(), sync.toString());
            }
        }
        Map<String, Object> busiest = store.rows("SELECT a.athlete_id, TRIM(CONCAT(a.first_name, ' ', a.last_name)) AS name, COUNT(*) AS n"
                + " FROM sessions s JOIN athletes a ON a.athlete_id = s.athlete_id WHERE s.deleted_at IS NULL AND a.deleted_at IS NULL"
                + " GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 1").get(0);
        athleteId = (String) busiest.get("athlete_id");
        athleteName = (String) busiest.get("name");
        assertTrue(store.count("SELECT COUNT(*) FROM report_metrics m JOIN sessions s ON s.session_id = m.session_id WHERE s.athlete_id = ?",
                athleteId) > 0, "the athlete has reports");
        assertTrue(store.count("SELECT COUNT(*) FROM ik_joint_summary j JOIN sessions s ON s.session_id = j.session_id WHERE s.athlete_id = ?",
                athleteId) > 0, "the athlete has IK summaries");
    }

    private static TestIo io(TestStore target) {
        TestIo io = TestIo.inHome(shared);
        target.env().forEach(io::env);
        return io;
    }

    private static TestIo.Result run(TestStore target, Command command, String... args) {
        List<String> all = new ArrayList<>(List.of("--db", target.dbArg()));
        all.addAll(List.of(args));
        return io(target).run(command, all.toArray(String[]::new));
    }

    private JsonNode report(TestStore target, String... args) throws Exception {
        Path html = dir.resolve(target.engine() + ".html");
        List<String> all = new ArrayList<>(List.of("--athlete", athleteName, "--out", html.toString()));
        all.addAll(List.of(args));
        TestIo.Result result = run(target, new ReportCommand(), all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(html.toString(), result.out().strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(html)), "the page is private");
        return ReportTest.embedded(Files.readString(html, StandardCharsets.UTF_8));
    }

    @Test
    void theAthleteReportHoldsWhatTheTeamStoreHolds() throws Exception {
        JsonNode data = report(store);
        assertEquals(athleteId, data.get("athlete").get("id").asText());
        String sessions = "FROM sessions WHERE athlete_id = ? AND deleted_at IS NULL";
        assertEquals(store.count("SELECT COUNT(*) " + sessions, athleteId), data.get("totals").get("sessions").asLong(), "the header's total");
        assertEquals(store.value(Double.class, "SELECT ROUND(CAST(SUM(duration_s) / 60.0 AS NUMERIC), 2) " + sessions, athleteId),
                data.get("totals").get("minutes").asDouble(), 1e-9);

        // Sessions per ISO week, with PostgreSQL's own week functions (not the report's SQL).
        Map<String, Long> weeks = new LinkedHashMap<>();
        for (Map<String, Object> row : store.rows("SELECT TO_CHAR(recorded_at, 'IYYY\"-W\"IW') AS week, COUNT(*) AS n " + sessions
                + " GROUP BY 1 ORDER BY 1", athleteId)) {
            weeks.put((String) row.get("week"), ((Number) row.get("n")).longValue());
        }
        Map<String, Long> weekly = new LinkedHashMap<>();
        for (JsonNode week : data.get("weekly")) {
            weekly.put(week.get("week").asText(), week.get("sessions").asLong());
            assertEquals(store.value(String.class, "SELECT CAST(CAST(DATE_TRUNC('week', CAST(? AS DATE)) AS DATE) AS VARCHAR)",
                    week.get("weekStart").asText()), week.get("weekStart").asText(), "a week starts on its Monday");
        }
        assertEquals(weeks, weekly);

        long left = store.count("SELECT COUNT(*) FROM report_metrics m JOIN sessions s ON s.session_id = m.session_id"
                + " WHERE s.athlete_id = ? AND s.deleted_at IS NULL AND m.metric = ? AND m.side = 'L' AND m.avg_max IS NOT NULL", athleteId, KNEE);
        JsonNode knee = null;
        for (JsonNode metric : data.get("metrics")) if (metric.get("metric").asText().equals(KNEE)) knee = metric;
        assertTrue(knee != null, "the knee metric is charted: " + data.get("metrics"));
        assertEquals("L", knee.get("sides").get(0).get("side").asText());
        assertEquals(left, knee.get("sides").get(0).get("points").size(), "a point per session with a left value");
        assertEquals(store.count("SELECT COUNT(DISTINCT s.exercise_id) FROM ik_joint_summary j JOIN sessions s ON s.session_id = j.session_id"
                + " WHERE s.athlete_id = ? AND s.deleted_at IS NULL", athleteId), data.get("rangeOfMotion").size(), "an entry per exercise with joint angles");
        assertEquals(Math.min(20, store.count("SELECT COUNT(*) " + sessions, athleteId)), data.get("latestSessions").size());
    }

    @Test
    void theReportReadsTheSameOnBothEngines() throws Exception {
        JsonNode onPostgres = report(store);
        JsonNode onH2 = report(h2);
        for (String part : List.of("athlete", "period", "totals", "weekly", "exerciseMix", "metrics", "asymmetry", "asymmetryByMetric",
                "rangeOfMotion", "latestSessions")) {
            assertSameData(part, onH2.get(part), onPostgres.get(part));
        }
        String since = onH2.get("weekly").get(onH2.get("weekly").size() / 2).get("weekStart").asText();
        JsonNode fromPostgres = report(store, "--since", since);
        JsonNode fromH2 = report(h2, "--since", since);
        for (String part : List.of("totals", "weekly", "exerciseMix", "metrics", "asymmetry", "rangeOfMotion", "latestSessions")) {
            assertSameData("--since " + part, fromH2.get(part), fromPostgres.get(part));
        }
        assertTrue(fromPostgres.get("totals").get("sessions").asLong() < onPostgres.get("totals").get("sessions").asLong(), "--since counts fewer");
    }

    /**
     * The same JSON, but for the last bits of a double: the engines may add up an AVG in another
     * order (metric-asymmetry's means), which changes its 16th digit.
     */
    private static void assertSameData(String where, JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            assertEquals(expected.asDouble(), actual.asDouble(), Math.abs(expected.asDouble()) * 1e-12, where);
            return;
        }
        assertEquals(expected.getNodeType(), actual.getNodeType(), where + ": " + expected + " against " + actual);
        if (expected.isContainerNode()) {
            assertEquals(expected.size(), actual.size(), where + " has as many entries");
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) assertSameData(where + "[" + i + "]", expected.get(i), actual.get(i));
            } else {
                expected.fieldNames().forEachRemaining(name -> {
                    assertTrue(actual.has(name), where + "." + name);
                    assertSameData(where + "." + name, expected.get(name), actual.get(name));
                });
            }
            return;
        }
        assertEquals(expected, actual, where);
    }

    @Test
    void chartsAQueryFromTheTeamStore() throws Exception {
        TestIo.Result text = run(store, new ChartCommand(), "--y", "sessions", PER_DAY);
        assertEquals(0, text.exitCode(), text.toString());
        // Every day from the first session's to the last's: the days without one are 0.
        long days = store.count("SELECT CAST(MAX(recorded_at) AS DATE) - CAST(MIN(recorded_at) AS DATE) + 1 FROM sessions WHERE deleted_at IS NULL");
        assertTrue(text.out().contains("(" + days + " points)"), text.out());

        Path html = dir.resolve("per-day.html");
        TestIo.Result page = run(store, new ChartCommand(), PER_DAY, "-o", html.toString());
        assertEquals(0, page.exitCode(), page.toString());
        assertTrue(page.err().contains("wrote " + html + " (2 series, " + 2 * days + " points, overlay)"), page.toString());
        assertTrue(Files.readString(html).contains("echarts"));

        // Axis titles from what the columns mean, read from PostgreSQL's catalog and the view files.
        TestIo.Result titled = run(store, new ChartCommand(), "select recorded_on, duration_min from session_details order by 1");
        assertEquals(0, titled.exitCode(), titled.toString());
        assertTrue(titled.out().contains("The day it was recorded (UTC): "), titled.out());
    }

    @Test
    void theShellLogsInThePostgresWayWithoutThePasswordLeavingItsProcess() throws Exception {
        String password = store.env().get("PGPASSWORD");
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, password + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Path script = dir.resolve("count.jsh");
        Files.writeString(script, "System.out.println(\"sessions=\" + value(\"select count(*) from sessions\"));\n");
        long sessions = store.count("SELECT COUNT(*) FROM sessions");

        // A script, with the password in a file: the shell's own snippets find the login again from the flags.
        ShellTest.Run fromFile = shell(Map.of("PGUSER", store.env().get("PGUSER")), null, "--db", store.dbArg(), "--db-password-file",
                passwordFile.toString(), script.toString());
        assertEquals(0, fromFile.exitCode(), fromFile.output());
        assertTrue(fromFile.output().contains("sessions=" + sessions), fromFile.output());

        // The prompt, logged in with PGUSER and PGPASSWORD.
        ShellTest.Run prompt = shell(store.env(), "value(\"select count(*) from athletes\")\n/exit\n", "--db", store.dbArg());
        assertEquals(0, prompt.exitCode(), prompt.output());
        assertTrue(prompt.output().contains("is open read-only"), prompt.output());
        assertTrue(prompt.output().contains("==> " + store.count("SELECT COUNT(*) FROM athletes")), prompt.output());
        assertFalse(fromFile.output().contains(password) || prompt.output().contains(password), "the password is never shown");

        // Without any password the server's refusal is one line, exit 3, from the command itself (before any snippet runs).
        ShellTest.Run none = shell(Map.of("PGUSER", store.env().get("PGUSER")), null, "--db", store.dbArg(), script.toString());
        assertEquals(3, none.exitCode(), none.output());
        assertTrue(none.output().startsWith("valor-shell: PostgreSQL at "), none.output());
    }

    @Test
    void theConsoleRefusesATeamStoreInOneLine() {
        TestIo.Result result = run(store, new ConsoleCommand(), "--no-browser");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), result.toString());
        assertTrue(result.err().startsWith("valor-console: ") && result.err().contains("psql"), result.toString());
        assertEquals("", result.out());
    }

    /** valor-shell in its own JVM (as ShellTest runs it), with only {@code env} to log in, a home of its own, and stdin from {@code input}. */
    private ShellTest.Run shell(Map<String, String> env, String input, String... args) throws Exception {
        return ShellTest.shell(dir, env, input, args);
    }
}
