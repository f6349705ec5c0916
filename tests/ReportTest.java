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
                    return s.map(function (one) { return { side: one.name, points: one.data.length }; });""".formatted(KNEE));
            assertEquals(2, knee.size(), "L and R are two lines on one chart: " + knee);
            assertEquals("L", knee.get(0).get("side").asText());
            assertEquals("R", knee.get(1).get("side").asText());
            assertEquals(kneeValues("L", allTime), knee.get(0).get("points").asLong(), "a point per session with a left value");
            assertEquals(kneeValues("R", allTime), knee.get(1).get("points").asLong(), "a point per session with a right value");

            JsonNode band = browser.script("""
                    var withBand = window.valorCharts.asymmetry.getOption().series.filter(function (s) {
                      return s.markArea && s.markArea.data && s.markArea.data.length; });
                    if (!withBand.length) return null;
                    var area = withBand[0].markArea.data[0];
                    return [area[0].yAxis, area[1].yAxis];""");
            assertEquals("[-10,10]", band.toString(), "the asymmetry chart shades ±10%");
            long pairs = TestDb.count(db, "SELECT COUNT(*) FROM report_metric_asymmetry WHERE athlete_id = ? AND asymmetry_pct IS NOT NULL", athleteId);
            assertEquals(pairs, browser.script("""
                    return window.valorCharts.asymmetry.getOption().series.reduce(function (n, s) { return n + s.data.length; }, 0);""").asLong(),
                    "a point per session and metric with both sides");

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
