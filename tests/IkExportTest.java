package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * valor-export's filters (--athlete, --since, --until, --joint) and ik_samples in long form, against
 * valor-sql's joint-angles query (the store's IK_SAMPLES_OF) for the same filter, value by value, on
 * both engines; the progress bar only on a terminal; hostile names exported exactly and shown
 * escaped; and the join form that replaces LATERAL on H2.
 */
class IkExportTest {
    private static final List<String> COLUMNS = List.of("athlete_id", "athlete_name", "session_id", "recorded_at", "exercise_id",
            "exercise_name", "joint", "sample", "time_s", "angle", "velocity");
    @TempDir
    static Path shared;
    private static final Map<String, TestStore> STORES = new HashMap<>();

    @TempDir
    Path dir;

    static synchronized TestStore store(String engine) {
        return STORES.computeIfAbsent(engine, e -> {
            TestStore store = TestStore.of(e, shared);
            try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(62, 3, 24)).start()) {
                TestIo.Result sync = io(store).run(new SyncCommand(), "--db", store.dbArg(), "--base-url", api.baseUrl().toString(),
                        "--token", api.token(), "--with", "reports,ik", "--quiet");
                assertEquals(0, sync.exitCode(), sync.toString());
            }
            return store;
        });
    }

    private static TestIo io(TestStore store) {
        TestIo io = TestIo.inHome(shared);
        store.env().forEach(io::env);
        return io;
    }

    private static TestIo.Result run(TestIo io, valor.cli.Command command, String db, String... args) {
        List<String> all = new ArrayList<>(List.of("--db", db));
        all.addAll(List.of(args));
        return io.run(command, all.toArray(String[]::new));
    }

    @OnBothEngines
    void filtersGiveTheRowsOfValorSqlsJointAnglesQueryValueForValue(String engine) throws Exception {
        TestStore store = store(engine);
        // The athlete with the most IK sessions; a range of days that takes some of their sessions and not others.
        Map<String, Object> athlete = store.rows("SELECT d.athlete_name, COUNT(*) AS n FROM session_details d JOIN ik_series i"
                + " ON i.session_id = d.session_id GROUP BY d.athlete_name ORDER BY n DESC, d.athlete_name").get(0);
        String name = (String) athlete.get("athlete_name");
        List<LocalDate> days = store.rows("SELECT DISTINCT d.recorded_on FROM session_details d JOIN ik_series i ON i.session_id = d.session_id"
                + " WHERE d.athlete_name = ? ORDER BY 1", name).stream().map(r -> toDay(r.get("recorded_on"))).toList();
        assertTrue(days.size() >= 3, "the athlete has IK sessions on several days: " + days);
        LocalDate since = days.get(1), until = days.get(days.size() - 2);
        String joint = (String) store.rows("SELECT joint FROM ik_joint_series ORDER BY position, joint").get(0).get("joint");

        Path out = dir.resolve("filtered");
        TestIo.Result export = run(io(store), new ExportCommand(), store.dbArg(), "--format", "parquet", "--out", out.toString(),
                "--athlete", name, "--since", since.toString(), "--until", until.toString(), "--joint", joint, "ik_samples", "sessions",
                "ik_joint_summary");
        assertEquals(0, export.exitCode(), export.toString());
        assertEquals("", export.err(), "no progress bar when stderr is not a terminal");
        TestIo.Result sql = run(io(store), new SqlCommand(), store.dbArg(), "--csv", "joint-angles", "-p", "athlete=" + name,
                "-p", "since=" + since, "-p", "until=" + until, "-p", "joint=" + joint);
        assertEquals(0, sql.exitCode(), sql.toString());

        List<List<Object>> expected = new ArrayList<>();
        try (CSVParser csv = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(sql.out()))) {
            assertEquals(COLUMNS, csv.getHeaderNames());
            for (CSVRecord record : csv) expected.add(row(record.get(0), record.get(1), record.get(2), Instant.parse(record.get(3)),
                    record.get(4), record.get(5), record.get(6), number(record.get(7)), number(record.get(8)), number(record.get(9)), number(record.get(10))));
        }
        List<List<Object>> exported = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement query = duck.createStatement()) {
            try (ResultSet rows = query.executeQuery("SELECT * FROM read_parquet('" + out.resolve("ik_samples.parquet") + "')")) {
                for (int i = 0; i < COLUMNS.size(); i++) assertEquals(COLUMNS.get(i), rows.getMetaData().getColumnLabel(i + 1));
                while (rows.next()) exported.add(row(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getString(5), rows.getString(6), rows.getString(7),
                        number(rows.getString(8)), number(rows.getString(9)), number(rows.getString(10)), number(rows.getString(11))));
            }
            long sessions = store.count("SELECT COUNT(*) FROM sessions s JOIN athletes a ON a.athlete_id = s.athlete_id"
                    + " WHERE TRIM(CONCAT(a.first_name, ' ', a.last_name)) = ? AND s.recorded_at >= ? AND s.recorded_at < ?",
                    name, since.atStartOfDay(), until.plusDays(1).atStartOfDay());
            assertEquals(sessions, count(query, out, "sessions"), "--athlete, --since and --until apply to sessions");
            assertEquals(store.count("SELECT COUNT(*) FROM ik_joint_summary j JOIN session_details d ON d.session_id = j.session_id"
                    + " WHERE d.athlete_name = ? AND d.recorded_at >= ? AND d.recorded_at < ? AND j.joint = ?",
                    name, since.atStartOfDay(), until.plusDays(1).atStartOfDay(), joint), count(query, out, "ik_joint_summary"),
                    "and, through session_id, with --joint, to ik_joint_summary");
        }
        assertTrue(expected.size() > 100, "the filter keeps some samples: " + expected.size());
        assertTrue(expected.stream().allMatch(r -> r.get(1).equals(name) && r.get(6).equals(joint)), "only the athlete's joint");
        assertTrue(expected.stream().map(r -> r.get(2)).distinct().count() < store.count("SELECT COUNT(*) FROM session_details d"
                + " JOIN ik_series i ON i.session_id = d.session_id WHERE d.athlete_name = ?", name), "some of the athlete's sessions are left out");
        assertTrue(expected.stream().anyMatch(r -> r.get(10) != null), "with velocities");
        assertEquals(expected, exported, "the same rows in the same order, every value");
    }

    @Test
    void everyoneUnfilteredIsEveryStoredSampleOfEveryLiveSession() throws Exception {
        TestStore store = store("h2");
        Path out = dir.resolve("all");
        TestIo.Result export = run(io(store), new ExportCommand(), store.dbArg(), "--format", "csv", "--out", out.toString(), "ik_samples");
        assertEquals(0, export.exitCode(), export.toString());
        long stored = 0;
        for (Map<String, Object> session : store.rows("SELECT d.session_id FROM session_details d JOIN ik_series i ON i.session_id = d.session_id")) {
            stored += store.count("SELECT COUNT(*) FROM IK_SAMPLES(?)", session.get("session_id"));
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement query = duck.createStatement();
             ResultSet rows = query.executeQuery("SELECT COUNT(*) FROM read_csv('" + out.resolve("ik_samples.csv") + "')")) {
            rows.next();
            assertEquals(stored, rows.getLong(1));
        }
    }

    @Test
    void aProgressBarShowsOnATerminalOnly() {
        TestStore store = store("h2");
        TestIo.Result piped = run(io(store), new ExportCommand(), store.dbArg(), "--format", "parquet", "--out", dir.resolve("a").toString());
        assertEquals(0, piped.exitCode(), piped.toString());
        assertEquals("", piped.err(), "nothing on stderr that is not a terminal");
        TestIo.Result watched = run(io(store).terminal(), new ExportCommand(), store.dbArg(), "--format", "parquet", "--out", dir.resolve("b").toString());
        assertEquals(0, watched.exitCode(), watched.toString());
        assertTrue(watched.err().contains("ik_samples") && watched.err().contains("sessions") && watched.err().contains("%"), watched.err());
        TestIo.Result quiet = run(io(store).terminal(), new ExportCommand(), store.dbArg(), "--quiet", "--format", "parquet", "--out",
                dir.resolve("c").toString());
        assertEquals("", quiet.err(), "--quiet: no bar");
    }

    @Test
    void hostileAthleteAndJointNamesAreExportedExactlyAndShownEscaped() throws Exception {
        String db = HostileStore.db().toString();
        String athlete = HostileStore.TITLE + " " + HostileStore.CLIPBOARD;
        String joint = (String) TestDb.rows(HostileStore.db(), "SELECT DISTINCT joint FROM ik_joint_series WHERE joint LIKE ? ORDER BY 1",
                "%" + '\u001b' + "%").get(0).get("joint");
        Path out = dir.resolve("hostile");
        TestIo.Result export = run(TestIo.inHome(HostileStore.home()).terminal(), new ExportCommand(), db, "--format", "parquet",
                "--out", out.toString(), "--athlete", athlete, "--joint", joint, "ik_samples", "athletes");
        assertEquals(0, export.exitCode(), export.toString());
        assertFalse(export.err().contains("\u001b]") || export.out().contains("\u001b]"), "no escape sequence reaches the terminal");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement query = duck.createStatement()) {
            try (ResultSet rows = query.executeQuery("SELECT DISTINCT athlete_name, joint FROM read_parquet('" + out.resolve("ik_samples.parquet") + "')")) {
                assertTrue(rows.next(), "the athlete has samples of that joint");
                assertEquals(athlete, rows.getString(1), "the name exactly as the API sent it");
                assertEquals(joint, rows.getString(2));
                assertFalse(rows.next(), "one athlete, one joint");
            }
            assertEquals(1, count(query, out, "athletes"));
        }
        for (String[] flag : List.of(new String[] {"--athlete", athlete + "x"}, new String[] {"--joint", joint + "x"},
                new String[] {"--athlete", "../../etc/passwd\u0000<b>"})) {
            TestIo.Result wrong = run(TestIo.inHome(HostileStore.home()), new ExportCommand(), db, "--format", "parquet", "--out",
                    dir.resolve("wrong").toString(), flag[0], flag[1]);
            assertEquals(2, wrong.exitCode(), wrong.toString());
            assertEquals(1, wrong.err().lines().count(), wrong.toString());
            assertTrue(wrong.err().startsWith("valor-export: " + flag[0] + ": "), wrong.err());
            assertFalse(wrong.err().chars().anyMatch(c -> c == 0x1b || c == 0 || c == 0x07), "control characters escaped: " + wrong.err());
            assertTrue(wrong.err().contains("\\x1b") || wrong.err().contains("\\x00"), "shown as escapes: " + wrong.err());
        }
    }

    @Test
    void aMisspeltAthleteOrJointOrDayIsAUsageErrorWithTheClosestNames() {
        TestStore store = store("h2");
        String name = (String) store.rows("SELECT athlete_name FROM athlete_summary ORDER BY athlete_name").get(0).get("athlete_name");
        String misspelt = name.substring(0, name.length() - 1);
        TestIo.Result athlete = run(io(store), new ExportCommand(), store.dbArg(), "--format", "csv", "--out", dir.resolve("x").toString(),
                "--athlete", misspelt);
        assertEquals(2, athlete.exitCode(), athlete.toString());
        assertTrue(athlete.err().contains("no athlete has the id or name '" + misspelt + "'; did you mean " + name), athlete.err());
        TestIo.Result joint = run(io(store), new ExportCommand(), store.dbArg(), "--format", "csv", "--out", dir.resolve("x").toString(),
                "--joint", "left_knee_flexon");
        assertEquals(2, joint.exitCode(), joint.toString());
        assertTrue(joint.err().contains("did you mean left_knee_flexion"), joint.err());
        TestIo.Result day = run(io(store), new ExportCommand(), store.dbArg(), "--format", "csv", "--out", dir.resolve("x").toString(),
                "--since", "2025-13-01");
        assertEquals(2, day.exitCode(), day.toString());
        assertTrue(day.err().contains("--since '2025-13-01' is not a day; give it as YYYY-MM-DD"), day.err());
    }

    @OnBothEngines
    void theJoinFormWorksAndLateralIsExplainedWithoutInternalTables(String engine) {
        TestStore store = store(engine);
        String name = (String) store.rows("SELECT d.athlete_name FROM session_details d JOIN ik_series i ON i.session_id = d.session_id"
                + " ORDER BY 1").get(0).get("athlete_name");
        String join = "SELECT d.session_name, k.joint, COUNT(*) AS samples FROM IK_SAMPLES_OF('" + name + "') k"
                + " JOIN session_details d ON d.session_id = k.session_id GROUP BY d.session_name, k.joint";
        TestIo.Result joined = run(io(store), new SqlCommand(), store.dbArg(), "--csv", join);
        assertEquals(0, joined.exitCode(), joined.toString());
        long expected = store.count("SELECT COUNT(*) FROM (SELECT DISTINCT d.session_name, j.joint FROM ik_joint_series j"
                + " JOIN session_details d ON d.session_id = j.session_id WHERE d.athlete_name = ?) x", name);
        assertEquals(expected, joined.out().lines().count() - 1, joined.out());
        if (store.postgres()) return; // PostgreSQL has LATERAL
        TestIo.Result lateral = run(io(store), new SqlCommand(), store.dbArg(),
                "select * from sessions s cross join lateral IK_SAMPLES(s.session_id)");
        assertEquals(1, lateral.exitCode(), lateral.toString());
        assertTrue(lateral.err().contains("H2 has no LATERAL") && lateral.err().contains("IK_SAMPLES_OF(athlete, since, until, joint)"), lateral.err());
        TestIo.Result unknown = run(io(store), new SqlCommand(), store.dbArg(), "select * from qqq_zzz_xxx_yyy");
        assertEquals(1, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("the store has: ") && unknown.err().contains("sessions"), unknown.err());
        for (String internal : List.of("schema_migrations", "schema_views", "sync_passes", "sync_pass_pages", "sync_deferred_indexes", "summary_state")) {
            assertFalse(unknown.err().contains(internal), internal + " is the toolkit's own: " + unknown.err());
        }
    }

    private static long count(Statement query, Path out, String table) throws Exception {
        try (ResultSet rows = query.executeQuery("SELECT COUNT(*) FROM read_parquet('" + out.resolve(table + ".parquet") + "')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    /** A number as a value, whatever its text (3 or 3.0); null for an empty CSV field or SQL NULL. */
    private static BigDecimal number(String text) {
        return text == null || text.isEmpty() ? null : new BigDecimal(text).stripTrailingZeros();
    }

    private static LocalDate toDay(Object value) {
        return value instanceof LocalDate day ? day : value instanceof java.sql.Date date ? date.toLocalDate() : LocalDateTime.parse(value.toString()).toLocalDate();
    }
}
