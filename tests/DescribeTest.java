package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.store.Database;

/**
 * valor-sql --describe: a table's or view's columns with their types and meanings, which come from
 * the schema's comments (sql/migrations/005_comments.sql for tables, each sql/views file for its
 * views); and --tables, which shows every column list whole in the table format.
 */
class DescribeTest {
    /** Made by the toolkit's code, after the migrations that comment on everything else, and internal. */
    static final String UNCOMMENTED = "'SCHEMA_VIEWS'";

    @TempDir
    static Path dir;
    static AnalystStore store;

    @BeforeAll
    static void syncAStore() {
        store = AnalystStore.synced(dir, 23, 6, 200);
    }

    @Test
    void describeListsAViewsColumnsInOrderWithTypesAndMeanings() throws Exception {
        TestIo.Result result = store.sql("--csv", "--describe", "athlete_summary");

        assertEquals(0, result.exitCode(), result.toString());
        List<CSVRecord> rows = csv(result.out());
        assertEquals(List.of("column", "type", "meaning"), rows.get(0).toList());
        List<String> columns = csv(store.sql("--csv", "select * from athlete_summary where 1 = 0").out()).get(0).toList();
        assertEquals(columns, rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList(), "every column, in the view's order");
        Map<String, CSVRecord> byName = byName(rows);
        assertEquals(List.of("character varying", "First and last name"), List.of(byName.get("athlete_name").get(1), byName.get("athlete_name").get(2)));
        assertEquals("Minutes recorded in all sessions, rounded to 2 decimals", byName.get("total_min").get(2));
        assertEquals("timestamp", byName.get("last_session_at").get(1));
        for (CSVRecord row : rows.subList(1, rows.size())) assertFalse(row.get(2).isBlank(), row.get(0) + " has a meaning");
    }

    @Test
    void describeFindsATableWhateverTheCaseAndSaysWhatItIsInTheTableFormat() throws Exception {
        Map<String, CSVRecord> byName = byName(csv(store.sql("--csv", "--describe", "SESSIONS").out()));
        assertEquals(List.of("double precision", "Length of the recording in seconds"),
                List.of(byName.get("duration_s").get(1), byName.get("duration_s").get(2)));

        TestIo.Result table = store.sql("--format", "table", "--describe", "sessions");
        assertEquals(0, table.exitCode(), table.toString());
        assertTrue(table.out().startsWith("sessions (table): One row per recorded session"), table.out());
        int columns = csv(store.sql("--csv", "select * from sessions where 1 = 0").out()).get(0).size();
        assertTrue(table.err().startsWith("(" + columns + " rows"), "the footer counts the columns: " + table.err());
    }

    @Test
    void theTableFormatWrapsLongMeaningsInsteadOfCuttingThem() throws Exception {
        Map<String, String> meanings = new LinkedHashMap<>();
        for (CSVRecord row : csv(store.sql("--csv", "--describe", "report_metric_asymmetry").out()).stream().skip(1).toList()) {
            meanings.put(row.get(0), row.get(2));
        }
        String asymmetry = meanings.get("asymmetry_pct");
        assertTrue(asymmetry.length() > 60, "a meaning wider than a table cell: " + asymmetry);

        TestIo.Result table = store.sql("--format", "table", "--describe", "report_metric_asymmetry");
        assertFalse(table.out().contains("…"), table.out());
        List<String> lines = table.out().lines().toList();
        assertTrue(lines.get(0).startsWith("report_metric_asymmetry (view): Left beside right"), lines.get(0));
        assertEquals(meanings, joinedCells(lines.subList(1, lines.size()), 3, 2));
    }

    @Test
    void anUnknownNameIsOneLineNamingTheCloseOnesAndExitsTwo() {
        TestIo.Result typo = store.sql("--describe", "athlete_sumary");
        assertOneLine(typo, 2, "no table or view named athlete_sumary; did you mean athlete_summary? (valor-sql --tables lists them all)");

        TestIo.Result part = store.sql("--describe", "report_metric");
        assertOneLine(part, 2, "did you mean ");
        for (String name : List.of("report_metrics", "report_metric_details", "report_metric_fields", "report_metric_asymmetry")) {
            assertTrue(part.err().contains(name), name + ": " + part.err());
        }

        assertOneLine(store.sql("--describe", "qqqqqqqq"), 2, "no table or view named qqqqqqqq; the store has: assessments, assessment_totals, athletes, ");
        assertOneLine(store.sql("--describe", "sessions", "--tables"), 2, "--tables and --describe contradict each other");
        assertOneLine(store.sql("--describe", "sessions", "select 1"), 2, "--describe takes no SQL");
    }

