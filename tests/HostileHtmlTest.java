package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored XSS, attempted: a store synced from an API whose athlete, exercise, assessment, session,
 * report-metric and joint names are markup and script ({@link HostileStore}) is made into
 * valor-report's pages and index and valor-chart's pages; each page is opened in headless
 * Chromium and every point of every chart is hovered (ECharts' showTip, which draws the tooltip as
 * the pointer would). No script of the data may run, no element of it may appear, the names must
 * show as text, and the page's Content-Security-Policy must keep it off the network.
 */
class HostileHtmlTest {
    /** Hovers every data point of the charts the page keeps; returns {tips, problems}: elements a tooltip put in, names it lost. */
    private static final String HOVER_EVERY_POINT = """
            var charts = [];
            // A chart, or charts by name (the report's asymmetry and metric trends) or in an array (valor-chart's small multiples).
            Object.keys(window.valorCharts || {}).forEach(function (key) {
              var chart = window.valorCharts[key];
              if (typeof chart.getOption === 'function') charts.push([key, chart]);
              else Object.keys(chart).forEach(function (name) { charts.push([key + ' ' + name, chart[name]]); });
            });
            if (window.valorChart) charts.push(['chart', window.valorChart]);
            var element = document.getElementById('valor-report-data');
            var data = element ? JSON.parse(element.textContent) : null;
            var tips = 0, problems = [];
            function shows(text, name) { return text.indexOf(name.replace(/\\r\\n?/g, '\\n')) >= 0; } // HTML reads a CR as a line feed
            charts.forEach(function (entry) {
              var name = entry[0], chart = entry[1];
              // Every point in view (the exercise mix shows twelve bars at a time): a point out of view has no tooltip.
              (chart.getOption().dataZoom || []).forEach(function (zoom, z) {
                chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: z, start: 0, end: 100 });
              });
              chart.getOption().series.forEach(function (series, s) {
                (series.data || []).forEach(function (point, d) {
                  chart.dispatchAction({ type: 'showTip', seriesIndex: s, dataIndex: d });
                  tips++;
                  var dom = chart.getDom();
                  var injected = dom.querySelectorAll('img, svg, script, iframe, b, [onerror], [onload], [onmouseover]');
                  if (injected.length) problems.push(name + ' point ' + d + ' put an element in: ' + injected[0].outerHTML);
                  var shown = dom.textContent;
                  if (name === 'exerciseMix' && !shows(shown, data.exerciseMix[d].exercise)) {
                    problems.push('exerciseMix point ' + d + ' does not show the exercise as text: ' + shown);
                  }
                  var exercise = name === 'rangeOfMotion' ? data.rangeOfMotion[Number(document.getElementById('rom-exercise').value)] : null;
                  if (exercise && !shows(shown, exercise.joints[d].joint)) {
                    problems.push('rangeOfMotion point ' + d + ' does not show the joint as text: ' + shown);
                  }
                });
              });
              chart.dispatchAction({ type: 'hideTip' });
            });
            return { tips: tips, problems: problems };""";

    /** The names of a valor-chart page's series, from its data. */
    private static final String SERIES_NAMES = """
            return JSON.parse(document.getElementById('valor-chart-data').textContent).series.map(function (s) { return s.name; });""";

    @TempDir
    Path dir;

