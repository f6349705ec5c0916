package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.export.StoreExport;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;
import valor.output.SqlValues;
import valor.store.Database;

/**
 * valor-export on a store synced with reports and IK, read back through DuckDB and compared with the
 * store; the exports on both engines (H2 and a PostgreSQL team store), where the IK samples come
 * from H2's encoded arrays or PostgreSQL's native ones and must be the store's ik_samples rows alike.
 */
class ExportTest {
    @TempDir
    static Path shared;
    /** The store of each engine, synced once, when the first test on that engine needs it. */
    private static final Map<String, TestStore> STORES = new HashMap<>();
    static Path db;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncAStoreWithReportsAndIk() {
        db = store("h2").location().file();
    }

    static synchronized TestStore store(String engine) {
        return STORES.computeIfAbsent(engine, e -> {
            TestStore store = TestStore.of(e, shared);
            try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(61, 3, 12)).start()) {
                TestIo.Result sync = inHome(store).run(new SyncCommand(), "--db", store.dbArg(), "--base-url", api.baseUrl().toString(),
                        "--token", api.token(), "--with", "reports,ik", "--quiet");
                assertEquals(0, sync.exitCode(), sync.toString());
            }
            assertTrue(store.count("SELECT COUNT(*) FROM ik_series") > 0, "the store has IK series");
            assertTrue(store.count("SELECT COUNT(*) FROM report_metrics") > 0, "the store has reports");
            return store;
        });
    }

    private static TestIo inHome(TestStore store) {
        TestIo io = TestIo.inHome(shared);
        store.env().forEach(io::env);
        return io;
    }

    private TestIo.Result export(String... args) {
        return export(store("h2"), args);
    }

    private TestIo.Result export(TestStore store, String... args) {
        List<String> all = new ArrayList<>(List.of("--db", store.dbArg()));
        all.addAll(List.of(args));
        return inHome(store).run(new ExportCommand(), all.toArray(String[]::new));
    }

    private static List<String> defaults() {
        List<String> tables = new ArrayList<>(StoreExport.DEFAULT_TABLES);
        tables.add("ik_samples");
        return tables;
    }

    /** Samples per session as the store's IK_SAMPLES function (ik_samples on PostgreSQL) gives them. */
    private static Map<String, Long> storeIkSamples(TestStore store) {
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> row : store.rows("SELECT session_id FROM ik_series")) {
            String session = (String) row.get("session_id");
            counts.put(session, store.count("SELECT COUNT(*) FROM IK_SAMPLES(?)", session));
        }
        return counts;
    }

    private static Map<String, Long> exportedIkSamples(Connection duck, String from) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement query = duck.createStatement();
             ResultSet rows = query.executeQuery("SELECT session_id, COUNT(*) FROM " + from + " GROUP BY 1")) {
            while (rows.next()) counts.put(rows.getString(1), rows.getLong(2));
        }
        return counts;
    }

    private static Object one(Connection duck, String sql) throws Exception {
        try (Statement query = duck.createStatement(); ResultSet rows = query.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getObject(1);
        }
    }

    private static long count(Connection duck, String from) throws Exception {
        return ((Number) one(duck, "SELECT COUNT(*) FROM " + from)).longValue();
    }

    private static String parquet(Path folder, String table) {
        return "read_parquet('" + folder.resolve(table + ".parquet") + "')";
    }

    private static List<String> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertOneLineError(TestIo.Result result, int code, String expected) {
        assertEquals(code, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), "one line: " + result);
        assertTrue(result.err().startsWith("valor-export: ") && result.err().contains(expected), result.toString());
    }

    @OnBothEngines
    void parquetHasEveryDefaultTableWithTheStoresRowsTypesAndIkSamples(String engine) throws Exception {
        TestStore store = store(engine);
        Path out = dir.resolve("parquet");
        TestIo.Result result = export(store, "--format", "parquet", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.toString());
        List<String> written = new ArrayList<>(List.of(".valor-export.json")); // the manifest of what it wrote
        defaults().stream().map(t -> t + ".parquet").sorted().forEach(written::add);
        assertEquals(written, files(out));
        assertEquals(List.of("parquet"), files(dir), "no temporary files left next to it");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String table : StoreExport.DEFAULT_TABLES) {
                assertEquals(store.count("SELECT COUNT(*) FROM " + table), count(duck, parquet(out, table)), table);
            }
            assertEquals(store.value(Double.class, "SELECT SUM(duration_s) FROM sessions"),
                    ((Number) one(duck, "SELECT SUM(duration_s) FROM " + parquet(out, "sessions"))).doubleValue(), 1e-9);
            assertEquals("TIMESTAMP WITH TIME ZONE", one(duck, "SELECT typeof(recorded_at) FROM " + parquet(out, "sessions") + " LIMIT 1"));
            assertEquals("DOUBLE", one(duck, "SELECT typeof(duration_s) FROM " + parquet(out, "sessions") + " LIMIT 1"));
            LocalDateTime latest = store.value(LocalDateTime.class, "SELECT MAX(recorded_at) FROM sessions");
            assertEquals(latest.toInstant(ZoneOffset.UTC).toEpochMilli(),
                    ((Number) one(duck, "SELECT epoch_ms(MAX(recorded_at)) FROM " + parquet(out, "sessions"))).longValue(), "timestamps are UTC");
            Map<String, Long> samples = storeIkSamples(store);
            assertEquals(samples, exportedIkSamples(duck, parquet(out, "ik_samples")));
            assertEquals(samples.values().stream().mapToLong(Long::longValue).sum(), count(duck, parquet(out, "ik_samples")));
            assertEquals(store.count("SELECT COUNT(*) FROM ik_series i JOIN sessions s ON s.session_id = i.session_id"),
                    count(duck, "(SELECT DISTINCT session_id, athlete_id FROM " + parquet(out, "ik_samples") + " WHERE athlete_id IS NOT NULL)"));
            // One session's rows, every value: as the store's function gives them (H2 decodes its arrays, PostgreSQL reads its own).
            String session = samples.keySet().iterator().next();
            List<List<Object>> expected = new ArrayList<>();
            for (Map<String, Object> row : store.rows("SELECT joint, sample, time_s, angle FROM IK_SAMPLES(?)", session)) {
                expected.add(Arrays.asList(row.get("joint"), ((Number) row.get("sample")).longValue(), row.get("time_s"), row.get("angle")));
            }
            List<List<Object>> exported = new ArrayList<>();
            try (Statement query = duck.createStatement();
                 ResultSet row = query.executeQuery("SELECT joint, sample, time_s, angle FROM " + parquet(out, "ik_samples")
                         + " WHERE session_id = '" + session + "'")) {
                while (row.next()) exported.add(Arrays.asList(row.getString(1), row.getLong(2), row.getObject(3), row.getObject(4)));
            }
            Comparator<List<Object>> byJointAndSample = Comparator.comparing((List<Object> r) -> (String) r.get(0)).thenComparing(r -> (Long) r.get(1));
            expected.sort(byJointAndSample);
            exported.sort(byJointAndSample);
            assertTrue(expected.size() > 100 && expected.stream().anyMatch(r -> r.get(3) != null), "a session with samples: " + expected.size());
            assertEquals(expected, exported, "the same rows as the store's ik_samples function");
        }
    }

    @OnBothEngines
    void duckdbIsOneDatabaseFileWithTheSameTables(String engine) throws Exception {
        TestStore store = store(engine);
        Path out = dir.resolve("valor.duckdb");
        TestIo.Result result = export(store, "--format", "duckdb", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().startsWith("exported " + defaults().size() + " tables"), result.out());
        assertEquals(List.of("valor.duckdb"), files(dir), "no temporary files left next to it");
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + out, readOnly)) {
            List<String> tables = new ArrayList<>();
            try (Statement query = duck.createStatement(); ResultSet rows = query.executeQuery("SELECT table_name FROM duckdb_tables() ORDER BY 1")) {
                while (rows.next()) tables.add(rows.getString(1));
            }
            assertEquals(defaults().stream().sorted().toList(), tables);
            for (String table : StoreExport.DEFAULT_TABLES) assertEquals(store.count("SELECT COUNT(*) FROM " + table), count(duck, table), table);
            assertEquals(store.value(Double.class, "SELECT SUM(duration_s) FROM sessions"),
                    ((Number) one(duck, "SELECT SUM(duration_s) FROM sessions")).doubleValue(), 1e-9);
            assertEquals(storeIkSamples(store), exportedIkSamples(duck, "ik_samples"));
        }
    }

    @OnBothEngines
    void csvWritesTheNamedTablesAndEveryRunReplacesTheFolder(String engine) throws Exception {
        TestStore store = store(engine);
        Path out = dir.resolve("csv");
        assertEquals(0, export(store, "--format", "csv", "--out", out.toString(), "athletes").exitCode());
        TestIo.Result result = export(store, "--format", "csv", "--out", out.toString(), "SESSIONS", "athlete_summary");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of(".valor-export.json", "athlete_summary.csv", "sessions.csv"), files(out),
                "the earlier run's athletes.csv is gone: no incremental export");
        assertEquals(List.of("csv"), files(dir));
        List<String> lines = Files.readAllLines(out.resolve("athlete_summary.csv"));
        assertEquals(store.count("SELECT COUNT(*) FROM athlete_summary") + 1, lines.size(), "a header and a line per row");
        assertTrue(lines.get(0).startsWith("athlete_id,"), lines.get(0));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            assertEquals(store.count("SELECT COUNT(*) FROM sessions"), count(duck, "read_csv('" + out.resolve("sessions.csv") + "')"));
        }
    }

    /**
     * Every table and view the export offers, in every format, read back through DuckDB: each numeric
     * column holds exactly the values valor-sql prints for the same table, decimals included (the
     * export once wrote athlete_summary.total_min as DECIMAL(32,0), 752 where valor-sql said 751.91).
     */
    @OnBothEngines
    void everyTableAndViewKeepsEveryNumberInEveryFormat(String engine) throws Exception {
        TestStore store = store(engine);
        List<String> offered = new ArrayList<>(storeTables(store));
        offered.add(StoreExport.IK_SAMPLES);
        // ik_samples is compared for two sessions: every session's samples would be 600,000 rows to read four times.
        List<String> ikSessions = store.rows("SELECT session_id FROM ik_series ORDER BY session_id FETCH FIRST 2 ROWS ONLY").stream()
                .map(row -> (String) row.get("session_id")).toList();
        Map<String, Table> printed = new TreeMap<>();
        for (String table : offered) printed.put(table, printedBy(store, table, ikSessions));
        assertTrue(printed.get("athlete_summary").numbers().stream().anyMatch(row -> row.get(1).scale() > 0), "minutes with decimals");
        for (String format : List.of("parquet", "csv", "duckdb")) {
            Path out = dir.resolve("all-" + format);
            List<String> args = new ArrayList<>(List.of("--format", format, "--out", out.toString()));
            args.addAll(offered);
            TestIo.Result result = export(store, args.toArray(String[]::new));
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals("", result.err(), "no column fell back to text");
            Properties readOnly = new Properties();
            readOnly.setProperty("duckdb.read_only", "true");
            try (Connection duck = format.equals("duckdb") ? DriverManager.getConnection("jdbc:duckdb:" + out, readOnly)
                    : DriverManager.getConnection("jdbc:duckdb:")) {
                for (String table : offered) {
                    String from = switch (format) {
                        case "parquet" -> parquet(out, table);
                        case "csv" -> "read_csv('" + out.resolve(table + ".csv") + "', all_varchar = true)"; // the file's text, exactly
                        default -> quote(table);
                    };
                    if (table.equals(StoreExport.IK_SAMPLES)) {
                        from = "(SELECT * FROM " + from + " WHERE session_id IN ('" + String.join("', '", ikSessions) + "'))";
                    }
                    Table expected = printed.get(table);
                    Table exported = exported(duck, from, expected.numericColumns(), !format.equals("csv"));
                    assertEquals(expected.numbers().size(), exported.numbers().size(), format + " " + table + ": rows");
                    for (int i = 0; i < expected.numbers().size(); i++) {
                        assertEquals(expected.numbers().get(i), exported.numbers().get(i),
                                format + " " + table + " " + expected.numericColumns() + ": the values valor-sql prints");
                    }
                }
                if (!format.equals("csv")) {
                    assertEquals("DECIMAL(18,2)", one(duck, "SELECT typeof(total_min) FROM " + (format.equals("duckdb") ? "athlete_summary"
                            : parquet(out, "athlete_summary")) + " LIMIT 1"), "the scale the view states");
                }
            }
        }
    }

    /**
     * A decimal whose scale the store does not state (H2's DECFLOAT says scale 0 whatever it holds,
     * PostgreSQL's NUMERIC without a precision says nothing) gets the narrowest type that keeps every
     * value: a DECIMAL wide enough, DOUBLE where a DECIMAL cannot hold them but each is a double
     * exactly (or NaN, Infinity), and text, with a warning, where neither can.
     */
    @OnBothEngines
    void aDecimalWhoseScaleTheStoreDoesNotStateKeepsEveryDigit(String engine) throws Exception {
        TestStore store = store(engine);
        String unstated = store.postgres() ? "NUMERIC" : "DECFLOAT";
        store.execute("CREATE TABLE unstated_decimals (id INT, amount " + unstated + ", wide " + unstated + ", odd " + unstated
                + ", beyond " + unstated + ")");
        try {
            String[][] rows = {
                    {"751.91", "1E+30", "1.5", "12345678901234567890.123456789012345678901"},
                    {"60", "1E-10", "NaN", "1"},
                    {"0.0012", null, "-Infinity", null},
                    {"94.6666666666666666666666667", "-2.5", null, "0.5"},
                    {"-1.50", null, null, null},
                    {null, null, null, null}};
            for (int i = 0; i < rows.length; i++) {
                List<String> values = new ArrayList<>();
                for (String value : rows[i]) values.add(value == null ? "NULL" : "CAST('" + value + "' AS " + unstated + ")");
                store.execute("INSERT INTO unstated_decimals VALUES (" + i + ", " + String.join(", ", values) + ")");
            }
            Table printed = printedBy(store, "unstated_decimals", List.of());
            assertEquals(List.of("id", "amount", "wide", "odd", "beyond"), printed.numericColumns());
            Map<String, String> types = Map.of("amount", "DECIMAL(28,25)", "wide", "DOUBLE", "odd", "DOUBLE", "beyond", "VARCHAR");
            for (String format : List.of("parquet", "csv", "duckdb")) {
                Path out = dir.resolve("unstated-" + format);
                TestIo.Result result = export(store, "--format", format, "--out", out.toString(), "unstated_decimals");
                assertEquals(0, result.exitCode(), result.toString());
                assertEquals("valor-export: warning: unstated_decimals.beyond has values of more than 38 digits, beyond DuckDB's DECIMAL;"
                        + " written as text to keep them exact\n", result.err());
                try (Connection duck = format.equals("duckdb") ? DriverManager.getConnection("jdbc:duckdb:" + out)
                        : DriverManager.getConnection("jdbc:duckdb:")) {
                    String from = switch (format) {
                        case "parquet" -> parquet(out, "unstated_decimals");
                        case "csv" -> "read_csv('" + out.resolve("unstated_decimals.csv") + "', all_varchar = true)";
                        default -> "unstated_decimals";
                    };
                    if (!format.equals("csv")) {
                        for (Map.Entry<String, String> type : types.entrySet()) {
                            assertEquals(type.getValue(), one(duck, "SELECT typeof(" + type.getKey() + ") FROM " + from + " LIMIT 1"), type.getKey());
                        }
                    }
                    assertEquals(printed.numbers(), exported(duck, from, printed.numericColumns(), false).numbers(), format);
                }
            }
        } finally {
            store.execute("DROP TABLE unstated_decimals");
        }
    }

    /** A table's numeric columns (as the store types them) and, per row, their values, rows sorted so two tables compare as multisets. */
    record Table(List<String> numericColumns, List<List<BigDecimal>> numbers) {}

    private static List<String> storeTables(TestStore store) {
        String schema = store.postgres() ? "current_schema()" : "'PUBLIC'";
        return store.rows("SELECT LOWER(table_name) AS name FROM information_schema.tables WHERE table_schema = " + schema + " ORDER BY 1")
                .stream().map(row -> (String) row.get("name")).toList();
    }

    /** What valor-sql --csv prints for a table (for ik_samples, its store function's rows for these sessions). */
    private static Table printedBy(TestStore store, String table, List<String> ikSessions) throws Exception {
        List<String> queries = new ArrayList<>();
        if (table.equals(StoreExport.IK_SAMPLES)) {
            for (String session : ikSessions) queries.add("SELECT sample, time_s, angle FROM IK_SAMPLES('" + session + "')");
        } else {
            queries.add("SELECT * FROM " + table);
        }
        List<String> numeric = numericColumns(store, queries.get(0));
        List<List<BigDecimal>> numbers = new ArrayList<>();
        for (String sql : queries) {
            TestIo.Result result = inHome(store).run(new SqlCommand(), "--db", store.dbArg(), "--csv", sql);
            assertEquals(0, result.exitCode(), result.toString());
            try (CSVParser csv = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(result.out()))) {
                for (CSVRecord record : csv) {
                    List<BigDecimal> row = new ArrayList<>();
                    for (String column : numeric) row.add(decimal(record.get(column)));
                    numbers.add(row);
                }
            }
        }
        return new Table(numeric, sorted(numbers));
    }

    /** The columns of a query that the store types as numbers, as valor-sql names them. */
    private static List<String> numericColumns(TestStore store, String sql) throws Exception {
        try (Connection connection = Database.connect(store.location()); Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> numeric = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (SqlValues.isNumeric(meta.getColumnType(i))) numeric.add(SqlValues.label(meta, i));
            }
            return numeric;
        }
    }

    /** The same columns of an export, read through DuckDB; {@code typed} asks that each is a number there too. */
    private static Table exported(Connection duck, String from, List<String> columns, boolean typed) throws Exception {
        List<List<BigDecimal>> numbers = new ArrayList<>();
        String select = columns.isEmpty() ? "1" : String.join(", ", columns.stream().map(ExportTest::quote).toList());
        try (Statement query = duck.createStatement(); ResultSet rows = query.executeQuery("SELECT " + select + " FROM " + from)) {
            for (int i = 1; typed && i <= columns.size(); i++) {
                assertTrue(SqlValues.isNumeric(rows.getMetaData().getColumnType(i)), from + "." + columns.get(i - 1) + " is a "
                        + rows.getMetaData().getColumnTypeName(i));
            }
            while (rows.next()) {
                List<BigDecimal> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    Object value = rows.getObject(i);
                    row.add(value == null ? null : decimal(value instanceof Double d ? Double.toString(d) : value.toString()));
                }
                numbers.add(row);
            }
        }
        return new Table(columns, sorted(numbers));
    }

    /** A number's value, whatever its notation (68, 68.0, 6.8E+1 are one value); NaN and the infinities stand apart. */
    private static BigDecimal decimal(String text) {
        if (text == null || text.isEmpty()) return null;
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "nan" -> NAN;
            case "inf", "infinity" -> INFINITY;
            case "-inf", "-infinity" -> INFINITY.negate();
            default -> {
                BigDecimal value = new BigDecimal(text);
                yield value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
            }
        };
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Stand-ins for the values BigDecimal has none for: beyond any number the test data holds. */
    private static final BigDecimal NAN = new BigDecimal("1E+1000"), INFINITY = new BigDecimal("1E+999");

    private static List<List<BigDecimal>> sorted(List<List<BigDecimal>> rows) {
        Comparator<BigDecimal> value = Comparator.nullsFirst(Comparator.naturalOrder());
        Comparator<List<BigDecimal>> byValues = (a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = value.compare(a.get(i), b.get(i));
                if (c != 0) return c;
            }
            return 0;
        };
        rows.sort(byValues);
        return rows;
    }

    @Test
    void badInputIsOneLineAndLeavesNothingBehind() throws Exception {
        Path out = dir.resolve("out");
        assertOneLineError(export("--format", "xlsx", "--out", out.toString()), 2, "--format: unknown format 'xlsx'; choose parquet, duckdb or csv");
        assertOneLineError(export("--out", out.toString()), 2, "--format is required");
        assertOneLineError(export("--format", "parquet"), 2, "--out is required");
        assertOneLineError(export("--format", "parquet", "--out", out.toString(), "sessions", "videos"), 2, "unknown table or view 'videos'");
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertOneLineError(export("--format", "csv", "--out", file.resolve("sub").toString()), 2, "cannot write there");
        assertOneLineError(export("--format", "csv", "--out", file.toString()), 2, "is a file; --format csv writes a folder of files");
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("keep.txt"), "mine");
        assertOneLineError(export("--format", "parquet", "--out", notes.toString()), 2, "holds keep.txt, and no .valor-export.json lists it");
        assertOneLineError(export("--format", "duckdb", "--out", notes.toString()), 2, "is a folder; --format duckdb writes one database file");
        assertOneLineError(TestIo.inHome(shared).run(new ExportCommand(), "--db", dir.resolve("missing.mv.db").toString(), "--format", "csv",
                "--out", out.toString()), 2, "no database at");
        assertEquals(List.of("a-file", "notes"), files(dir), "nothing written");
        assertEquals(List.of("keep.txt"), files(notes));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void helpSaysEveryRunRewritesTheOutput() {
        TestIo.Result help = export("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().replaceAll("\\s+", " ").contains("Every run rewrites the whole output (there is no incremental export)"), help.out());
        assertTrue(help.out().contains("--format FORMAT") && help.out().contains("--out PATH"), help.out());
    }
}
