package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;

/** valor-chart in-process on a synced store: PNG, HTML with ECharts inlined, the terminal chart, and bad input. */
class ChartTest {
    private static final String PER_DAY = "select cast(recorded_at as date) as session_day, count(*) as sessions, sum(duration_s) / 60 as minutes"
            + " from sessions where deleted_at is null group by 1 order by 1";

    @TempDir
    static Path shared;
    static AnalystStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncAStore() {
        store = AnalystStore.synced(shared, 29, 4, 120);
    }

    private TestIo.Result chart(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", store.db.toString()));
        all.addAll(List.of(args));
        return TestIo.inHome(shared).run(new ChartCommand(), all.toArray(String[]::new));
    }

    @Test
    void aPngHasTheRequestedSizeAndIsNotBlank() throws Exception {
        Path png = dir.resolve("per-day.png");
        TestIo.Result result = chart("-o", png.toString(), "--width", "640", "--height", "360", "--title", "Sessions per day", PER_DAY);
        assertEquals(0, result.exitCode(), result.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());
        Set<Integer> colours = new TreeSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) for (int y = 0; y < image.getHeight(); y += 3) colours.add(image.getRGB(x, y));
        assertTrue(colours.size() > 2, "the image has " + colours.size() + " colours");
        assertEquals(List.of(png.getFileName().toString()), names(dir), "only the chart is left in the folder, no temporary file");
    }

    @Test
    void barsAndScatterWriteToo() throws Exception {
        for (String type : List.of("bar", "scatter")) {
            Path png = dir.resolve(type + ".png");
            TestIo.Result result = chart("-o", png.toString(), "--type", type, PER_DAY);
            assertEquals(0, result.exitCode(), result.toString());
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(1000, image.getWidth(), "the default width");
            assertEquals(600, image.getHeight(), "the default height");
        }
    }

    @Test
    void anHtmlChartInlinesEChartsAndHoldsEveryRow() throws Exception {
        long rows = store.rows(PER_DAY).size();
        Path html = dir.resolve("per-day.html");
        TestIo.Result result = chart("-o", html.toString(), "--y", "sessions", PER_DAY);
        assertEquals(0, result.exitCode(), result.toString());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("echarts") && page.length() > 500_000, "ECharts is inlined: " + page.length() + " characters");
        assertFalse(page.contains("src=\"http"), "nothing is loaded from the network");
        JsonNode data = embedded(page);
        assertEquals(1, data.get("series").size());
        assertEquals("sessions", data.get("series").get(0).get("name").asText());
        assertEquals(rows, data.get("series").get(0).get("points").size(), "one point per row");
        assertEquals("session_day", data.get("xLabel").asText());
    }

    @Test
    void seriesSplitsASavedQueryIntoOneLinePerAthlete() throws Exception {
        List<Map<String, Object>> rows = store.rows("sessions-per-week", "-p", "weeks=520");
        Set<String> athletes = new TreeSet<>();
        for (Map<String, Object> row : rows) athletes.add(String.valueOf(row.get("athlete_name")));
        assertTrue(athletes.size() >= 2, "the store has several athletes with sessions: " + athletes);

        Path html = dir.resolve("weekly.html");
        TestIo.Result result = chart("sessions-per-week", "-p", "weeks=520", "--series", "athlete_name", "-o", html.toString());
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode data = embedded(Files.readString(html, StandardCharsets.UTF_8));
        Set<String> series = new TreeSet<>();
        int points = 0;
        for (JsonNode s : data.get("series")) {
            series.add(s.get("name").asText());
            points += s.get("points").size();
        }
        assertEquals(athletes, series, "one series per athlete");
        assertEquals(rows.size(), points, "every row is a point of its athlete's series");
        assertEquals("sessions", data.get("yLabel").asText(), "y is the first numeric column after x and the series column");
    }

    /** The page as a browser runs it, offline from a file: the chart object holds every point, and the console has no error. */
    @Test
    void theHtmlChartDrawsInHeadlessChromium() throws Exception {
        List<Map<String, Object>> rows = store.rows("sessions-per-week", "-p", "weeks=520");
        Path html = dir.resolve("weekly.html");
        TestIo.Result result = chart("sessions-per-week", "-p", "weeks=520", "--series", "athlete_name", "-o", html.toString());
        assertEquals(0, result.exitCode(), result.toString());
        try (WebDriverClient browser = WebDriverClient.start(dir)) {
            browser.open(html.toUri().toString());
            JsonNode points = browser.script("""
                    var chart = window.valorChart;
                    if (!chart) return -1;
                    return chart.getOption().series.reduce(function (n, s) { return n + s.data.length; }, 0);
                    """);
            assertEquals(rows.size(), points.asInt(), "the chart in the page has every row");
            JsonNode canvas = browser.script("return document.querySelectorAll('#chart canvas').length;");
            assertTrue(canvas.asInt() >= 1, "ECharts drew on a canvas");
            List<String> errors = new ArrayList<>();
            for (JsonNode entry : browser.consoleLog()) if (entry.path("level").asText().equals("SEVERE")) errors.add(entry.toString());
            assertEquals(List.of(), errors, "no console errors");
        }
    }

    @Test
    void withoutOutputATextChartPrintsASparklinePerSeries() {
        TestIo.Result result = chart(PER_DAY);
        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.out().lines().toList();
        assertEquals(3, lines.size(), result.out());
        assertTrue(lines.get(0).startsWith("sessions ") && lines.get(1).startsWith("minutes "), result.out());
        assertTrue(lines.get(0).chars().anyMatch(c -> c >= '▁' && c <= '█'), "block characters: " + result.out());
        assertTrue(lines.get(2).startsWith("session_day: "), result.out());

        TestIo.Result bars = chart("--type", "bar", "--width", "20",
                "select athlete_name, count(*) as n from session_details group by 1 order by 1");
        assertEquals(0, bars.exitCode(), bars.toString());
        List<String> barLines = bars.out().lines().toList();
        assertTrue(barLines.size() >= 2 && barLines.stream().allMatch(l -> l.contains("█") || l.contains("▏")), bars.out());
        assertTrue(barLines.stream().anyMatch(l -> l.contains("█".repeat(20))), "the longest bar fills the width: " + bars.out());
    }

    @Test
    void badInputIsOneLineAndTheDocumentedExitCode() throws Exception {
        assertBad(2, "numeric column", chart("select athlete_id, first_name from athletes"));
        assertBad(2, "--type", chart("--type", "pie", PER_DAY));
        assertBad(2, ".png or .html", chart("-o", dir.resolve("chart.svg").toString(), PER_DAY));
        assertBad(2, "--series", chart("--series", "nope", PER_DAY));
        assertBad(2, "no saved query", chart("no-such-query"));
        assertBad(1, "cannot write", chart("-o", dir.resolve("missing/folder/chart.png").toString(), PER_DAY));
        assertBad(1, "no rows", chart("select 1 as x, 2 as y where false"));
        assertBad(1, "", chart("select nope from sessions"));
        assertEquals(List.of(), names(dir), "no file, not even a temporary one, is left behind");
    }

    private static void assertBad(int code, String says, TestIo.Result result) {
        assertEquals(code, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), "one line: " + result.err());
        assertTrue(result.err().startsWith("valor-chart: ") && result.err().contains(says), result.err());
        assertEquals("", result.out());
    }

    /** The chart's data, as the page embeds it in its script element of type application/json. */
    static JsonNode embedded(String page) throws Exception {
        String open = "<script id=\"valor-chart-data\" type=\"application/json\">";
        int start = page.indexOf(open) + open.length();
        return Json.parse(page.substring(start, page.indexOf("</script>", start)));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