    @Test
    void athletePagesRunNothingOfTheDataWhenEveryChartIsHovered() throws Exception {
        List<Path> pages = new ArrayList<>();
        for (Map<String, Object> athlete : TestDb.rows(HostileStore.db(), "SELECT athlete_id FROM athletes ORDER BY athlete_id")) {
            Path page = dir.resolve("athlete-" + pages.size() + ".html");
            TestIo.Result result = report("--athlete", (String) athlete.get("athlete_id"), "--out", page.toString());
            assertEquals(0, result.exitCode(), result.toString());
            pages.add(page);
        }
        assertEquals(HostileStore.ATHLETES.size(), pages.size());
        long hovered = 0;
        try (WebDriverClient browser = WebDriverClient.start(dir); Probe network = Probe.start()) {
            for (Path page : pages) {
                browser.open(page.toUri().toString());
                JsonNode data = browser.script("return JSON.parse(document.getElementById('valor-report-data').textContent);");
                String name = asHtmlReadsIt(data.get("athlete").get("name").asText());
                assertEquals(name + " – Valor report", browser.script("return document.querySelector('title').textContent;").asText(), page + ": the title is the name, as text");
                assertEquals(name.replace("\uFFFD", ""), browser.script("return document.querySelector('h1').firstChild.textContent;").asText(),
                        page + ": the heading is the name, as text");
                assertTrue(browser.script("return !!window.valorCharts.asymmetry;").asBoolean(), page + " drew its charts");
                JsonNode hover = browser.script(HOVER_EVERY_POINT);
                assertEquals("[]", hover.get("problems").toString(), page.toString());
                hovered += hover.get("tips").asLong();
                assertNothingRan(browser, page);
                assertPolicy(browser, page, network);
            }
        }
        assertTrue(hovered > 500, "every chart of every page was hovered: " + hovered + " tooltips");
    }

    @Test
    void theIndexShowsTheNamesAsTextAndRunsNothing() throws Exception {
        Path folder = dir.resolve("reports");
        TestIo.Result result = report("--all", "--out", folder.toString());
        assertEquals(0, result.exitCode(), result.toString());
        Path index = folder.resolve("index.html");
        try (WebDriverClient browser = WebDriverClient.start(dir); Probe network = Probe.start()) {
            browser.open(index.toUri().toString());
            String shown = browser.script("return document.getElementById('athletes').textContent;").asText();
            for (String[] athlete : HostileStore.ATHLETES) {
                if (athlete[1].contains("<")) assertTrue(shown.contains(athlete[1]), "the index shows the name as text: " + athlete[1]);
            }
            assertEquals(0, browser.script("return document.querySelectorAll('img, svg, script, b').length;").asInt(), "no element of the data");
            assertNothingRan(browser, index);
            assertPolicy(browser, index, network);
        }
    }

    @Test
    void chartPagesRunNothingOfTheDataWhenEveryPointIsHovered() throws Exception {
        Path bars = dir.resolve("exercises.html");
        Path heatmap = dir.resolve("athletes.html");
        Path multiples = dir.resolve("multiples.html");
        Path top = dir.resolve("top.html");
        String monthly = "select left(cast(recorded_on as varchar), 7) as period, athlete_name, count(*) as sessions from session_details"
                + " group by 1, 2 order by 1, 2";
        TestIo.Result bar = chart("--type", "bar", "--title", HostileStore.IMG + HostileStore.SCRIPT_END,
                "select exercise_name, count(*) as sessions from session_details group by 1 order by 1", "-o", bars.toString());
        assertEquals(0, bar.exitCode(), bar.toString());
        for (Object[] page : new Object[][] {{heatmap, new String[] {}}, {multiples, new String[] {"--layout", "multiples"}},
                                             {top, new String[] {"--top", "4", "--x-title", HostileStore.ATTRIBUTE}}}) {
            List<String> args = new ArrayList<>(List.of("--series", "athlete_name", monthly, "-o", page[0].toString()));
            args.addAll(List.of((String[]) page[1]));
            TestIo.Result result = chart(args.toArray(String[]::new));
            assertEquals(0, result.exitCode(), result.toString());
        }
        try (WebDriverClient browser = WebDriverClient.start(dir); Probe network = Probe.start()) {
            for (Path page : List.of(bars, heatmap, multiples, top)) {
                browser.open(page.toUri().toString());
                JsonNode hover = browser.script(HOVER_EVERY_POINT);
                assertEquals("[]", hover.get("problems").toString(), page.toString());
                assertTrue(hover.get("tips").asLong() >= 10, page + ": hovered " + hover.get("tips"));
                assertNothingRan(browser, page);
                assertPolicy(browser, page, network);
            }
            browser.open(bars.toUri().toString());
            assertEquals(HostileStore.IMG + HostileStore.SCRIPT_END, browser.script("return document.title;").asText(), "the title, as text");
            assertTrue(browser.script("return window.valorChart.getOption().xAxis[0].data.join('|');").asText().contains(HostileStore.IMG),
                    "the exercises are the chart's categories, exactly");
            browser.open(heatmap.toUri().toString());
            assertEquals("heatmap", browser.script("return window.valorChart.getOption().series[0].type;").asText(), "18 athletes: a heatmap");
            browser.open(multiples.toUri().toString());
            assertEquals(browser.script(SERIES_NAMES), browser.script("""
                    return Array.prototype.map.call(document.querySelectorAll('figcaption'), function (c) { return c.textContent; });"""),
                    "each panel's caption is its series' whole name, as text");
            browser.open(top.toUri().toString());
            JsonNode legend = browser.script("""
                    return Array.prototype.map.call(document.querySelectorAll('#legend li'), function (item) { return item.textContent; });""");
            assertEquals(browser.script(SERIES_NAMES), legend, "the legend lists every series by its whole name, as text");
            assertEquals(HostileStore.ATTRIBUTE, browser.script("return window.valorChart.getOption().xAxis[0].name;").asText(), "--x-title as given");
        }
    }

