package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * valor-report in-process on a store synced with reports and IK: the athlete page in headless
 * Chromium holds what the store holds (counted here with SQL of the test's own), --since, --all
 * with its index, and bad input that leaves nothing behind.
 */
class ReportTest {
    private static final String KNEE = "Knee Flex. (°)"; // the fake reports it for every session

    @TempDir
    static Path shared;
    static Path db;
    /** The athlete with the most sessions, and the day half of them are recorded on or after. */
    static String athleteId;
    static String athleteName;
    static LocalDate middle;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncAStoreWithReportsAndIk() {
        db = shared.resolve("valor.mv.db");
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(43, 4, 90)).start()) {
            TestIo.Result sync = TestIo.inHome(shared).run(new SyncCommand(), "--db", db.toString(), "--base-url", api.baseUrl().toString(),
                    "--token", api.token(), "--with", "reports,ik", "--quiet");
            assertEquals(0, sync.exitCode(), sync.toString());
        }
        Map<String, Object> busiest = TestDb.rows(db, "SELECT a.athlete_id, TRIM(CONCAT(a.first_name, ' ', a.last_name)) AS name, COUNT(*) AS n"
                + " FROM sessions s JOIN athletes a ON a.athlete_id = s.athlete_id WHERE s.deleted_at IS NULL AND a.deleted_at IS NULL"
                + " GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 1").get(0);
        athleteId = (String) busiest.get("athlete_id");
        athleteName = (String) busiest.get("name");
        List<Map<String, Object>> days = TestDb.rows(db, "SELECT CAST(recorded_at AS DATE) AS d FROM sessions WHERE athlete_id = ?"
                + " AND deleted_at IS NULL ORDER BY recorded_at", athleteId);
        assertTrue(days.size() >= 10, "the athlete has sessions to report: " + days.size());
        middle = LocalDate.parse(String.valueOf(days.get(days.size() / 2).get("d")));
        assertTrue(TestDb.count(db, "SELECT COUNT(*) FROM report_metrics m JOIN sessions s ON s.session_id = m.session_id"
                + " WHERE s.athlete_id = ?", athleteId) > 0, "the athlete has reports");
        assertTrue(TestDb.count(db, "SELECT COUNT(*) FROM ik_joint_summary j JOIN sessions s ON s.session_id = j.session_id"
                + " WHERE s.athlete_id = ?", athleteId) > 0, "the athlete has IK summaries");
    }

    private TestIo.Result report(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", db.toString()));
        all.addAll(List.of(args));
        return TestIo.inHome(shared).run(new ReportCommand(), all.toArray(String[]::new));
    }

    /** The athlete's sessions (not deleted), from the day given on, counted without the views or the toolkit's queries. */
    private static final String SESSIONS = "FROM sessions WHERE athlete_id = ? AND deleted_at IS NULL AND recorded_at >= ?";

    private static List<Long> sessionsPerIsoWeek(LocalDate since) {
        List<Long> counts = new ArrayList<>();
        for (Map<String, Object> row : TestDb.rows(db, "SELECT EXTRACT(ISO_WEEK_YEAR FROM recorded_at) AS y, EXTRACT(ISO_WEEK FROM recorded_at) AS w,"
                + " COUNT(*) AS n " + SESSIONS + " GROUP BY 1, 2 ORDER BY 1, 2", athleteId, since.atStartOfDay())) {
            counts.add(((Number) row.get("n")).longValue());
        }
        return counts;
    }

    private static long kneeValues(String side, LocalDate since) {
        return TestDb.count(db, "SELECT COUNT(*) FROM report_metrics m JOIN sessions s ON s.session_id = m.session_id"
                + " WHERE s.athlete_id = ? AND s.deleted_at IS NULL AND s.recorded_at >= ? AND m.metric = ? AND m.side = ?",
                athleteId, since.atStartOfDay(), KNEE, side);
    }

    /** The page as a coach opens it, offline from a file: every chart drawn, the points the store holds, no console error, and a screenshot. */
    @Test
    void theAthletePageDrawsWhatTheStoreHoldsInHeadlessChromium() throws Exception {
        Path html = dir.resolve("athlete.html");
        TestIo.Result result = report("--athlete", athleteName.toUpperCase(java.util.Locale.ROOT), "--out", html.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(html.toString(), result.out().strip(), "prints the page's path");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(html)), "the page is private");
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("echarts") && page.length() > 500_000, "ECharts is inlined: " + page.length() + " characters");
        assertFalse(page.contains("src=\"http"), "nothing is loaded from the network");
        assertTrue(page.contains(athleteName) && page.contains(athleteId), "the header names the athlete");

        LocalDate allTime = LocalDate.of(1970, 1, 1);
        List<Long> weeks = sessionsPerIsoWeek(allTime);
        try (WebDriverClient browser = WebDriverClient.start(dir)) {
            browser.open(html.toUri().toString());
            JsonNode weekly = browser.script("""
                    return window.valorCharts.sessionsPerWeek.getOption().series[0].data.map(function (p) { return p[1]; });""");
            assertEquals(weeks, Json.MAPPER.convertValue(weekly, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Long.class)),
                    "one bar per ISO week with sessions, each of that week's sessions");
            assertEquals(weeks.size(), browser.script("return window.valorCharts.minutesPerWeek.getOption().series[0].data.length;").asInt());

            JsonNode knee = browser.script("""
                    var s = window.valorCharts.metricTrends['%s'].getOption().series;
                    return s.map(function (one) { return { id: one.id, side: one.name, points: one.data.length }; });""".formatted(KNEE));
            assertEquals(4, knee.size(), "L and R on one chart, each session and the rolling mean: " + knee);
            assertEquals(List.of("L sessions", "L mean", "R sessions", "R mean"), List.of(knee.get(0).get("id").asText(), knee.get(1).get("id").asText(),
                    knee.get(2).get("id").asText(), knee.get(3).get("id").asText()));
            assertEquals(kneeValues("L", allTime), knee.get(0).get("points").asLong(), "a point per session with a left value");
            assertEquals(kneeValues("R", allTime), knee.get(2).get("points").asLong(), "a point per session with a right value");

            long joints = TestDb.count(db, "SELECT COUNT(DISTINCT j.joint) FROM ik_joint_summary j JOIN sessions s ON s.session_id = j.session_id"
                    + " WHERE s.athlete_id = ? AND s.deleted_at IS NULL", athleteId);
            assertEquals(joints, browser.script("return window.valorCharts.rangeOfMotion.getOption().yAxis[0].data.length;").asLong(),
                    "a bar per joint");
            assertTrue(browser.script("return document.querySelectorAll('canvas').length;").asInt() >= 6, "ECharts drew on canvases");
            assertEquals(Math.min(20, TestDb.count(db, "SELECT COUNT(*) " + SESSIONS, athleteId, allTime.atStartOfDay())),
                    browser.script("return document.querySelectorAll('#latest-sessions tbody tr').length;").asLong(), "the latest 20 sessions");

            List<String> errors = new ArrayList<>();
            for (JsonNode entry : browser.consoleLog()) if (entry.path("level").asText().equals("SEVERE")) errors.add(entry.toString());
            assertEquals(List.of(), errors, "no console errors");

            Path screenshot = dir.resolve("report.png");
            Files.write(screenshot, browser.screenshot());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(screenshot)));
            assertTrue(image != null && image.getWidth() > 0 && image.getHeight() > 0, "the screenshot is a PNG");
        }
    }

    /** A metric's trend per side carries, at every session, the mean of the last five sessions' values: the line to read. */
    @Test
    void trendsCarryARollingMeanOverTheSessions() throws Exception {
        JsonNode data = page("rolling.html", "--athlete", athleteId);
        List<Double> left = new ArrayList<>();
        for (Map<String, Object> row : TestDb.rows(db, "SELECT m.avg_max FROM report_metrics m JOIN sessions s ON s.session_id = m.session_id"
                + " WHERE s.athlete_id = ? AND s.deleted_at IS NULL AND m.metric = ? AND m.side = 'L' AND m.avg_max IS NOT NULL"
                + " ORDER BY s.recorded_at, s.session_id", athleteId, KNEE)) {
            left.add(((Number) row.get("avg_max")).doubleValue());
        }
        JsonNode side = metric(data, KNEE).get("sides").get(0);
        assertEquals("L", side.get("side").asText());
        assertEquals(left.size(), side.get("rolling").size(), "a mean at every session");
        boolean smoother = false;
        for (int i = 0; i < left.size(); i++) {
            double mean = left.subList(Math.max(0, i - 4), i + 1).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertEquals(mean, side.get("rolling").get(i).get(1).asDouble(), 1e-9, "the mean of the last five sessions at session " + i);
            assertEquals(side.get("points").get(i).get(0).asText(), side.get("rolling").get(i).get(0).asText(), "at that session's time");
            smoother |= Math.abs(mean - left.get(i)) > 1e-6;
        }
        assertTrue(smoother, "the mean is not the sessions' values again");
    }

    /**
     * Range of motion, like with like: an exercise's latest session against that exercise's earlier
     * sessions (their mean, least and most), computed here from the store; in the browser, picking the
     * exercise shows those bars.
     */
    @Test
    void rangeOfMotionComparesAnExercisesLatestSessionWithItsOwnHistory() throws Exception {
        String withIk = " FROM ik_joint_summary j JOIN sessions s ON s.session_id = j.session_id WHERE s.athlete_id = ? AND s.deleted_at IS NULL";
        Map<String, Object> busiest = TestDb.rows(db, "SELECT s.exercise_id, COUNT(DISTINCT s.session_id) AS n" + withIk
                + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1", athleteId).get(0);
        String exercise = (String) busiest.get("exercise_id");
        long sessions = ((Number) busiest.get("n")).longValue();
        assertTrue(sessions >= 3, "an exercise with a history: " + sessions);
        String latest = (String) TestDb.rows(db, "SELECT DISTINCT s.session_id, s.recorded_at" + withIk + " AND s.exercise_id = ?"
                + " ORDER BY s.recorded_at DESC, s.session_id DESC LIMIT 1", athleteId, exercise).get(0).get("session_id");

        JsonNode data = page("rom.html", "--athlete", athleteId);
        int index = -1;
        for (int i = 0; i < data.get("rangeOfMotion").size(); i++) if (data.get("rangeOfMotion").get(i).get("latestSessionId").asText().equals(latest)) index = i;
        assertTrue(index >= 0, "the exercise is on the page: " + data.get("rangeOfMotion"));
        JsonNode entry = data.get("rangeOfMotion").get(index);
        assertEquals(sessions, entry.get("sessions").asLong());
        boolean differsFromAllExercises = false;
        for (JsonNode joint : entry.get("joints")) {
            String name = joint.get("joint").asText();
            double latestRom = ((Number) TestDb.rows(db, "SELECT range_of_motion FROM ik_joint_summary WHERE session_id = ? AND joint = ?", latest, name)
                    .get(0).get("range_of_motion")).doubleValue();
            Map<String, Object> earlier = TestDb.rows(db, "SELECT AVG(j.range_of_motion) AS m, MIN(j.range_of_motion) AS lo, MAX(j.range_of_motion) AS hi,"
                    + " COUNT(*) AS n" + withIk + " AND s.exercise_id = ? AND j.joint = ? AND s.session_id <> ?", athleteId, exercise, name, latest).get(0);
            double everyExercise = ((Number) TestDb.rows(db, "SELECT AVG(j.range_of_motion) AS m" + withIk + " AND j.joint = ?", athleteId, name)
                    .get(0).get("m")).doubleValue();
            assertEquals(latestRom, joint.get("latest").asDouble(), 1e-9, name + ": the latest session's");
            assertEquals(((Number) earlier.get("m")).doubleValue(), joint.get("earlierMean").asDouble(), 1e-9, name + ": the exercise's earlier sessions'");
            assertEquals(((Number) earlier.get("lo")).doubleValue(), joint.get("earlierMin").asDouble(), 1e-9);
            assertEquals(((Number) earlier.get("hi")).doubleValue(), joint.get("earlierMax").asDouble(), 1e-9);
            assertEquals(sessions - 1, joint.get("earlierSessions").asLong());
            differsFromAllExercises |= Math.abs(everyExercise - joint.get("earlierMean").asDouble()) > 1e-6;
        }
        assertTrue(differsFromAllExercises, "the exercise's own history is not the mean over every exercise");

        try (WebDriverClient browser = WebDriverClient.start(dir)) {
            browser.open(dir.resolve("rom.html").toUri().toString());
            JsonNode shown = browser.script("""
                    var pick = document.getElementById('rom-exercise');
                    pick.value = '%d';
                    pick.dispatchEvent(new Event('change'));
                    var option = window.valorCharts.rangeOfMotion.getOption();
                    return { joints: option.yAxis[0].data, latest: option.series[0].data, earlier: option.series[1].data,
                             note: document.getElementById('rom-note').textContent };""".formatted(index));
            for (int j = 0; j < entry.get("joints").size(); j++) {
                JsonNode joint = entry.get("joints").get(j);
                assertEquals(joint.get("joint").asText(), shown.get("joints").get(j).asText());
                assertEquals(joint.get("latest").asDouble(), shown.get("latest").get(j).asDouble(), 1e-9);
                assertEquals(joint.get("earlierMean").asDouble(), shown.get("earlier").get(j).asDouble(), 1e-9);
            }
            assertTrue(shown.get("note").asText().contains(entry.get("exercise").asText() + " (") && shown.get("note").asText().contains(
                    (sessions - 1) + " earlier sessions"), shown.get("note").asText());
        }
    }

    /** Asymmetry as a small chart per metric: each with its sessions and the ±10% band, all on one symmetric scale. */
    @Test
    void asymmetryIsASmallChartPerMetricOnOneScale() throws Exception {
        Map<String, Long> perMetric = new TreeMap<>();
        for (Map<String, Object> row : TestDb.rows(db, "SELECT metric, COUNT(*) AS n FROM report_metric_asymmetry WHERE athlete_id = ?"
                + " AND asymmetry_pct IS NOT NULL GROUP BY metric", athleteId)) {
            perMetric.put((String) row.get("metric"), ((Number) row.get("n")).longValue());
        }
        assertTrue(perMetric.size() > 3, "several metrics with both sides: " + perMetric);
        page("asymmetry.html", "--athlete", athleteId);
        try (WebDriverClient browser = WebDriverClient.start(dir)) {
            browser.open(dir.resolve("asymmetry.html").toUri().toString());
            JsonNode charts = browser.script("""
                    var all = window.valorCharts.asymmetry;
                    return Object.keys(all).map(function (metric) {
                      var option = all[metric].getOption();
                      var area = option.series[0].markArea.data[0];
                      return { metric: metric, sessions: option.series[0].data.length, band: [area[0].yAxis, area[1].yAxis],
                               min: option.yAxis[0].min, max: option.yAxis[0].max };
                    });""");
            Map<String, Long> drawn = new TreeMap<>();
            for (JsonNode chart : charts) {
                drawn.put(chart.get("metric").asText(), chart.get("sessions").asLong());
                assertEquals("[-10,10]", chart.get("band").toString(), "each chart shades ±10%");
                assertEquals(charts.get(0).get("max").asDouble(), chart.get("max").asDouble(), "one scale for every chart");
                assertEquals(-chart.get("max").asDouble(), chart.get("min").asDouble(), "symmetric around 0");
                assertTrue(chart.get("max").asDouble() >= 15, "the band sits well inside: " + chart);
            }
            assertEquals(perMetric, drawn, "a chart per metric, a point per session with both sides");
        }
    }

    /** Month labels carry the year when the period spans years, and only then. */
    @Test
    void datesCarryTheYearWhereThePeriodSpansYears() throws Exception {
        LocalDate lastDay = LocalDate.parse(String.valueOf(TestDb.rows(db, "SELECT CAST(MAX(recorded_at) AS DATE) AS d FROM sessions"
                + " WHERE athlete_id = ? AND deleted_at IS NULL", athleteId).get(0).get("d")));
        LocalDate spanning = LocalDate.of(lastDay.getYear() - 1, 12, 1);
        LocalDate within = lastDay.minusDays(150).getYear() == lastDay.getYear() ? lastDay.minusDays(150) : LocalDate.of(lastDay.getYear(), 1, 1);
        assertTrue(page("years.html", "--athlete", athleteId, "--since", spanning.toString()).get("period").get("spansYears").asBoolean());
        assertFalse(page("year.html", "--athlete", athleteId, "--since", within.toString()).get("period").get("spansYears").asBoolean());
        String labels = """
                var axis = window.valorCharts.sessionsPerWeek.getModel().getComponent('xAxis', 0).axis;
                return axis.getViewLabels().map(function (label) { return label.formattedLabel; });""";
        try (WebDriverClient browser = WebDriverClient.start(dir)) {
            browser.open(dir.resolve("years.html").toUri().toString());
            JsonNode across = browser.script(labels);
            assertTrue(across.size() >= 2, across.toString());
            for (JsonNode label : across) assertTrue(label.asText().matches(".*\\b\\d{4}$"), "every label has its year: " + across);
            browser.open(dir.resolve("year.html").toUri().toString());
            JsonNode inOneYear = browser.script(labels);
            assertTrue(inOneYear.size() >= 2, inOneYear.toString());
            for (JsonNode label : inOneYear) assertFalse(label.asText().matches(".*\\D.*\\d{4}$"), "no month needs a year here: " + inOneYear);
        }
    }

    /** The index lists athletes as people sort names (Ángel with the A's, Émile with the E's), not in the database's code-point order. */
    @Test
    void theIndexSortsNamesAsPeopleDo(@TempDir Path other) throws Exception {
        FakeOrganisation organisation = FakeOrganisation.generate(44, 5, 30);
        List<String[]> names = List.of(new String[] {"Zoe", "Adams"}, new String[] {"Ángel", "Cohen"}, new String[] {"Amara", "Diallo"},
                new String[] {"Émile", "Dubois"}, new String[] {"Bea", "Evans"});
        for (int i = 0; i < names.size(); i++) {
            String[] name = names.get(i);
            organisation.updateAthlete(organisation.athletes().get(i).athleteId(), a -> a.withFirstName(name[0]).withLastName(name[1]));
        }
        Path store = other.resolve("names.mv.db");
        try (FakeValorApi api = FakeValorApi.builder().organisation(organisation).start()) {
            TestIo.Result sync = TestIo.inHome(other).run(new SyncCommand(), "--db", store.toString(), "--base-url", api.baseUrl().toString(),
                    "--token", api.token(), "--quiet");
            assertEquals(0, sync.exitCode(), sync.toString());
        }
        Path folder = other.resolve("reports");
        TestIo.Result result = TestIo.inHome(other).run(new ReportCommand(), "--db", store.toString(), "--all", "--out", folder.toString());
        assertEquals(0, result.exitCode(), result.toString());
        List<String> listed = new ArrayList<>();
        Matcher row = Pattern.compile("<a href=\"[^\"]+\">([^<]+)</a>").matcher(Files.readString(folder.resolve("index.html")));
        while (row.find()) listed.add(row.group(1));
        assertEquals(List.of("Amara Diallo", "Ángel Cohen", "Bea Evans", "Émile Dubois", "Zoe Adams"), listed);
    }

    @Test
    void sinceLimitsEverySessionCountOnThePage() throws Exception {
        Path html = dir.resolve("since.html");
        TestIo.Result result = report("--athlete", athleteId, "--since", middle.toString(), "--out", html.toString());
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode data = embedded(Files.readString(html, StandardCharsets.UTF_8));
        long expected = TestDb.count(db, "SELECT COUNT(*) " + SESSIONS, athleteId, middle.atStartOfDay());
        long before = TestDb.count(db, "SELECT COUNT(*) FROM sessions WHERE athlete_id = ? AND deleted_at IS NULL AND recorded_at < ?",
                athleteId, middle.atStartOfDay());
        assertTrue(expected > 0 && before > 0, "the day splits the sessions: " + before + " before, " + expected + " on or after");
        assertEquals(expected, data.get("totals").get("sessions").asLong(), "the header's total");
        long weekly = 0;
        for (JsonNode week : data.get("weekly")) weekly += week.get("sessions").asLong();
        assertEquals(expected, weekly, "the weekly bars add up to the same sessions");
        assertEquals(sessionsPerIsoWeek(middle).size(), data.get("weekly").size());
        long mix = 0;
        for (JsonNode exercise : data.get("exerciseMix")) mix += exercise.get("sessions").asLong();
        assertEquals(expected, mix, "the exercise mix counts the same sessions");
        for (JsonNode metric : data.get("metrics")) {
            if (!metric.get("metric").asText().equals(KNEE)) continue;
            assertEquals(kneeValues("L", middle), metric.get("sides").get(0).get("points").size(), "the trend starts at --since");
        }
        for (JsonNode session : data.get("latestSessions")) {
            assertTrue(session.get("recordedAt").asText().compareTo(middle.toString()) >= 0, "listed sessions are from --since on: " + session);
        }
        assertTrue(data.get("period").get("firstSession").asText().compareTo(middle.toString()) >= 0);
    }

    @Test
    void allWritesAPagePerAthleteAndAnIndexLinkingThem() throws Exception {
        Path folder = dir.resolve("reports/2026");
        TestIo.Result result = report("--all", "--out", folder.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(folder.resolve("index.html").toString(), result.out().strip());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)), "a folder it makes is private");

        List<Map<String, Object>> athletes = TestDb.rows(db, "SELECT athlete_id FROM athletes WHERE deleted_at IS NULL");
        String index = Files.readString(folder.resolve("index.html"), StandardCharsets.UTF_8);
        Set<String> linked = new TreeSet<>();
        Matcher link = Pattern.compile("<a href=\"([^\"]+)\">").matcher(index);
        while (link.find()) linked.add(link.group(1));
        assertEquals(athletes.size(), linked.size(), "one link per athlete: " + linked);
        Set<String> pages = new TreeSet<>(names(folder));
        pages.remove("index.html");
        assertEquals(pages, linked, "every page is linked and every link has its page; nothing else is left in the folder");
        Set<String> ids = new TreeSet<>();
        for (String page : pages) {
            JsonNode data = embedded(Files.readString(folder.resolve(page), StandardCharsets.UTF_8));
            ids.add(data.get("athlete").get("id").asText());
            long sessions = TestDb.count(db, "SELECT COUNT(*) FROM sessions WHERE athlete_id = ? AND deleted_at IS NULL", data.get("athlete").get("id").asText());
            assertEquals(sessions, data.get("totals").get("sessions").asLong(), page);
            assertTrue(index.contains("<td class=\"n\">" + sessions + "</td>"), "the index shows each athlete's sessions");
        }
        Set<String> expected = new TreeSet<>();
        for (Map<String, Object> row : athletes) expected.add((String) row.get("athlete_id"));
        assertEquals(expected, ids, "a page for each athlete the store lists");

        // Every page draws, the one of an athlete who has not recorded anything yet too.
        try (WebDriverClient browser = WebDriverClient.start(dir)) {
            for (String page : pages) {
                browser.open(folder.resolve(page).toUri().toString());
                assertTrue(browser.script("return !!(window.valorCharts && window.valorCharts.asymmetry);").asBoolean(), page + " drew its charts");
                List<String> errors = new ArrayList<>();
                for (JsonNode entry : browser.consoleLog()) if (entry.path("level").asText().equals("SEVERE")) errors.add(entry.toString());
                assertEquals(List.of(), errors, page + ": no console errors");
            }
        }
    }

    /** Without --out the page lands in the folder the command runs in, named after the athlete, and its path is printed. */
    @Test
    void withoutOutThePageIsNamedAfterTheAthleteInTheCurrentFolder() throws Exception {
        ProcessBuilder child = JavaProcess.of(ReportCommand.class, "--db", db.toString(), "--athlete", athleteId).directory(dir.toFile());
        child.environment().put("HOME", shared.toString());
        Process process = child.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.matches("report-[a-z0-9]+(-[a-z0-9]+)*\\.html"), "a file name from the athlete's name: " + output);
        assertEquals(List.of(output), names(dir), "the page, and nothing else");
        assertEquals(athleteId, embedded(Files.readString(dir.resolve(output), StandardCharsets.UTF_8)).get("athlete").get("id").asText());
    }

    @Test
    void badInputIsOneLineExitTwoAndLeavesNothingBehind() throws Exception {
        String typo = athleteName.substring(0, athleteName.length() - 1) + "x";
        TestIo.Result unknown = report("--athlete", typo, "--out", dir.resolve("typo.html").toString());
        assertBad("no athlete has the id or name", unknown);
        assertTrue(unknown.err().contains("did you mean " + athleteName), "suggests the close name: " + unknown.err());
        assertBad("cannot write", report("--athlete", athleteId, "--out", dir.resolve("missing/folder/a.html").toString()));
        Files.writeString(dir.resolve("a-file"), "x");
        assertBad("cannot write pages", report("--all", "--out", dir.resolve("a-file/reports").toString()));
        assertBad("--all needs --out", report("--all"));
        assertBad("not both", report("--all", "--athlete", athleteId, "--out", dir.resolve("both").toString()));
        assertBad("YYYY-MM-DD", report("--athlete", athleteId, "--since", "last week", "--out", dir.resolve("s.html").toString()));
        assertBad(".html", report("--athlete", athleteId, "--out", dir.resolve("a.pdf").toString()));
        assertBad("--athlete", report("--out", dir.resolve("nobody.html").toString()));
        assertEquals(List.of("a-file"), names(dir), "no page, folder or temporary file is left behind");
    }

    private static void assertBad(String says, TestIo.Result result) {
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), "one line: " + result.err());
        assertTrue(result.err().startsWith("valor-report: ") && result.err().contains(says), result.err());
        assertEquals("", result.out());
    }

    /** Writes the page to a file in the test's folder and returns its data. */
    private JsonNode page(String file, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", dir.resolve(file).toString()));
        TestIo.Result result = report(all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.toString());
        return embedded(Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
    }

    private static JsonNode metric(JsonNode data, String name) {
        for (JsonNode metric : data.get("metrics")) if (metric.get("metric").asText().equals(name)) return metric;
        throw new AssertionError("no metric " + name + " on the page");
    }

    /** The page's data, as it embeds it in its script element of type application/json. */
    static JsonNode embedded(String page) throws Exception {
        String open = "<script id=\"valor-report-data\" type=\"application/json\">";
        int start = page.indexOf(open) + open.length();
        return Json.parse(page.substring(start, page.indexOf("</script>", start)));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
