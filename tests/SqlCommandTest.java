package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.query.SavedQueries;
import valor.query.SavedQuery;
import valor.store.Database;

/** valor-sql in-process against a synced store: input forms, output formats, parameters, read-only, errors. */
class SqlCommandTest {
    /** Values of every kind, including a NULL and text that needs quoting, in a known column order. */
    static final String KINDS = "select 'a,\"b\"' || char(10) || 'c' as text, cast(null as varchar) as nothing,"
            + " timestamp '2024-03-01 07:05:09' as at, 1.5e0 as x, true as flag, 3 as n, date '2024-02-29' as d";

    @TempDir
    static Path shared;
    static AnalystStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncAStore() {
        store = AnalystStore.synced(shared, 5, 6, 240);
    }

    @Test
    void groupByAColumnNumberWorksAndCsvIsTheDefaultWhenStdoutIsNotATerminal() throws Exception {
        TestIo.Result result = store.sql("select athlete_id, count(*) from sessions where deleted_at is null group by 1 order by 1");

        assertEquals(0, result.exitCode(), result.toString());
        Map<String, Long> expected = new TreeMap<>(store.organisation.sessions().stream()
                .collect(Collectors.groupingBy(FakeOrganisation.FakeSession::athleteId, Collectors.counting())));
        List<CSVRecord> records = csv(result.out());
        assertEquals(List.of("athlete_id", "count(*)"), records.get(0).toList());
        Map<String, Long> actual = new TreeMap<>();
        for (CSVRecord record : records.subList(1, records.size())) actual.put(record.get(0), Long.parseLong(record.get(1)));
        assertEquals(expected, actual);
        assertEquals("", result.err(), "no footer when neither stream is a terminal and the format is for programs");
    }

    @Test
    void everyFormatShowsTheSameColumnsInTheSameOrderWithNullsAndUtcTimestamps() throws Exception {
        List<String> columns = List.of("text", "nothing", "at", "x", "flag", "n", "d");

        List<CSVRecord> csv = csv(store.sql("--csv", KINDS).out());
        assertEquals(columns, csv.get(0).toList());
        assertEquals(List.of("a,\"b\"\nc", "", "2024-03-01T07:05:09Z", "1.5", "true", "3", "2024-02-29"), csv.get(1).toList());
        assertTrue(store.sql("--csv", KINDS).out().contains("\"a,\"\"b\"\"\nc\",,2024"), "RFC 4180 quoting; NULL is an empty field");

        List<CSVRecord> tsv = CSVFormat.TDF.parse(new StringReader(store.sql("--tsv", KINDS).out())).getRecords();
        assertEquals(columns, tsv.get(0).toList());
        assertEquals("2024-03-01T07:05:09Z", tsv.get(1).get(2));

        JsonNode json = Json.parse(store.sql("--json", KINDS).out());
        assertEquals(1, json.size());
        assertEquals(columns, fieldNames(json.get(0)));
        assertTrue(json.get(0).get("nothing").isNull());
        assertEquals("2024-03-01T07:05:09Z", json.get(0).get("at").asText());
        assertTrue(json.get(0).get("x").isNumber() && json.get(0).get("flag").isBoolean() && json.get(0).get("n").isIntegralNumber());
        assertEquals("a,\"b\"\nc", json.get(0).get("text").asText());

        String jsonl = store.sql("--format", "jsonl", KINDS, "--quiet").out();
        assertEquals(1, jsonl.lines().count());
        assertEquals(columns, fieldNames(Json.parse(jsonl)));

        TestIo.Result table = store.sql("--table", KINDS);
        List<String> lines = table.out().lines().toList();
        assertEquals(columns, List.of(lines.get(0).split("\\s*\\|\\s*")));
        assertTrue(lines.get(2).matches(".*\\| null +\\|.*") && lines.get(2).contains("2024-03-01T07:05:09Z"), lines.get(2));
        assertTrue(table.err().matches("\\(1 row, \\d+ ms\\)\\n"), "the footer goes to stderr: " + table.err());

        String vertical = store.sql("-x", KINDS).out();
        assertTrue(vertical.startsWith("-[ row 1 ]"), vertical);
        List<String> names = vertical.lines().skip(1).filter(l -> l.matches("^[a-z]+\\s*\\|.*")).map(l -> l.split("\\s*\\|")[0].strip()).toList();
        assertEquals(columns, names);
        assertTrue(vertical.contains("nothing | null"), vertical);

        String markdown = store.sql("--markdown", KINDS).out();
        assertTrue(markdown.startsWith("| text | nothing | at | x | flag | n | d |\n| --- | --- | --- | ---: | --- | ---: | --- |\n"), markdown);
        assertTrue(markdown.contains("| a,\"b\"<br>c | null | 2024-03-01T07:05:09Z | 1.5 | true | 3 | 2024-02-29 |"), markdown);
    }

