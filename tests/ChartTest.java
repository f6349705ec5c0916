package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;
import valor.chart.Palette;
import valor.chart.PngChart;

/**
 * valor-chart in-process on a synced store: PNG, HTML with ECharts inlined, the terminal chart, and
 * bad input; and a squad read right: buckets without rows as 0, a heatmap, small multiples or the top
 * N past eight series, axis titles, whole names in the legend, the palette, a scale one outlier does
 * not flatten, bars of a usable width.
 */
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
        List<Map<String, Object>> rows = store.rows(PER_DAY);
        Path html = dir.resolve("per-day.html");
        TestIo.Result result = chart("-o", html.toString(), "--y", "sessions", PER_DAY);
        assertEquals(0, result.exitCode(), result.toString());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("echarts") && page.length() > 500_000, "ECharts is inlined: " + page.length() + " characters");
        assertFalse(page.contains("src=\"http"), "nothing is loaded from the network");
        JsonNode data = embedded(page);
        assertEquals(1, data.get("series").size());
        assertEquals("sessions", data.get("series").get(0).get("name").asText());
        Map<String, Double> points = points(data.get("series").get(0));
        for (Map<String, Object> row : rows) {
            assertEquals(((Number) row.get("sessions")).doubleValue(), points.get((String) row.get("session_day")), "every row is a point");
        }
        assertEquals("session_day", data.get("xLabel").asText());
        assertEquals("session day", data.get("xTitle").asText(), "a computed column's name, in words");
    }

    /**
     * A day, week or month x is read as time buckets: every bucket from the first to the last is on
     * the axis and in every series, 0 where the query has no row, so no line is drawn across weeks
     * without sessions; --missing gap leaves a gap there, --missing join only the rows.
     */
    @Test
    void bucketsWithoutRowsAreZeroNotBridged() throws Exception {
        List<Map<String, Object>> rows = store.rows("sessions-per-week", "-p", "weeks=520");
        Map<String, Map<String, Double>> expected = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            expected.computeIfAbsent((String) row.get("athlete_name"), a -> new TreeMap<>())
                    .put((String) row.get("iso_week"), ((Number) row.get("sessions")).doubleValue());
        }
        TreeSet<String> weeksWithRows = new TreeSet<>(rows.stream().map(r -> (String) r.get("iso_week")).toList());
        List<String> everyWeek = new ArrayList<>();
        for (LocalDate monday = monday(weeksWithRows.first()); !monday.isAfter(monday(weeksWithRows.last())); monday = monday.plusWeeks(1)) {
            everyWeek.add(String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        }
        assertTrue(everyWeek.size() > weeksWithRows.size(), "some weeks have no session at all: " + everyWeek.size() + " > " + weeksWithRows.size());

        JsonNode data = html("zero.html", "sessions-per-week", "-p", "weeks=520", "--series", "athlete_name");
        Set<String> names = new TreeSet<>();
        data.get("series").forEach(s -> names.add(s.get("name").asText()));
        assertEquals(expected.keySet(), names, "one series per athlete");
        assertEquals("sessions", data.get("yLabel").asText(), "y is the first numeric column after x and the series column");
        assertEquals(everyWeek, Json.MAPPER.convertValue(data.get("categories"), List.class), "every week on the axis, in order");
        long zeros = 0;
        for (JsonNode series : data.get("series")) {
            Map<String, Double> mine = expected.get(series.get("name").asText());
            List<String> weeks = new ArrayList<>();
            for (JsonNode point : series.get("points")) {
                String week = point.get(0).asText();
                weeks.add(week);
                double expectedValue = mine.getOrDefault(week, 0.0);
                assertEquals(expectedValue, point.get(1).asDouble(), series.get("name") + " in " + week);
                if (!mine.containsKey(week)) zeros++;
            }
            assertEquals(everyWeek, weeks, "a point in every week: " + series.get("name"));
        }
        assertTrue(zeros > 0, "weeks without a row are there, as 0");

        JsonNode gaps = html("gaps.html", "sessions-per-week", "-p", "weeks=520", "--series", "athlete_name", "--missing", "gap");
        for (JsonNode series : gaps.get("series")) {
            for (JsonNode point : series.get("points")) {
                assertEquals(!expected.get(series.get("name").asText()).containsKey(point.get(0).asText()), point.get(1).isNull(), "a gap where no row is");
            }
        }
        JsonNode joined = html("joined.html", "sessions-per-week", "-p", "weeks=520", "--series", "athlete_name", "--missing", "join");
        int points = 0;
        for (JsonNode series : joined.get("series")) points += series.get("points").size();
        assertEquals(rows.size(), points, "join: the rows as they are");

        // An athlete without a session in the range is a row of zeros when the query lists them (empty_weeks).
        String idle = (String) store.rows("select athlete_name from athlete_summary where sessions = 0").get(0).get("athlete_name");
        JsonNode squad = html("squad.html", "sessions-per-week", "-p", "weeks=8", "-p", "empty_weeks=true", "--series", "athlete_name");
        JsonNode idleSeries = null;
        for (JsonNode series : squad.get("series")) if (series.get("name").asText().equals(idle)) idleSeries = series;
        assertTrue(idleSeries != null, idle + " has no session and is on the chart");
        assertEquals(8, idleSeries.get("points").size());
        for (JsonNode point : idleSeries.get("points")) assertEquals(0.0, point.get(1).asDouble());
    }

    /** Past eight series, a heatmap (athlete x week; here exercise x month), small multiples on request, or the top N and "others". */
    @Test
    void moreThanEightSeriesBecomeAHeatmapSmallMultiplesOrTheTopN() throws Exception {
        String monthly = "select left(cast(recorded_on as varchar), 7) as period, exercise_name, count(*) as sessions from session_details group by 1, 2 order by 1, 2";
        List<Map<String, Object>> rows = store.rows(monthly);
        Map<String, Double> totals = new TreeMap<>();
        for (Map<String, Object> row : rows) totals.merge((String) row.get("exercise_name"), ((Number) row.get("sessions")).doubleValue(), Double::sum);
        assertTrue(totals.size() > 8, "more than eight exercises: " + totals.size());

        JsonNode heatmap = html("heatmap.html", monthly, "--series", "exercise_name");
        assertEquals("heatmap", heatmap.get("layout").asText());
        List<String> rowsShown = Json.MAPPER.convertValue(heatmap.get("heatmap").get("rows"), List.class);
        List<String> byName = new ArrayList<>(totals.keySet());
        byName.sort(java.text.Collator.getInstance(Locale.getDefault()));
        assertEquals(byName, rowsShown, "a row per exercise, by name");
        double cells = 0;
        for (JsonNode cell : heatmap.get("heatmap").get("cells")) cells += Double.parseDouble(cell.get("value").get(3).asText());
        assertEquals(totals.values().stream().mapToDouble(Double::doubleValue).sum(), cells, 1e-9, "the cells hold every session");

        JsonNode top = html("top.html", monthly, "--series", "exercise_name", "--top", "3");
        assertEquals("overlay", top.get("layout").asText());
        List<String> largest = totals.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(3).map(Map.Entry::getKey).toList();
        List<String> names = new ArrayList<>();
        top.get("series").forEach(series -> names.add(series.get("name").asText()));
        assertEquals(4, names.size(), names.toString());
        assertEquals(Set.copyOf(largest), Set.copyOf(names.subList(0, 3)), "the three exercises with the most sessions");
        assertEquals("others (" + (totals.size() - 3) + ", summed)", names.get(3));
        double all = 0;
        for (JsonNode series : top.get("series")) for (JsonNode point : series.get("points")) all += point.get(1).asDouble();
        assertEquals(totals.values().stream().mapToDouble(Double::doubleValue).sum(), all, 1e-9, "others holds the rest: nothing lost");

        Path multiples = dir.resolve("multiples.html");
        assertEquals(0, chart(monthly, "--series", "exercise_name", "--layout", "multiples", "-o", multiples.toString()).exitCode());
        assertEquals("multiples", embedded(Files.readString(multiples)).get("layout").asText());
        Path png = dir.resolve("heatmap.png");
        TestIo.Result drawn = chart(monthly, "--series", "exercise_name", "-o", png.toString(), "--width", "900", "--height", "700");
        assertEquals(0, drawn.exitCode(), drawn.toString());
        assertTrue(drawn.err().contains("heatmap"), drawn.err());
        assertEquals(900, ImageIO.read(png.toFile()).getWidth());
        TestIo.Result text = chart(monthly, "--series", "exercise_name");
        assertTrue(text.out().lines().count() >= totals.size() + 2, "a line per exercise, the x range and the shared scale: " + text.out());
        assertTrue(text.out().contains("every line on one scale"), text.out());

        assertBad(2, "--layout heatmap", chart("--layout", "heatmap", "select duration_s, duration_s * 2 as twice from sessions"));
        assertBad(2, "--layout", chart("--layout", "pie", monthly));
    }

    /** Axis titles: --x-title and --y-title, else what the column means (a view's comment, a saved query's -- column line), else its name in words. */
    @Test
    void axisTitlesComeFromTheFlagsOrWhatTheColumnsMean() throws Exception {
        JsonNode flagged = html("flags.html", "sessions-per-week", "--series", "athlete_name", "--x-title", "Week", "--y-title", "Sessions a week");
        assertEquals(List.of("Week", "Sessions a week"), List.of(flagged.get("xTitle").asText(), flagged.get("yTitle").asText()));
        JsonNode saved = html("saved.html", "sessions-per-week", "--series", "athlete_name");
        assertEquals(List.of("ISO week", "Sessions"), List.of(saved.get("xTitle").asText(), saved.get("yTitle").asText()),
                "sessions-per-week's -- column lines");
        JsonNode view = html("view.html", "select recorded_on, duration_min from session_details order by 1");
        assertEquals(List.of("The day it was recorded (UTC)", "Length of the recording in minutes, rounded to 2 decimals"),
                List.of(view.get("xTitle").asText(), view.get("yTitle").asText()), "session_details' column comments");

        Path png = dir.resolve("view.png");
        assertEquals(0, chart("select recorded_on, duration_min from session_details order by 1", "-o", png.toString(), "--x-title", "Day").exitCode());
        TestIo.Result text = chart("select recorded_on as d, count(*) as n from session_details group by 1 order by 1", "--x-title", "Day of training");
        assertTrue(text.out().contains("Day of training: "), text.out());
        TestIo.Result fromView = chart("select recorded_on as d, count(*) as n from session_details group by 1 order by 1");
        assertTrue(fromView.out().contains("The day it was recorded (UTC): "), "renamed, the column still means what it means: " + fromView.out());
    }

    /** The page as a browser runs it, offline from a file: the chart object holds every point, and the console has no error. */
    @Test
    void theHtmlChartDrawsInHeadlessChromium() throws Exception {
        Path html = dir.resolve("weekly.html");
        TestIo.Result result = chart("sessions-per-week", "-p", "weeks=520", "--series", "athlete_name", "-o", html.toString());
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode data = embedded(Files.readString(html));
        int expected = data.get("series").size() * data.get("categories").size();
        try (WebDriverClient browser = WebDriverClient.start(dir)) {
            browser.open(html.toUri().toString());
            JsonNode points = browser.script("""
                    var chart = window.valorChart;
                    if (!chart) return -1;
                    return chart.getOption().series.reduce(function (n, s) { return n + s.data.length; }, 0);
                    """);
            assertEquals(expected, points.asInt(), "the chart in the page has a point per athlete and week");
            JsonNode canvas = browser.script("return document.querySelectorAll('#chart canvas').length;");
            assertTrue(canvas.asInt() >= 1, "ECharts drew on a canvas");
            assertNoErrors(browser);
        }
    }

    /** Whatever their length, legend entries keep the whole name and stay on the page: the legend wraps, it is never paged or cut. */
    @Test
    void theLegendKeepsWholeNames() throws Exception {
        String prefix = "A name as long as a coach may give a squad member, with a club and a note, ";
        String sql = "select recorded_on, concat('" + prefix + "', athlete_name) as who, count(*) as sessions from session_details group by 1, 2 order by 1, 2";
        Path html = dir.resolve("legend.html");
        assertEquals(0, chart(sql, "--series", "who", "-o", html.toString(), "--missing", "gap").exitCode());
        try (WebDriverClient browser = WebDriverClient.start(dir)) {
            browser.open(html.toUri().toString());
            JsonNode legend = browser.script("""
                    var width = document.documentElement.clientWidth;
                    return Array.prototype.map.call(document.querySelectorAll('#legend li'), function (item) {
                      var box = item.getBoundingClientRect();
                      return { text: item.textContent, inside: box.left >= 0 && box.right <= width && item.scrollWidth <= item.clientWidth + 1 };
                    });""");
            JsonNode names = browser.script("return window.valorChart.getOption().series.map(function (s) { return s.name; });");
            assertEquals(names.size(), legend.size(), legend.toString());
            for (int i = 0; i < names.size(); i++) {
                assertEquals(names.get(i).asText(), legend.get(i).get("text").asText(), "the whole name");
                assertTrue(names.get(i).asText().startsWith(prefix));
                assertTrue(legend.get(i).get("inside").asBoolean(), "on the page, not cut: " + legend.get(i));
            }
            browser.script("document.querySelectorAll('#legend li')[0].click(); return true;");
            assertEquals(false, browser.script("return window.valorChart.getOption().legend[0].selected[window.valorChart.getOption().series[0].name];")
                    .asBoolean(), "a click on an entry hides its series");
            assertNoErrors(browser);
        }
        JsonNode data = embedded(Files.readString(html));
        for (JsonNode series : data.get("series")) {
            assertTrue(Palette.SERIES.contains(series.get("colour").asText()), "the colour-blind-safe palette: " + series.get("colour"));
        }
        assertFalse(Palette.SERIES.stream().anyMatch(c -> c.equalsIgnoreCase("#F0E442")), "no yellow on white");
        assertEquals(Palette.SERIES.size(), Set.copyOf(Palette.SERIES).size(), "distinct colours");

        String longName = prefix.repeat(3) + "the end";
        assertEquals(longName, PngChart.wrap(longName).replace('\n', ' '), "the PNG legend wraps a name, losing nothing");
        assertTrue(PngChart.wrap(longName).lines().allMatch(line -> line.length() <= 40), PngChart.wrap(longName));
    }

    /** One outlier does not flatten the rest: the scale stops above the 95th percentile, says so, and marks the values above. */
    @Test
    void oneOutlierDoesNotFlattenTheRest() throws Exception {
        StringBuilder values = new StringBuilder();
        for (int week = 1; week <= 40; week++) {
            values.append(values.isEmpty() ? "" : ", ").append(String.format("('2026-W%02d', %d)", week, week == 20 ? 150 : 2 + week % 5));
        }
        String sql = "select week, sessions from (values " + values + ") as t(week, sessions) order by 1";
        JsonNode data = html("outlier.html", sql, "--type", "bar");
        assertEquals(8.0, data.get("clipAt").asDouble(), "the scale stops at a round number above the rest (2 to 6)");
        assertEquals(List.of(List.of("2026-W20", 150.0)), Json.MAPPER.convertValue(data.get("series").get(0).get("clipped"), List.class),
                "the value above is marked, with its number");
        String page = Files.readString(dir.resolve("outlier.html"));
        assertTrue(page.contains("The scale stops at 8 so the largest values do not flatten the rest: 1 value is above it (up to 150"), "the chart says so");
        assertTrue(html("whole.html", sql, "--type", "bar", "--no-clip").get("clipAt").isNull(), "--no-clip: the whole range");

        TestIo.Result text = chart(sql, "--type", "bar", "--width", "20");
        assertTrue(text.out().lines().anyMatch(line -> line.startsWith("2026-W20 " + "█".repeat(20) + "» 150")), text.out());
        assertTrue(text.out().contains("The scale stops at 8"), text.out());
        assertTrue(text.out().lines().anyMatch(line -> line.startsWith("2026-W03 " + "█".repeat(12) + "▌ 5")), "5 of 8: 12.5 of 20 cells: " + text.out());

        try (WebDriverClient browser = WebDriverClient.start(dir)) {
            browser.open(dir.resolve("outlier.html").toUri().toString());
            assertEquals(8, browser.script("return window.valorChart.getOption().yAxis[0].max;").asInt());
            JsonNode widths = browser.script("""
                    var data = window.valorChart.getModel().getSeriesByIndex(0).getData();
                    var widths = [];
                    for (var i = 0; i < data.count(); i++) { var layout = data.getItemLayout(i); if (layout) widths.push(layout.width); }
                    return widths;""");
            for (JsonNode width : widths) assertTrue(width.asDouble() >= 6, "bars at least 6 pixels wide: " + widths);
        }
    }

    @Test
    void manySeriesOfBarsKeepAUsableWidth() throws Exception {
        String sql = "select recorded_on, athlete_name, count(*) as sessions from session_details group by 1, 2 order by 1, 2";
        Path html = dir.resolve("bars.html");
        assertEquals(0, chart(sql, "--series", "athlete_name", "--type", "bar", "--layout", "overlay", "-o", html.toString()).exitCode());
        try (WebDriverClient browser = WebDriverClient.start(dir)) {
            browser.open(html.toUri().toString());
            JsonNode widths = browser.script("""
                    var widths = [];
                    window.valorChart.getModel().eachSeries(function (series) {
                      var data = series.getData();
                      for (var i = 0; i < data.count(); i++) { var layout = data.getItemLayout(i); if (layout && layout.width) widths.push(layout.width); }
                    });
                    return widths;""");
            assertFalse(widths.isEmpty());
            for (JsonNode width : widths) assertTrue(Math.abs(width.asDouble()) >= 4, "no hairline bars: " + width);
            assertTrue(browser.script("return window.valorChart.getOption().dataZoom[1].endValue !== undefined;").asBoolean(),
                    "the days that do not fit are a scroll away");
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
        assertTrue(lines.get(2).startsWith("session day: "), result.out());

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
        assertBad(1, "no column nope in sessions", chart("select nope from sessions"));
        assertEquals(List.of(), names(dir), "no file, not even a temporary one, is left behind");
    }

    /** Writes the chart as HTML (extra args given) and returns its data. */
    private JsonNode html(String file, String... args) throws Exception {
        Path html = dir.resolve(file);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", html.toString()));
        TestIo.Result result = chart(all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.toString());
        return embedded(Files.readString(html, StandardCharsets.UTF_8));
    }

    /** A series' points by x. */
    private static Map<String, Double> points(JsonNode series) {
        Map<String, Double> points = new TreeMap<>();
        for (JsonNode point : series.get("points")) points.put(point.get(0).asText(), point.get(1).isNull() ? null : point.get(1).asDouble());
        return points;
    }

    private static LocalDate monday(String isoWeek) {
        return LocalDate.of(Integer.parseInt(isoWeek.substring(0, 4)), 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(isoWeek.substring(6))).with(DayOfWeek.MONDAY);
    }

    private static void assertNoErrors(WebDriverClient browser) throws Exception {
        List<String> errors = new ArrayList<>();
        for (JsonNode entry : browser.consoleLog()) if (entry.path("level").asText().equals("SEVERE")) errors.add(entry.toString());
        assertEquals(List.of(), errors, "no console errors");
    }

    private static void assertBad(int code, String says, TestIo.Result result) {
        assertEquals(code, result.exitCode(), result.toString());
        // One line; a mistake in the SQL adds the statement with a caret under the word, as valor-sql shows it
        List<String> lines = result.err().lines().toList();
        assertTrue(lines.size() == 1 || lines.size() == 3 && lines.get(2).strip().matches("\\^+"), "one line: " + result.err());
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
