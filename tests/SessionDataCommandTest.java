package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.fake.FakeSessionData;
import valor.fake.FakeValorApi;

/** valor-sync --with and --concurrency as a user runs them, and the store they leave as other processes see it. */
class SessionDataCommandTest {
    @TempDir
    Path dir;

    private TestIo.Result run(String... args) {
        return TestIo.inHome(dir).run(new SyncCommand(), args);
    }

    private String[] args(FakeValorApi api, Path db, String... more) {
        List<String> all = new ArrayList<>(List.of("--db", db.toString(), "--base-url", api.baseUrl().toString(), "--token", api.token()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void assertUsageError(TestIo.Result result, String expected) {
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), "one line: " + result);
        assertTrue(result.err().startsWith("valor-sync: ") && result.err().contains(expected), result.toString());
    }

    @Test
    void helpDocumentsTheFlags() {
        TestIo.Result help = run("--help");
        assertTrue(help.out().contains("--with LIST") && help.out().contains("--concurrency N") && help.out().contains("--with reports,ik"),
                help.out());
    }

    @Test
    void unknownDataAndBadConcurrencyAreUsageErrorsBeforeAnythingIsTouched() {
        Path db = dir.resolve("x.mv.db");
        assertUsageError(run("--db", db.toString(), "--token", "t", "--with", "reports,videos"),
                "--with: unknown data 'videos'; choose from reports, ik");
        assertUsageError(run("--db", db.toString(), "--token", "t", "--with", ","), "--with needs one or more of reports, ik");
        assertUsageError(run("--db", db.toString(), "--token", "t", "--with", "ik", "--concurrency", "0"),
                "--concurrency must be between 1 and 64, not 0");
        assertUsageError(run("--db", db.toString(), "--token", "t", "--concurrency", "many"), "--concurrency must be a whole number, not 'many'");
        assertFalse(Files.exists(db), "nothing created");
    }

    @Test
    void recentFetchesEachAthletesNewestSessionsOnlyAndMoreWhenRaised() throws Exception {
        FakeOrganisation organisation = FakeOrganisation.generate(62, 4, 120);
        try (FakeValorApi api = FakeValorApi.builder().organisation(organisation).start()) {
            Path db = dir.resolve("valor.mv.db");
            assertUsageError(run(args(api, db, "--recent", "3")), "--recent says which sessions --with fetches for; add --with reports,ik");
            assertUsageError(run(args(api, db, "--with", "ik", "--recent", "0")), "--recent must be between 1 and ");

            TestIo.Result three = run(args(api, db, "--with", "reports", "--recent", "3"));
            assertEquals(0, three.exitCode(), three.toString());
            String newest = "SELECT session_id FROM (SELECT session_id, ROW_NUMBER() OVER (PARTITION BY athlete_id ORDER BY recorded_at DESC,"
                    + " session_id DESC) AS n FROM sessions WHERE deleted_at IS NULL AND s3_key <> '') ranked WHERE n <= %d ORDER BY session_id";
            assertEquals(TestDb.rows(db, newest.formatted(3)), TestDb.rows(db, "SELECT session_id FROM session_reports ORDER BY session_id"),
                    "exactly each athlete's three newest sessions");
            long athletes = TestDb.count(db, "SELECT COUNT(DISTINCT athlete_id) FROM sessions WHERE deleted_at IS NULL");
            assertTrue(three.out().contains("reports " + 3 * athletes + " fetched, 0 skipped, 0 failed"), three.out());

            TestIo.Result five = run(args(api, db, "--with", "reports", "--recent", "5"));
            assertTrue(five.out().contains("reports " + 2 * athletes + " fetched, " + 3 * athletes + " skipped, 0 failed"), five.out());
            assertEquals(TestDb.rows(db, newest.formatted(5)), TestDb.rows(db, "SELECT session_id FROM session_reports ORDER BY session_id"));

            TestIo.Result all = run(args(api, db, "--with", "reports"));
            long fetchable = TestDb.count(db, "SELECT COUNT(*) FROM sessions WHERE deleted_at IS NULL AND s3_key <> ''");
            assertTrue(all.out().contains("reports " + (fetchable - 5 * athletes) + " fetched, " + 5 * athletes + " skipped"), all.out());
        }
    }

    @Test
    void theSummaryLineAndJsonCountFetchedSkippedAndFailed() throws Exception {
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(61, 3, 12)).faults("reportData@2=404").start()) {
            Path db = dir.resolve("valor.mv.db");
            TestIo.Result first = run(args(api, db, "--with", "REPORTS", "--concurrency", "1"));
            assertEquals(0, first.exitCode(), first.toString());
            assertTrue(first.out().contains("; reports 11 fetched, 0 skipped, 1 failed; "), first.out());
            assertTrue(first.err().contains("warning: reports: 1 session(s) could not be fetched (see session_data_fetches);"
                    + " they are retried on the next run"), first.err());

            TestIo.Result second = run(args(api, db, "--with", "reports", "--with", "ik", "--json", "--quiet"));
            assertEquals(0, second.exitCode(), second.toString());
            JsonNode json = Json.parse(second.out());
            assertEquals(Json.parse("{\"reports\":{\"fetched\":1,\"skipped\":11,\"failed\":0},\"ik\":{\"fetched\":12,\"skipped\":0,\"failed\":0}}"),
                    json.get("session_data"));
            assertEquals(List.of(List.of(1L, "reports", 11, 0, 1), List.of(2L, "ik", 12, 0, 0), List.of(2L, "reports", 1, 11, 0)),
                    TestDb.rows(db, "SELECT run_id, kind, fetched, skipped, failed FROM sync_run_fetches ORDER BY run_id, kind").stream()
                            .map(r -> List.of(r.get("run_id"), r.get("kind"), r.get("fetched"), r.get("skipped"), r.get("failed"))).toList());
        }
    }

    @Test
    void theSamplesFunctionWorksFromAnyProcessThatOpensTheStore() throws Exception {
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(62, 2, 3)).start()) {
            Path db = dir.resolve("valor.mv.db");
            assertEquals(0, run(args(api, db, "--with", "ik")).exitCode());
            String session = TestDb.value(db, String.class, "SELECT MIN(session_id) FROM ik_series");
            long expected = TestDb.count(db, "SELECT samples * joints FROM ik_series WHERE session_id = ?", session);

            Process probe = JavaProcess.of(IkSamplesProbe.class, db.toString(), session).redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
            assertTrue(output.contains("rows=" + expected), "another JVM opening the file: " + output);

            Process server = JavaProcess.of(IkSamplesProbe.class, db.toString(), "hold").redirectErrorStream(true).start();
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("ready", lines.readLine());
                assertEquals(expected, TestDb.count(db, "SELECT COUNT(*) FROM IK_SAMPLES(?)", session),
                        "through the auto-server, the function runs in the process that holds the file");
            } finally {
                server.getOutputStream().close();
                assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aToolWithoutTheToolkitOnItsClasspathStillReadsTheStore() throws Exception {
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(63, 2, 3)).start()) {
            Path db = dir.resolve("valor.mv.db");
            assertEquals(0, run(args(api, db, "--with", "ik,reports")).exitCode());
            String h2 = List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).stream()
                    .filter(entry -> entry.contains("h2-2.3.232")).findFirst().orElseThrow();
            String url = "jdbc:h2:file:" + db.toString().replaceFirst("\\.mv\\.db$", "") + ";AUTO_SERVER=TRUE";
            String count = shell(h2, url, "SELECT COUNT(*) AS n FROM ik_joint_summary");
            assertTrue(count.contains(String.valueOf(3 * FakeSessionData.JOINTS.size())), count);
            String samples = shell(h2, url, "SELECT COUNT(*) FROM IK_SAMPLES('x')");
            assertTrue(samples.contains("valor.IkSamples"), "only the function needs the toolkit, and says which class: " + samples);
        }
    }

    /** Runs one statement with H2's own Shell, in a JVM that has nothing but the H2 jar. */
    private static String shell(String h2Jar, String url, String sql) throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", h2Jar, "org.h2.tools.Shell",
                "-url", url, "-user", "sa", "-password", Files.readString(Path.of(TestIo.STORE_KEY)).strip(), "-sql", sql).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return output;
    }
}
