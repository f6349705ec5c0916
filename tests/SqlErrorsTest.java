package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * SQL mistakes answered in plain words, on both engines: where a syntax error is, with the word
 * there and a caret under it in the statement as typed; a misspelt keyword or first word named
 * with what was meant; an unknown column, table or saved query answered with the closest names
 * there are; a parameter value that does not convert named with the type it needs. None of the
 * engine's own parser text ("expected SAVEPOINT, SCRIPT, SHUTDOWN") reaches the analyst.
 */
class SqlErrorsTest {
    @TempDir
    static Path shared;
    static Map<String, TestStore> stores = new java.util.HashMap<>();

    @BeforeAll
    static void syncAnOrganisationIntoBothEngines() {
        FakeOrganisation organisation = FakeOrganisation.generate(61, 3, 60);
        try (FakeValorApi api = FakeValorApi.builder().organisation(organisation).start()) {
            for (String engine : TestStore.engines()) {
                TestStore store = TestStore.of(engine, shared);
                TestIo.Result sync = io(store).run(new SyncCommand(), "--db", store.dbArg(), "--base-url", api.baseUrl().toString(),
                        "--token", api.token(), "--quiet");
                assertEquals(0, sync.exitCode(), sync.toString());
                stores.put(engine, store);
            }
        }
    }

    @OnBothEngines
    void aMisspeltFirstWordIsNotAStatementAndTheCaretIsUnderIt(String engine) {
        assertLines(sql(engine, "selct * from sessions"), 1,
                "valor-sql: syntax error at line 1, column 1: \"selct\" does not start a statement; did you mean SELECT?",
                "  selct * from sessions",
                "  ^^^^^");
    }

    @OnBothEngines
    void anUnfinishedStatementSaysItEndsTooEarly(String engine) {
        TestIo.Result result = sql(engine, "select * from sessions\norder by");
        assertEquals(1, result.exitCode(), result.toString());
        List<String> lines = result.err().lines().toList();
        assertTrue(lines.get(0).startsWith("valor-sql: syntax error at line 2, column 9: the statement ends too early, after \"by\""), result.err());
        if (engine.equals("h2")) {
            assertTrue(lines.get(0).endsWith("; expected an expression (a column, a value or a function)"), "not H2's list: " + result.err());
        }
        assertEquals(List.of("  order by", "          ^"), lines.subList(1, 3), result.err());
        assertFalse(result.err().contains("INTERSECTS"), result.err());
    }

    @OnBothEngines
    void aMisspeltKeywordIsNamedWhereverTheParserTripsOverIt(String engine) {
        // "frm" reads as an alias of 1; the parser trips over the word after it
        assertLines(sql(engine, "select 1 frm sessions"), 1,
                "valor-sql: syntax error at line 1, column 14: unexpected \"sessions\"; \"frm\" before it: did you mean FROM?",
                "  select 1 frm sessions",
                "               ^^^^^^^^");
        assertTrue(sql(engine, "select * form sessions").err().lines().findFirst().orElseThrow()
                .endsWith("syntax error at line 1, column 10: unexpected \"form\"; did you mean FROM?"));
    }

    @OnBothEngines
    void anUnknownColumnIsAnsweredWithTheClosestColumnOfTheStatementsTables(String engine) {
        assertLines(sql(engine, "select athlet_name from athlete_summary"), 1,
                "valor-sql: no column athlet_name in athlete_summary (line 1, column 8); did you mean athlete_name?",
                "  select athlet_name from athlete_summary",
                "         ^^^^^^^^^^^");
        assertLines(sql(engine, "select s.athlete_id,\n       s.sesion_name\nfrom sessions s"), 1,
                "valor-sql: no column s.sesion_name in sessions (line 2, column 8); did you mean session_name?",
                "         s.sesion_name",
                "         ^^^^^^^^^^^^^");
        TestIo.Result nothingClose = sql(engine, "select wattage from assessments");
        assertTrue(nothingClose.err().startsWith("valor-sql: no column wattage in assessments (line 1, column 8); assessments has assessment_id, "),
                nothingClose.err());
        assertTrue(nothingClose.err().lines().findFirst().orElseThrow().endsWith("(valor-sql --describe assessments)"), nothingClose.err());
    }

    @OnBothEngines
    void anUnknownTableIsAnsweredWithTheClosestNames(String engine) {
        assertLines(sql(engine, "select * from sesions"), 1,
                "valor-sql: no table or view named sesions; did you mean sessions? (valor-sql --tables lists them all)",
                "  select * from sesions",
                "                ^^^^^^^");
    }

    @OnBothEngines
    void aParameterThatDoesNotConvertIsNamedWithTheTypeItNeeds(String engine) {
        TestIo.Result weeks = sql(engine, "sessions-per-week", "-p", "weeks=four");
        assertEquals(2, weeks.exitCode(), weeks.toString());
        assertTrue(weeks.err().startsWith("valor-sql: -p weeks=four: :weeks must be a whole number (the query uses it as INT"), weeks.err());
        assertEquals(1, weeks.err().lines().count(), weeks.err());

        TestIo.Result day = sql(engine, "sessions-per-week", "-p", "as_of=2026-13-01");
        assertEquals(2, day.exitCode(), day.toString());
        assertTrue(day.err().startsWith("valor-sql: -p as_of=2026-13-01: :as_of must be a date, YYYY-MM-DD (the query uses it as DATE)"), day.err());

        TestIo.Result rows = sql(engine, "select session_id from sessions order by 1 limit :n", "-p", "n=ten");
        assertTrue(rows.err().startsWith("valor-sql: -p n=ten: :n must be a whole number"), rows.err());
    }

    @Test
    void aMisspeltSavedQueryIsAnsweredWithTheOneMeant() {
        TestIo.Result result = sql("h2", "sesions-per-week");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("valor-sql: no saved query named 'sesions-per-week'; did you mean sessions-per-week? (valor-sql --list describes them all)\n",
                result.err());
    }

    @Test
    void namesEchoedBackReachTheTerminalOnlyAsVisibleEscapes() {
        // A column name that would set the terminal's title, in the message and in the statement under it
        TestIo.Result result = sql("h2", "select \"x\u001b]0;pwned\u0007\" from sessions");
        assertEquals(1, result.exitCode(), result.toString());
        assertFalse(result.err().contains("\u001b") || result.err().contains("\u0007"), result.err());
        assertTrue(result.err().contains("\\x1b]0;pwned\\x07"), result.err());
    }

    private static TestIo.Result sql(String engine, String... args) {
        TestStore store = stores.get(engine);
        List<String> all = new ArrayList<>(List.of("--db", store.dbArg()));
        all.addAll(List.of(args));
        return io(store).run(new SqlCommand(), all.toArray(String[]::new));
    }

    private static TestIo io(TestStore store) {
        TestIo io = TestIo.inHome(shared);
        store.env().forEach(io::env);
        return io;
    }

    private static void assertLines(TestIo.Result result, int exitCode, String... lines) {
        assertEquals(exitCode, result.exitCode(), result.toString());
        assertEquals(List.of(lines), result.err().lines().toList(), result.err());
    }
}
