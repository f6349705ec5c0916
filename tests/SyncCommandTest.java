package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;
import valor.fake.DemoOrganisation;
import valor.fake.FakeOrganisation;
import valor.fake.FakeSessionData;
import valor.fake.FakeValorApi;

/** valor-sync as a user runs it: flags, output, exit codes, and one clear line for every kind of bad input. */
class SyncCommandTest {
    @TempDir
    Path dir;

    private TestIo.Result run(String... args) {
        return TestIo.inHome(dir).run(new SyncCommand(), args);
    }

    private static void assertOneLineError(TestIo.Result result, int exitCode, String expected) {
        assertEquals(exitCode, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), "one line: " + result);
        assertTrue(result.err().startsWith("valor-sync: "), result.toString());
        assertTrue(result.err().contains(expected), result.toString());
        assertFalse(result.err().contains("\tat "), "no stack trace");
    }

    @Test
    void helpEndsWithExamplesAndDocumentsExitCodes() {
        TestIo.Result result = run("--help");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("--page-size") && result.out().contains("Exit codes: 0 done; 1 failed"), result.out());
        assertTrue(result.out().strip().lines().reduce((a, b) -> b).orElse("").contains("--json --quiet"), "ends with an example");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertOneLineError(run("--frobnicate"), 2, "unknown option --frobnicate");
        assertOneLineError(run("--page-size", "0", "--token", "t"), 2, "--page-size must be between 1 and 10000, not 0");
        assertOneLineError(run("--page-size", "ten", "--token", "t"), 2, "--page-size must be a whole number, not 'ten'");
        assertOneLineError(run("--base-url", "http://api.example.com/production", "--token", "t"), 2, "only loopback hosts may");
        assertOneLineError(run("--db"), 2, "option --db needs a value");
    }

    @Test
    void aMissingTokenSaysHowToGiveOne() {
        assertOneLineError(run("--db", dir.resolve("x.mv.db").toString()), 3, "no API token: pass --token-file FILE or set VALOR_TOKEN");
        assertFalse(Files.exists(dir.resolve("x.mv.db")), "nothing created");
    }

    @Test
    void anUnreachableApiFailsFastWithOneLine() {
        long started = System.nanoTime();
        TestIo.Result result = run("--db", dir.resolve("x.mv.db").toString(), "--base-url", "http://127.0.0.1:9/production", "--token", "t");
        assertOneLineError(result, 1, "cannot reach http://127.0.0.1:9/production");
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "no long retry loop for a wrong URL");
    }

    @Test
    void aRefusedTokenExitsWithThree() {
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(1, 2, 10)).start()) {
            TestIo.Result result = run("--db", dir.resolve("x.mv.db").toString(), "--base-url", api.baseUrl().toString(),
                    "--token", "wrong-token-123");
            assertOneLineError(result, 3, "the API refused the token (GET /athletes returned HTTP 401");
            assertFalse(result.err().contains("wrong-token-123"), "the token is never printed");
        }
    }

    @Test
    void badDatabasePathsAreRefusedWithoutTouchingAnything() throws Exception {
        assertOneLineError(run("--db", dir.resolve("missing/valor.mv.db").toString(), "--token", "t"), 2, "does not exist");
        Path notH2 = Files.writeString(dir.resolve("club.mv.db"), "SQLite format 3");
        assertOneLineError(run("--db", notH2.toString(), "--token", "t"), 2, "is not an H2 database");
        assertEquals("SQLite format 3", Files.readString(notH2));
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        readOnly.toFile().setWritable(false);
        if (!Files.isWritable(readOnly)) { // root can write anywhere; the check only means something for other users
            assertOneLineError(run("--db", readOnly.resolve("v.mv.db").toString(), "--token", "t"), 2, "is not writable");
        }
    }

    @Test
    void aDatabaseHeldByAnotherProgramIsReportedAsLocked() throws Exception {
        Path db = dir.resolve("held.mv.db");
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(1, 2, 10)).start()) {
            assertEquals(0, run("--db", db.toString(), "--base-url", api.baseUrl().toString(), "--token", api.token(), "--quiet").exitCode());
            String url = "jdbc:h2:file:" + db.toString().replace(".mv.db", "");
            String adminPassword = Files.readString(Path.of(TestIo.STORE_KEY)).strip(); // the store key is SA's password
            Process holder = JavaProcess.of(org.h2.tools.Shell.class, "-url", url, "-user", "sa", "-password", adminPassword)
                    .redirectErrorStream(true).start();
            try {
                holder.getOutputStream().write("select 1;\n".getBytes());
                holder.getOutputStream().flush();
                waitForOutput(holder, "row");
                TestIo.Result result = run("--db", db.toString(), "--base-url", api.baseUrl().toString(), "--token", api.token());
                assertOneLineError(result, 1, "is locked by another program");
            } finally {
                holder.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void jsonPrintsOneObjectWithTheRunSummary() throws Exception {
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(1, 4, 40)).start()) {
            TestIo.Result result = run("--db", dir.resolve("x.mv.db").toString(), "--base-url", api.baseUrl().toString(),
                    "--token", api.token(), "--json");
            assertEquals(0, result.exitCode(), result.toString());
            JsonNode json = Json.parse(result.out());
            assertEquals("ok", json.get("status").asText());
            assertEquals(40, json.at("/entities/sessions/added").asInt());
            assertEquals("full", json.get("sessions_pass").asText());
            assertEquals("first sync", json.get("sessions_pass_reason").asText());
            assertTrue(json.get("last_full_pass_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), json.toString());
            assertEquals("", result.err());
        }
    }

    @Test
    void quietPrintsNothingAndTheSummaryIsOneLine() {
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(1, 4, 40)).start()) {
            String[] args = {"--db", dir.resolve("x.mv.db").toString(), "--base-url", api.baseUrl().toString(), "--token", api.token()};
            TestIo.Result quiet = TestIo.inHome(dir).run(new SyncCommand(), append(args, "--quiet"));
            assertEquals("", quiet.out() + quiet.err());
            TestIo.Result normal = run(args);
            assertTrue(normal.out().startsWith("synced sessions 0 new, 0 changed, 40 unchanged, 0 deleted; athletes 0 new"), normal.out());
            String howPaged = normal.out().lines().toList().get(1);
            assertTrue(howPaged.matches("sessions paged in one pass over the organisation: .+; last full pass "
                    + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(this run\\)"), "how it paged, and when the last full pass was: " + normal.out());
        }
    }

    @Test
    void theDemoNeedsNoCredentialsAndUsesItsOwnDatabase() {
        TestIo.Result result = run("--demo");
        assertEquals(0, result.exitCode(), result.toString());
        Path demoDb = dir.resolve("data/valor/demo.mv.db");
        assertTrue(Files.exists(demoDb));
        assertFalse(Files.exists(dir.resolve("data/valor/valor.mv.db")), "the real database is untouched");
        assertTrue(result.out().contains("synced sessions " + DemoOrganisation.SESSIONS + " new"), result.out());
        assertTrue(result.out().contains("valor-sql --demo"), "a hint of what to query next");
        assertEquals(DemoOrganisation.SESSIONS, TestDb.count(demoDb, "SELECT COUNT(*) FROM sessions"));
    }

    @Test
    void everyCommandTheDemoSuggestsRunsAsPrintedAndTheAthletePageHasEveryPanel() throws Exception {
        TestIo.Result demo = run("--demo", "--quiet");
        assertEquals(0, demo.exitCode(), demo.toString());
        List<String> suggested = DemoOrganisation.hint(null, alias -> Optional.of("./jbang " + alias)).lines().map(String::strip)
                .filter(line -> line.startsWith("./jbang ")).toList();
        assertEquals(4, suggested.size(), suggested.toString());
        JsonNode page = null;
        for (String line : suggested) {
            List<String> words = new ArrayList<>();
            Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line.substring("./jbang ".length()));
            while (word.find() && !"#".equals(word.group(2))) words.add(word.group(1) != null ? word.group(1) : word.group(2));
            String command = words.remove(0);
            if (command.equals("valor-sql")) {
                TestIo.Result query = TestIo.inHome(dir).run(new SqlCommand(), words.toArray(String[]::new));
                assertEquals(0, query.exitCode(), line + "\n" + query);
                assertTrue(query.out().lines().count() > 2, "rows, not just a header: " + line + "\n" + query.out());
                continue;
            }
            assertEquals("valor-report", command, line);
            // As printed, so in a folder of the user's: the page lands there, named after the athlete
            Path folder = Files.createDirectories(dir.resolve("where-the-user-is"));
            ProcessBuilder report = JavaProcess.of(ReportCommand.class, words.toArray(String[]::new)).directory(folder.toFile());
            report.environment().putAll(Map.of("HOME", dir.toString(), "XDG_DATA_HOME", dir.resolve("data").toString(),
                    "XDG_CONFIG_HOME", dir.resolve("config").toString()));
            Process written = report.redirectErrorStream(true).start();
            String printed = new String(written.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            assertEquals(0, written.waitFor(), line + "\n" + printed);
            page = ReportTest.embedded(Files.readString(folder.resolve(printed)));
        }
        assertEquals(DemoOrganisation.HINT_ATHLETE, page.path("athlete").path("name").asText());
        for (String panel : List.of("weekly", "exerciseMix", "metrics", "asymmetry", "asymmetryByMetric", "rangeOfMotion", "latestSessions")) {
            assertTrue(page.path(panel).size() > 0, "the page's " + panel + " panel has data: " + page.path(panel));
        }
        for (JsonNode exercise : page.path("rangeOfMotion")) {
            assertEquals(FakeSessionData.JOINTS.size(), exercise.path("joints").size(), "every joint's range of motion: " + exercise);
        }
        boolean againstHistory = false;
        for (JsonNode exercise : page.path("rangeOfMotion")) againstHistory |= exercise.path("joints").path(0).path("earlierSessions").asInt() > 0;
        assertTrue(againstHistory, "an exercise's latest range of motion against its own earlier sessions: " + page.path("rangeOfMotion"));
        for (JsonNode metric : page.path("metrics")) {
            assertTrue(metric.path("sides").path(0).path("points").size() >= 2, "a trend, not a dot: " + metric);
        }
        assertEquals(SyncCommand.DEMO_RECENT, page.path("totals").path("reportSessions").asInt(), page.path("totals").toString());
        assertEquals(SyncCommand.DEMO_RECENT, page.path("totals").path("ikSessions").asInt(), page.path("totals").toString());
        JsonNode newest = page.path("latestSessions").path(0);
        assertTrue(newest.path("report").asBoolean() && newest.path("ik").asBoolean(), "the newest session has both: " + newest);
    }

    @Test
    void theDemoFetchesReportsAndShortJointAngleSeriesForEachAthletesRecentSessionsOnly() {
        TestIo.Result demo = run("--demo");
        assertEquals(0, demo.exitCode(), demo.toString());
        Path db = dir.resolve("data/valor/demo.mv.db");
        long expected = TestDb.count(db, "SELECT SUM(LEAST(n, " + SyncCommand.DEMO_RECENT + ")) FROM (SELECT COUNT(*) AS n FROM sessions"
                + " WHERE deleted_at IS NULL AND s3_key IS NOT NULL GROUP BY athlete_id) per_athlete");
        assertTrue(demo.out().contains("reports " + expected + " fetched, 0 skipped, 0 failed; ik " + expected + " fetched, 0 skipped, 0 failed"),
                demo.out());
        assertEquals(expected, TestDb.count(db, "SELECT COUNT(*) FROM session_reports"));
        assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM ik_series WHERE samples > 600"), "ten seconds of joint angles at most");
        // Each athlete's newest sessions, not any others: no session with data is older than one without
        assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM sessions stored JOIN session_reports r ON r.session_id = stored.session_id"
                + " JOIN sessions newer ON newer.athlete_id = stored.athlete_id AND newer.recorded_at > stored.recorded_at"
                + " LEFT JOIN session_reports rn ON rn.session_id = newer.session_id WHERE rn.session_id IS NULL"));

        TestIo.Result again = run("--demo");
        assertTrue(again.out().contains("reports 0 fetched, " + expected + " skipped, 0 failed"), "nothing fetched twice: " + again.out());
    }

    @Test
    void aSecondSyncOnTheSameDatabaseWaitsForNoOneAndSaysWhy() throws Exception {
        FakeValorApi.Builder slow = FakeValorApi.builder().organisation(FakeOrganisation.generate(1, 4, 400)).latencyMs(100);
        try (FakeValorApi api = slow.start()) {
            String[] args = {"--db", dir.resolve("x.mv.db").toString(), "--base-url", api.baseUrl().toString(),
                    "--token", api.token(), "--page-size", "20", "--quiet"};
            CompletableFuture<TestIo.Result> first = CompletableFuture.supplyAsync(() -> run(args));
            while (api.requestCount("sessions") < 2) {
                if (first.isDone()) throw new AssertionError("the first sync ended early: " + first.get());
                Thread.sleep(20);
            }
            assertOneLineError(run(args), 1, "another valor-sync is already running");
            assertEquals(0, first.get(60, TimeUnit.SECONDS).exitCode());
        }
    }

    private static String[] append(String[] args, String extra) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }

    private static void waitForOutput(Process process, String expected) throws Exception {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        var in = process.getInputStream();
        while (System.nanoTime() < deadline && !seen.toString().contains(expected)) {
            if (in.available() > 0) seen.append((char) in.read());
            else Thread.sleep(10);
        }
        assertTrue(seen.toString().contains(expected), "the holder opened the database: " + seen);
    }
}