    @Test
    void everyTableAndViewAndEachOfTheirColumnsHasAMeaning() throws Exception {
        assertEquals(List.of(), TestDb.rows(store.db, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                + " AND COALESCE(REMARKS, '') = '' AND TABLE_NAME NOT IN (" + UNCOMMENTED + ") ORDER BY 1"));
        assertEquals(List.of(), TestDb.rows(store.db, "SELECT c.TABLE_NAME, c.COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS c"
                + " JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                + " WHERE c.TABLE_SCHEMA = 'PUBLIC' AND t.TABLE_TYPE = 'BASE TABLE' AND COALESCE(c.REMARKS, '') = ''"
                + " AND c.TABLE_NAME NOT IN (" + UNCOMMENTED + ") ORDER BY 1, 2"), "tables keep their column comments in the store");
        List<String> views = TestDb.rows(store.db, "SELECT LOWER(TABLE_NAME) AS name FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'VIEW' ORDER BY 1").stream().map(r -> (String) r.get("name")).toList();
        assertTrue(views.containsAll(List.of("session_details", "athlete_summary", "assessment_details", "report_metric_details",
                "report_metric_asymmetry", "ik_joint_details", "session_data_failures")), views.toString());
        List<String> missing = new ArrayList<>();
        for (String view : views) {
            for (CSVRecord row : csv(store.sql("--csv", "--describe", view).out()).stream().skip(1).toList()) {
                if (row.get(2).isBlank()) missing.add(view + "." + row.get(0));
            }
        }
        assertEquals(List.of(), missing, "each view's file comments on each of its columns");
    }

    @Test
    void viewMeaningsOutliveTheViewsBeingAppliedAgainAndTheStoreClosing() throws Exception {
        // As when a view file changes: the next open re-creates every view.
        TestDb.execute(store.db, "UPDATE schema_views SET content_hash = 0");
        try (Handle handle = Database.openForWriting(TestDb.at(store.db))) {
            assertNotEquals(0L, handle.createQuery("SELECT content_hash FROM schema_views").mapTo(Long.class).one(), "the views were applied again");
        }
        assertEquals("Sessions with athlete and exercise names beside them; deleted sessions left out", TestDb.value(store.db, String.class,
                "SELECT REMARKS FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'SESSION_DETAILS'"));
        assertEquals("Length of the recording in minutes, rounded to 2 decimals",
                byName(csv(store.sql("--csv", "--describe", "session_details").out())).get("duration_min").get(2));
    }

    @Test
    void tablesShowsEveryColumnListWholeInTheTableFormat() throws Exception {
        Map<String, String> columns = new LinkedHashMap<>();
        for (CSVRecord row : csv(store.sql("--csv", "--tables").out()).stream().skip(1).toList()) columns.put(row.get(0), row.get(3));
        assertTrue(columns.get("sessions").length() > 60, "a column list wider than a table cell");

        TestIo.Result table = store.sql("--format", "table", "--tables");
        assertEquals(0, table.exitCode(), table.toString());
        assertFalse(table.out().contains("…"), table.out());
        assertEquals(columns, joinedCells(table.out().lines().toList(), 4, 3));
    }

    // ---- helpers ----

    /**
     * Reads a table-format listing (header, rule, rows) back: by the first cell, the given cell with
     * the rows that continue it (first cell empty) joined by a space.
     */
    private static Map<String, String> joinedCells(List<String> lines, int cells, int cell) {
        assertTrue(lines.get(1).contains("-+-"), "a header and its rule: " + lines);
        Map<String, String> joined = new LinkedHashMap<>();
        String key = null;
        for (String line : lines.subList(2, lines.size())) {
            String[] parts = line.split(" \\| ", cells);
            assertEquals(cells, parts.length, line);
            String text = parts[cell].strip();
            if (!parts[0].isBlank()) {
                key = parts[0].strip();
                joined.put(key, text);
            } else {
                joined.put(key, joined.get(key) + " " + text);
            }
        }
        return joined;
    }

    private static Map<String, CSVRecord> byName(List<CSVRecord> rows) {
        Map<String, CSVRecord> byName = new LinkedHashMap<>();
        for (CSVRecord row : rows.subList(1, rows.size())) byName.put(row.get(0), row);
        return byName;
    }

    private static List<CSVRecord> csv(String text) throws Exception {
        return new ArrayList<>(CSVFormat.RFC4180.parse(new StringReader(text)).getRecords());
    }

    private static void assertOneLine(TestIo.Result result, int exitCode, String contains) {
        assertEquals(exitCode, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("valor-sql: "), result.err());
        assertTrue(result.err().contains(contains), "expected '" + contains + "' in: " + result.err());
        assertEquals(1, result.err().lines().count(), "one line: " + result.err());
    }
}
