package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * Terminal escapes, attempted: names that set the title (OSC 0), write the clipboard (OSC 52), hide
 * a link (OSC 8), clear the screen and draw a fake prompt, return the carriage, ring the bell, or
 * reverse the text (RLO) reach valor-sql's human formats, the text charts, the errors that echo
 * them and the sync's messages only as visible escapes; CSV, TSV, JSON and JSON lines keep them
 * byte for byte.
 */
class TerminalEscapesTest {
    private static final String NAMES = "select athlete_name, athlete_id from athlete_summary order by athlete_id";

    @TempDir
    Path dir;

    @Test
    void humanFormatsShowEveryControlCharacterAsAnEscapeAndMachineFormatsKeepIt() throws Exception {
        for (String format : List.of("table", "vertical", "markdown")) {
            TestIo.Result result = sql("--format", format, NAMES);
            assertEquals(0, result.exitCode(), result.toString());
            assertNoRawControls(format, result.out());
            for (String shown : List.of("Ana\\x1b]0;pwned\\x07Bo", "Lee\\x1b]52;c;", "\\x1b]8;;https://evil.example/\\x1b",
                    "gpj\\u202eexe.txt", "a\\x9b31mred", "nu\\x00l", format.equals("table") ? "" : "Kim\\x1b[2J\\x1b[Hanalyst")) {
                assertTrue(result.out().contains(shown), format + " shows " + shown + ":\n" + result.out());
            }
        }
        assertTrue(sql("--format", "vertical", NAMES).out().contains("Noah\\rEVIL"), "vertical shows the carriage return");

        Set<String> stored = new HashSet<>();
        for (Map<String, Object> row : TestDb.rows(HostileStore.db(), NAMES)) stored.add((String) row.get("athlete_name"));
        assertTrue(stored.stream().anyMatch(n -> n.contains("\u001b]52;c;")) && stored.stream().anyMatch(n -> n.contains("\r")), "hostile names stored");
        for (String format : List.of("csv", "tsv", "json", "jsonl")) {
            TestIo.Result result = sql("--format", format, NAMES);
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals(stored, names(format, result.out()), format + " keeps every name exactly");
        }
    }

    /** The athlete_name column of valor-sql's output in a machine format, read with a parser of its own. */
    private static Set<String> names(String format, String output) throws Exception {
        Set<String> names = new HashSet<>();
        switch (format) {
            case "csv", "tsv" -> {
                CSVFormat parser = (format.equals("csv") ? CSVFormat.RFC4180 : CSVFormat.TDF).builder().setHeader().setSkipHeaderRecord(true).get();
                for (CSVRecord record : parser.parse(new StringReader(output))) names.add(record.get("athlete_name"));
            }
            case "json" -> {
                for (JsonNode row : Json.parse(output)) names.add(row.get("athlete_name").asText());
            }
            default -> {
                for (String line : output.split("\n")) names.add(Json.parse(line).get("athlete_name").asText());
            }
        }
        return names;
    }

    /** Widths are counted on the text as the terminal shows it, so the separators line up on the screen. */
    @Test
    void tableColumnsLineUpOnTheScreen() {
        TestIo.Result result = sql("--format", "table",
                "select athlete_name, athlete_id from athlete_summary where athlete_name not like '%王%' order by athlete_id");
        Set<Integer> separators = new HashSet<>();
        for (String line : result.out().split("\n")) {
            if (line.isEmpty()) continue;
            int separator = Math.max(line.lastIndexOf(" | "), line.lastIndexOf("-+-")); // a name may hold a | of its own
            int column = 0;
            for (int i = 0; i < separator; i = line.offsetByCodePoints(i, 1)) if (!control(line.codePointAt(i))) column++; // what a terminal advances for
            separators.add(column);
        }
        assertEquals(1, separators.size(), "the column separator is at one screen column on every line:\n" + result.out());
    }