    @Test
    void storedTimestampsComeOutAsTheInstantsTheApiSent() {
        FakeOrganisation.FakeSession session = store.organisation.sessions().get(7);
        List<Map<String, Object>> rows = store.rows("select recorded_at, duration_s from sessions where session_id = :id",
                "-p", "id=" + session.sessionId());
        assertEquals(session.recordedAt().toString(), rows.get(0).get("recorded_at"));
        assertEquals(session.durationSeconds(), ((Number) rows.get(0).get("duration_s")).doubleValue());
    }

    @Test
    void parametersAreBoundNeverSplicedIntoTheSql() {
        String athlete = store.organisation.sessions().get(0).athleteId();
        long theirs = store.organisation.sessionsOf(athlete).size();
        String sql = "select count(*) as n from session_details where athlete_id = :athlete and ':athlete' = ':athlete'";

        assertEquals(theirs, ((Number) store.rows(sql, "-p", "athlete=" + athlete).get(0).get("n")).longValue());
        assertEquals(0L, ((Number) store.rows(sql, "-p", "athlete=x' or '1'='1").get(0).get("n")).longValue(),
                "a value that looks like SQL is just a value");
        assertOneLine(store.sql(sql), 2, "no value for :athlete; pass -p athlete=VALUE");
        assertOneLine(store.sql(sql, "-p", "athlete=a", "-p", "athelete=b"), 2, "-p athelete: the query has no parameter :athelete (it takes athlete)");
        assertOneLine(store.sql("select 1 from sessions where athlete_id = ?"), 2, "positional ? parameters are not supported");
    }

    @Test
    void changesAreRefusedByTheDatabaseUnlessWriteIsGiven() throws Exception {
        long before = TestDb.count(store.db, "SELECT COUNT(*) FROM athletes");
        for (String change : List.of("insert into athletes (athlete_id, source, first_seen_at, updated_at) values ('x', 'x', now(), now())",
                "update sessions set duration_s = 0", "delete from sessions", "create table notes (id int)", "drop table sessions",
                "delete from sync_endpoints", "truncate table athletes",
                "select count(*) from sessions; delete from athletes")) {
            TestIo.Result result = store.sql(change);
            assertEquals(1, result.exitCode(), change + "\n" + result);
            assertTrue(result.err().contains("the store is open read-only and this statement would change it")
                    && result.err().contains("add --write"), result.err());
            assertEquals(1, result.err().lines().count(), result.err());
        }
        assertEquals(before, TestDb.count(store.db, "SELECT COUNT(*) FROM athletes"));
        assertEquals(240L, TestDb.count(store.db, "SELECT COUNT(*) FROM sessions"));
        assertTrue(TestDb.rows(store.db, "SELECT * FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'NOTES'").isEmpty());

        Path copy = dir.resolve("copy.mv.db");
        Files.copy(store.db, copy);
        TestIo.Result write = TestIo.inHome(dir).run(new SqlCommand(), "--db", copy.toString(), "--write",
                "update athletes set first_name = 'Zed' where athlete_id = :id", "-p", "id=" + store.organisation.athletes().get(0).athleteId());
        assertEquals(0, write.exitCode(), write.toString());
        assertTrue(write.err().matches("\\(1 row changed, \\d+ ms\\)\\n"), write.err());
        assertEquals(1L, TestDb.count(copy, "SELECT COUNT(*) FROM athletes WHERE first_name = 'Zed'"));
        assertEquals(0, TestIo.inHome(dir).run(new SqlCommand(), "--db", copy.toString(), "--write", "create table notes (id int)").exitCode());
    }

