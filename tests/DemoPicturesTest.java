package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;

/**
 * The demo organisation synced with reports, as the README's first steps sync it (with reports for every session), read the way the
 * pictures in docs/ show it: the squad's sessions per week for all 30 athletes, and each athlete's
 * page naming the same "largest asymmetry" as valor-sql metric-asymmetry does.
 */
class DemoPicturesTest {
    @TempDir
    static Path home;

    @BeforeAll
    static void syncTheDemoWithReports() {
        TestIo.Result sync = TestIo.inHome(home).run(new SyncCommand(), "--demo", "--with", "reports", "--quiet");
        assertEquals(0, sync.exitCode(), sync.toString());
    }

    private static TestIo.Result run(valor.cli.Command command, String... args) {
        return TestIo.inHome(home).run(command, args);
    }

    /** The page's "largest asymmetry" and metric-asymmetry's first row for the athlete: the same exercise and metric, for every athlete. */
    @Test
    void eachPageNamesTheLargestAsymmetryMetricAsymmetryNames() throws Exception {
        TestIo.Result sql = run(new SqlCommand(), "--demo", "--jsonl", "metric-asymmetry");
        assertEquals(0, sql.exitCode(), sql.toString());
        Map<String, String> largest = new LinkedHashMap<>(); // by athlete id: the first row, the largest
        for (String line : sql.out().split("\n")) {
            if (line.isBlank()) continue;
            JsonNode row = Json.parse(line);
            largest.putIfAbsent(row.get("athlete_id").asText(), row.get("exercise_name").asText() + " | " + row.get("metric").asText()
                    + " | " + row.get("asymmetry_pct").asDouble());
        }
        assertTrue(largest.size() >= 20, "most demo athletes have an asymmetry to report: " + largest.size());

        Path folder = home.resolve("reports");
        TestIo.Result report = run(new ReportCommand(), "--demo", "--all", "--out", folder.toString());
        assertEquals(0, report.exitCode(), report.toString());
        int pages = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path page : files.filter(f -> !f.getFileName().toString().equals("index.html")).toList()) {
                String html = Files.readString(page, StandardCharsets.UTF_8);
                JsonNode data = ReportTest.embedded(html);
                JsonNode rows = data.get("asymmetryByMetric");
                String athlete = data.get("athlete").get("id").asText();
                String onPage = rows.isEmpty() ? null : rows.get(0).get("exercise").asText() + " | " + rows.get(0).get("metric").asText()
                        + " | " + rows.get(0).get("asymmetryPct").asDouble();
                assertEquals(largest.get(athlete), onPage, page.getFileName() + ": the page and metric-asymmetry name the same largest asymmetry");
                if (onPage != null) assertTrue(html.contains("<p id=\"largest-asymmetry\">Largest: <b>"), "the page says which it is");
                pages++;
            }
        }
        assertEquals(30, pages);
    }

    /** The squad chart the README makes (and docs/analyst-commands.md): every athlete a row (the one who never trained too), every week a cell, the outlier noted. */
    @Test
    void theSquadChartHasEveryAthleteAndEveryWeek() throws Exception {
        Path html = home.resolve("squad.html");
        TestIo.Result chart = run(new ChartCommand(), "--demo", "sessions-per-week", "-p", "weeks=12", "-p", "empty_weeks=true",
                "--series", "athlete_name", "--title", "Sessions per week", "-o", html.toString());
        assertEquals(0, chart.exitCode(), chart.toString());
        JsonNode data = ChartTest.embedded(Files.readString(html, StandardCharsets.UTF_8));
        assertEquals("heatmap", data.get("layout").asText(), "30 athletes: a heatmap");
        TestIo.Result names = run(new SqlCommand(), "--demo", "--csv", "select athlete_name from athlete_summary");
        Set<String> athletes = new TreeSet<>(List.of(names.out().strip().split("\n")).subList(1, 31));
        assertEquals(athletes, new TreeSet<>(Json.MAPPER.convertValue(data.get("heatmap").get("rows"), List.class)), "every athlete has a row");
        assertEquals(12, data.get("categories").size(), "twelve weeks");
        assertEquals(30 * 12, data.get("heatmap").get("cells").size(), "a cell for every athlete and week, 0 included");
        List<String> rows = new ArrayList<>();
        data.get("heatmap").get("rows").forEach(row -> rows.add(row.asText()));
        assertTrue(rows.indexOf("Ángel Cohen") < rows.indexOf("Aoife Hernández"), "names sorted as people sort them: " + rows);
        assertEquals("ISO week", data.get("xTitle").asText());
        assertFalse(data.get("clipAt").isNull(), "one athlete's weeks of 100+ sessions do not flatten the squad");
    }
}