    @Test
    void textChartsShowEscapes() {
        TestIo.Result bars = chart("--type", "bar", "select athlete_name, count(*) as sessions from session_details group by 1 order by 1");
        assertEquals(0, bars.exitCode(), bars.toString());
        assertNoRawControls("bar chart", bars.out());
        assertTrue(bars.out().contains("Ana\\x1b]0;pwned\\x07Bo"), bars.out());
        TestIo.Result lines = chart("--series", "exercise_name", "--title", "\u001b]0;title\u0007",
                "select recorded_on, exercise_name, count(*) as sessions from session_details group by 1, 2 order by 1, 2");
        assertEquals(0, lines.exitCode(), lines.toString());
        assertNoRawControls("sparklines", lines.out());
        assertTrue(lines.out().startsWith("\\x1b]0;title\\x07\n") && lines.out().contains("Kim\\x1b[2J"), lines.out());
    }

    /** "did you mean ...?" names the closest athletes: valor-sql's error line and valor-report's show them escaped. */
    @Test
    void errorsThatEchoNamesShowEscapes() {
        String name = HostileStore.TITLE + " " + HostileStore.CLIPBOARD;
        String typo = name.substring(0, name.length() - 2);
        TestIo.Result sql = sql("sessions-per-week", "-p", "athlete=" + typo);
        assertEquals(1, sql.exitCode(), sql.toString());
        assertNoRawControls("valor-sql's error", sql.err());
        assertTrue(sql.err().contains("did you mean Ana\\x1b]0;pwned\\x07Bo Lee\\x1b]52;c;cm0gLXJmIH4K\\x07Ng?"), sql.err());
        assertEquals(1, sql.err().lines().count(), "one line: " + sql.err());

        TestIo.Result report = TestIo.inHome(HostileStore.home()).run(new ReportCommand(), "--db", HostileStore.db().toString(),
                "--athlete", typo, "--out", dir.resolve("a.html").toString());
        assertEquals(2, report.exitCode(), report.toString());
        assertNoRawControls("valor-report's error", report.err());
        assertTrue(report.err().contains("Ana\\x1b]0;pwned"), report.err());
    }

    /** An API error whose message is an attack: the sync's error line shows it escaped; its JSON summary keeps it exact. */
    @Test
    void theSyncShowsAnApisMessageEscaped() throws Exception {
        String message = HostileStore.CLEAR + HostileStore.HYPERLINK + HostileStore.RIGHT_TO_LEFT;
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(5, 2, 10))
                .endpoint("athletes", call -> FakeValorApi.Reply.message(400, message)).start()) {
            List<String> args = new ArrayList<>(List.of("--db", dir.resolve("valor.mv.db").toString(), "--base-url", api.baseUrl().toString(),
                    "--token", api.token(), "--verbose"));
            TestIo.Result shown = TestIo.inHome(dir).run(new SyncCommand(), args.toArray(String[]::new));
            assertEquals(1, shown.exitCode(), shown.toString());
            assertNoRawControls("valor-sync's messages", shown.err());
            assertTrue(shown.err().contains("Kim\\x1b[2J\\x1b[Hanalyst@lab:~$ Lusee \\x1b]8;;https://evil.example/"), shown.err());

            args.set(args.indexOf("--verbose"), "--quiet");
            args.add("--json");
            TestIo.Result json = TestIo.inHome(dir).run(new SyncCommand(), args.toArray(String[]::new));
            assertTrue(Json.parse(json.out()).get("error").asText().contains(message), "the JSON summary keeps the message exactly: " + json.out());
        }
    }

    private static TestIo.Result sql(String... args) {
        return run(new SqlCommand(), args);
    }

    private static TestIo.Result chart(String... args) {
        return run(new ChartCommand(), args);
    }

    private static TestIo.Result run(valor.cli.Command command, String... args) {
        List<String> all = new ArrayList<>(List.of("--db", HostileStore.db().toString()));
        all.addAll(List.of(args));
        return TestIo.inHome(HostileStore.home()).run(command, all.toArray(String[]::new));
    }

    /** No C0 control but the line feed, no DEL, no C1 control, no bidirectional control: nothing a terminal would act on. */
    private static void assertNoRawControls(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertFalse(c != '\n' && control(c), what + " prints U+" + String.format("%04X", (int) c) + " raw at " + i + ":\n" + text);
        }
    }

    /** C0, DEL, C1 and the bidirectional controls (and the Unicode line separators): what a terminal acts on or reorders by. */
    private static boolean control(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029;
    }
}