    /** A name as the HTML parser gives a title back: a CR is a line feed, NUL the replacement character (in text it drops NUL). */
    private static String asHtmlReadsIt(String name) {
        return name.replace("\r\n", "\n").replace('\r', '\n').replace('\0', '\uFFFD');
    }

    private static TestIo.Result report(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", HostileStore.db().toString()));
        all.addAll(List.of(args));
        return TestIo.inHome(HostileStore.home()).run(new ReportCommand(), all.toArray(String[]::new));
    }

    private static TestIo.Result chart(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", HostileStore.db().toString()));
        all.addAll(List.of(args));
        return TestIo.inHome(HostileStore.home()).run(new ChartCommand(), all.toArray(String[]::new));
    }

    /**
     * The page carries a policy that runs only its own scripts and reaches nothing: a request to a
     * server on this machine, by fetch and by an image, never arrives.
     */
    private static void assertPolicy(WebDriverClient browser, Path page, Probe network) throws Exception {
        String policy = browser.script("""
                var meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
                return meta ? meta.content : '';""").asText();
        assertTrue(policy.contains("default-src 'none'") && policy.contains("img-src data:") && policy.contains("base-uri 'none'"),
                page + ": a policy that allows nothing from the network: " + policy);
        assertFalse(policy.matches(".*script-src[^;]*'unsafe-inline'.*"), page + ": no inline script but the page's own runs: " + policy);
        int before = network.hits.get();
        browser.script("""
                fetch('%1$s').catch(function () {});
                new Image().src = '%1$simage.png';
                var link = document.createElement('link'); link.rel = 'stylesheet'; link.href = '%1$sstyle.css'; document.head.appendChild(link);
                return true;""".formatted(network.url()));
        Thread.sleep(300);
        assertEquals(before, network.hits.get(), page + ": the page reached the network");
        browser.consoleLog(); // the refusals just provoked are not the page's errors
    }

    /** No handler or script of the data ran (they would set window.valorXss), and nothing was refused or failed. */
    private static void assertNothingRan(WebDriverClient browser, Path page) throws Exception {
        Thread.sleep(300); // an image's error handler runs once its load has failed
        assertEquals("null", browser.script("return window.valorXss === undefined ? null : String(window.valorXss);").toString(),
                page + ": a name ran as script");
        List<String> errors = new ArrayList<>();
        for (JsonNode entry : browser.consoleLog()) if (entry.path("level").asText().equals("SEVERE")) errors.add(entry.toString());
        assertEquals(List.of(), errors, page + ": no script blocked, nothing refused, no error");
    }

    /** A server on this machine that counts the requests that reach it. */
    private record Probe(HttpServer server, AtomicInteger hits) implements AutoCloseable {
        static Probe start() throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AtomicInteger hits = new AtomicInteger();
            server.createContext("/", exchange -> {
                hits.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return new Probe(server, hits);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