    @Test
    void aSyntaxErrorNamesTheLineAndColumnInTheTextAsTyped() throws Exception {
        TestIo.Result result = store.sql("select session_id\nfrom sessions\nwhere athlete_id = :athlete and", "-p", "athlete=x");
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(List.of("valor-sql: syntax error at line 3, column 32: the statement ends too early, after \"and\";"
                        + " expected an expression (a column, a value or a function)",
                "  where athlete_id = :athlete and",
                "                                 ^"), result.err().lines().toList());

        Path file = dir.resolve("weekly.sql");
        Files.writeString(file, "-- Weekly.\nselect 1 as one;\n\nselect *\n  fro sessions;\n");
        TestIo.Result second = TestIo.inHome(dir).run(new SqlCommand(), "--db", store.db.toString(), "-f", file.toString());
        assertEquals(List.of("valor-sql: statement 2 of 2: syntax error at line 5, column 3: unexpected \"fro\"; did you mean FROM?",
                "    fro sessions;",
                "    ^^^"), second.err().lines().toList());
    }

    @Test
    void anUnknownTableListsTheTablesThereAre() {
        TestIo.Result close = store.sql("select * from sesions");
        assertEquals(1, close.exitCode(), close.toString());
        assertTrue(close.err().startsWith("valor-sql: no table or view named sesions; did you mean sessions? (valor-sql --tables lists them all)\n"),
                close.err());
        TestIo.Result result = store.sql("select * from qqqqqqqq");
        assertTrue(result.err().startsWith("valor-sql: no table or view named qqqqqqqq; the store has: "), result.err());
        for (String table : List.of("athletes", "sessions", "session_details", "athlete_summary", "assessment_details")) {
            assertTrue(result.err().contains(table), table + " is listed: " + result.err());
        }
    }

    @Test
    void aMissingOrEmptyDatabaseSaysToRunValorSyncFirst() throws Exception {
        assertOneLine(TestIo.inHome(dir).run(new SqlCommand(), "--db", dir.resolve("none.mv.db").toString(), "select 1"), 2,
                "no database at " + dir.resolve("none.mv.db") + "; run valor-sync first");
        assertOneLine(TestIo.inHome(dir).run(new SqlCommand(), "--demo", "select 1"), 2,
                "no demo database at " + dir.resolve("data/valor/demo.mv.db") + "; run ");
        assertOneLine(TestIo.inHome(dir).run(new SqlCommand(), "select 1"), 2,
                "no database at " + dir.resolve("data/valor/valor.mv.db") + "; run ");
        assertTrue(TestIo.inHome(dir).run(new SqlCommand(), "select 1").err().contains(" first (or "),
                "nothing synced at all: valor-sync, or its demo, comes first");

        Path empty = dir.resolve("empty.mv.db");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("empty"), "sa", "")) {
            connection.createStatement().execute("create table unrelated (id int)");
        }
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------")); // as a private store would be
        assertOneLine(TestIo.inHome(dir).run(new SqlCommand(), "--db", empty.toString(), "select 1"), 2,
                "the database " + empty + " is empty: nothing has been synced into it; run valor-sync first");
        assertFalse(Files.exists(dir.resolve("none.mv.db")), "a reading command never creates a database");
    }

    @Test
    void afterTheDemoTheDefaultStoreIsMissingAndTheHintIsToAddDemo() throws Exception {
        Path demo = Files.createDirectories(dir.resolve("data/valor")).resolve("demo.mv.db");
        Files.copy(store.db, demo);
        TestIo.Result withoutDemo = TestIo.inHome(dir).run(new SqlCommand(), "select count(*) as n from sessions");
        assertOneLine(withoutDemo, 2, "no database at " + dir.resolve("data/valor/valor.mv.db") + " (your organisation's store, which ");
        assertTrue(withoutDemo.err().endsWith(" fills); the demo's store is at " + demo + ": add --demo to use it\n"), withoutDemo.err());
        assertFalse(withoutDemo.err().contains("run valor-sync first"), "the demo has been synced: " + withoutDemo.err());
        assertEquals("n\n240\n", TestIo.inHome(dir).run(new SqlCommand(), "--demo", "select count(*) as n from sessions").out());
    }

    @Test
    void theDatabaseComesFromValorDbOrTheDefaultLikeValorSync() throws Exception {
        TestIo.Result fromEnv = TestIo.inHome(dir).env("VALOR_DB", store.db.toString()).run(new SqlCommand(), "select count(*) as n from sessions");
        assertEquals("n\n240\n", fromEnv.out());

        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("data/valor"));
        Files.copy(store.db, home.resolve("data/valor/valor.mv.db"));
        assertEquals("n\n240\n", TestIo.inHome(home).run(new SqlCommand(), "select count(*) as n from sessions").out());
    }

    @Test
    void sqlComesFromAnArgumentAFileStandardInputOrASavedQueryName() throws Exception {
        TestIo.Result stdin = TestIo.inHome(dir).stdin("select count(*) as n from athletes where deleted_at is null")
                .run(new SqlCommand(), "--db", store.db.toString(), "-");
        assertEquals("n\n" + store.organisation.athletes().size() + "\n", stdin.out());

        Path file = dir.resolve("mine.sql");
        Files.writeString(file, "-- Sessions longer than a limit.\n-- param min = 500: seconds\n"
                + "select count(*) as n from session_details where duration_s > CAST(:min AS DOUBLE)\n");
        long over500 = store.organisation.sessions().stream().filter(s -> s.durationSeconds() > 500).count();
        long over100 = store.organisation.sessions().stream().filter(s -> s.durationSeconds() > 100).count();
        assertEquals("n\n" + over500 + "\n", TestIo.inHome(dir).run(new SqlCommand(), "--db", store.db.toString(), "-f", file.toString()).out());
        assertEquals("n\n" + over100 + "\n", TestIo.inHome(dir).run(new SqlCommand(), "--db", store.db.toString(), "-f", file.toString(),
                "-p", "min=100").out(), "-p overrides the header's default");

        assertEquals(2, store.rows("sync-status").size(), "a saved query by name");
        assertOneLine(store.sql("sessions-per-wek"), 2, "no saved query named 'sessions-per-wek'; did you mean sessions-per-week?");
        assertOneLine(store.sql("qqqqqqqq"), 2, "no saved query named 'qqqqqqqq'; there are: ");
    }

    @Test
    void listShowAndTablesDescribeWhatThereIsToQuery() throws Exception {
        List<CSVRecord> list = csv(TestIo.capture().run(new SqlCommand(), "--list").out());
        assertEquals(List.of("name", "parameters", "description", "source"), list.get(0).toList());
        for (SavedQuery query : SavedQueries.all()) {
            assertTrue(list.stream().anyMatch(r -> r.get(0).equals(query.name()) && r.get(2).equals(query.description())
                    && r.get(1).equals(query.paramSummary())), query.name());
        }
        assertTrue(list.stream().anyMatch(r -> r.get(0).equals("sessions-per-week") && r.get(1).equals("athlete, weeks=12, as_of, empty_weeks=false")));

        String sql = TestIo.capture().run(new SqlCommand(), "--show", "sessions-per-week").out();
        assertTrue(sql.startsWith("-- Sessions and total minutes per athlete per ISO week."), sql);

        List<CSVRecord> tables = csv(store.sql("--tables").out());
        assertEquals(List.of("name", "type", "rows", "columns"), tables.get(0).toList());
        CSVRecord sessions = tables.stream().filter(r -> r.get(0).equals("sessions")).findFirst().orElseThrow();
        assertEquals(List.of("table", "240"), List.of(sessions.get(1), sessions.get(2)), "deleted rows stay in the table");
        assertTrue(sessions.get(3).startsWith("session_id character varying, recorded_at timestamp"), sessions.get(3));
        CSVRecord view = tables.stream().filter(r -> r.get(0).equals("athlete_summary")).findFirst().orElseThrow();
        assertEquals("view", view.get(1));
        assertTrue(view.get(3).contains("last_session_at timestamp"), view.get(3));
    }

    @Test
    void usageMistakesExitTwoWithOneLine() {
        assertOneLine(store.sql(), 2, "give SQL to run");
        assertOneLine(store.sql("--csv", "--json", "select 1"), 2, "--csv and --json contradict each other");
        assertOneLine(store.sql("--format", "xml", "select 1"), 2, "--format must be one of table, vertical, csv");
        assertOneLine(store.sql("select 1", "select 2"), 2, "expected one SQL argument but got 2");
        assertOneLine(store.sql("-f", "nope.sql"), 2, "-f nope.sql: no such file");
        assertOneLine(store.sql("-p", "novalue", "select 1"), 2, "-p takes NAME=VALUE");
        assertOneLine(TestIo.inHome(shared).stdin("-- only a comment\n").run(new SqlCommand(), "--db", store.db.toString(), "-"), 2,
                "there is no SQL statement to run");
    }

    @Test
    void severalStatementsPrintOneResultEach() throws Exception {
        List<CSVRecord> records = csv(store.sql("select 1 as a; select 2 as b;").out());
        assertEquals(List.of(List.of("a"), List.of("1"), List.of("b"), List.of("2")), records.stream().map(CSVRecord::toList).toList());
    }

    @Test
    void aStoreFromAnOlderToolkitIsBroughtUpToDateOnFirstRead() throws Exception {
        Path old = dir.resolve("old.mv.db");
        Files.copy(store.db, old, StandardCopyOption.COPY_ATTRIBUTES);
        try (Connection connection = Database.connect(TestDb.at(old))) {
            var statement = connection.createStatement();
            statement.execute("ALTER USER SA SET PASSWORD ''"); // as older versions made stores
            statement.execute("DROP USER VALOR_READER");
            statement.execute("DELETE FROM schema_migrations WHERE version = 3");
            statement.execute("DROP VIEW athlete_summary");
            statement.execute("UPDATE schema_views SET content_hash = 0");
        }
        TestIo.Result result = TestIo.inHome(dir).run(new SqlCommand(), "--db", old.toString(), "select count(*) as n from athlete_summary");
        assertEquals("n\n" + store.organisation.athletes().size() + "\n", result.out(), result.toString());
        assertOneLine(TestIo.inHome(dir).run(new SqlCommand(), "--db", old.toString(), "delete from sessions"), 1, "read-only");
    }

    static List<CSVRecord> csv(String text) throws Exception {
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void assertOneLine(TestIo.Result result, int exitCode, String contains) {
        assertEquals(exitCode, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("valor-sql: ") || result.err().startsWith("valor-shell: "), result.err());
        assertTrue(result.err().contains(contains), "expected '" + contains + "' in: " + result.err());
        assertEquals(1, result.err().lines().count(), "one line: " + result.err());
    }
}
