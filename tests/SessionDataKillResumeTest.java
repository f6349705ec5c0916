package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeSessionData;
import valor.fake.FakeValorApi;

/**
 * A sync killed with SIGKILL while fetching per-session data leaves every session either fully
 * stored (rows, summary and fetch state) or not at all; the rerun fetches only what is missing
 * and ends with exactly the data of an uninterrupted run.
 */
class SessionDataKillResumeTest {
    private static final String IK_DATA = "SELECT s.session_id, s.s3_key, s.samples, s.duration_s, s.time_data, j.joint, j.position, j.angle_data,"
            + " j.velocity_data, j.acceleration_data, m.min_angle, m.max_angle, m.mean_angle, m.peak_abs_velocity, m.peak_abs_acceleration"
            + " FROM ik_series s JOIN ik_joint_series j ON j.session_id = s.session_id"
            + " JOIN ik_joint_summary m ON m.session_id = j.session_id AND m.joint = j.joint ORDER BY s.session_id, j.position";
    private static final String REPORT_DATA = "SELECT session_id, section, metric_group, metric, side, avg_max, score, fields"
            + " FROM report_metrics ORDER BY session_id, section, metric_group, metric, side";

    @TempDir
    Path dir;

    @Test
    void aSyncKilledWhileFetchingLeavesEachSessionWholeOrAbsentAndTheRerunFinishes() throws Exception {
        FakeValorApi.Builder slow = FakeValorApi.builder().organisation(FakeOrganisation.generate(71, 6, 60)).latencyMs(25);
        try (FakeValorApi api = slow.start()) {
            Path killed = dir.resolve("killed.mv.db");
            String[] args = {"--db", killed.toString(), "--base-url", api.baseUrl().toString(), "--token", api.token(),
                    "--with", "reports,ik", "--concurrency", "2", "--quiet"};

            Process sync = JavaProcess.start(dir.resolve("sync.log"), SyncCommand.class, args);
            TestDb.awaitCount(killed, "SELECT COUNT(*) FROM ik_series", 8, Duration.ofSeconds(90));
            Thread.sleep(1000); // H2 writes commits to disk within WRITE_DELAY (0.5 s); let some reach it
            sync.destroyForcibly(); // SIGKILL: no shutdown hooks, no chance to tidy up
            assertTrue(sync.waitFor(20, TimeUnit.SECONDS));

            long storedIk = TestDb.count(killed, "SELECT COUNT(*) FROM ik_series");
            assertTrue(storedIk > 0 && storedIk < 60, "killed mid-way: " + storedIk + " IK series stored");
            assertEachSessionWholeOrAbsent(killed);
            Set<String> keysStoredBeforeKill = new HashSet<>(TestDb.rows(killed, "SELECT s3_key FROM ik_series").stream()
                    .map(r -> (String) r.get("s3_key")).toList());
            int ikRequestsBefore = api.requests("ikData").size();

            Process rerun = JavaProcess.start(dir.resolve("rerun.log"), SyncCommand.class, args);
            assertTrue(rerun.waitFor(180, TimeUnit.SECONDS));
            assertEquals(0, rerun.exitValue(), Files.readString(dir.resolve("rerun.log")));

            Set<String> askedAgain = new HashSet<>(SessionDataSyncTest.keysAsked(api, "ikData", ikRequestsBefore));
            assertTrue(askedAgain.stream().noneMatch(keysStoredBeforeKill::contains), "nothing stored before the kill is fetched again");
            assertEquals(60 - storedIk, askedAgain.size(), "everything else is");
            assertEquals(List.of("interrupted", "ok"), TestDb.rows(killed, "SELECT status FROM sync_runs ORDER BY run_id")
                    .stream().map(r -> r.get("status")).toList());
            assertEquals(60 - storedIk, TestDb.count(killed, "SELECT fetched FROM sync_run_fetches WHERE kind = 'ik'"
                    + " AND run_id = (SELECT MAX(run_id) FROM sync_runs)"), "the rerun's counts (run ids may jump after a kill)");
            assertEachSessionWholeOrAbsent(killed);

            Path reference = dir.resolve("reference.mv.db");
            String[] referenceArgs = args.clone();
            referenceArgs[1] = reference.toString();
            assertEquals(0, TestIo.inHome(dir).run(new SyncCommand(), referenceArgs).exitCode());
            assertEquals(60L, TestDb.count(reference, "SELECT COUNT(*) FROM ik_series"));
            assertEquals(TestDb.rows(reference, REPORT_DATA), TestDb.rows(killed, REPORT_DATA));
            assertBlobRowsEqual(TestDb.rows(reference, IK_DATA), TestDb.rows(killed, IK_DATA));
        }
    }

    /** The invariant a kill must not break: a session's data, summary and fetch state exist together or not at all. */
    private static void assertEachSessionWholeOrAbsent(Path db) {
        int joints = FakeSessionData.JOINTS.size();
        assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM session_data_fetches f WHERE f.kind = 'ik' AND f.status = 'stored'"
                + " AND NOT EXISTS (SELECT 1 FROM ik_series s WHERE s.session_id = f.session_id AND s.s3_key = f.stored_s3_key)"));
        assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM ik_series s WHERE NOT EXISTS (SELECT 1 FROM session_data_fetches f"
                + " WHERE f.session_id = s.session_id AND f.kind = 'ik' AND f.stored_s3_key = s.s3_key)"));
        assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM ik_series s WHERE ? <> (SELECT COUNT(*) FROM ik_joint_series j"
                + " WHERE j.session_id = s.session_id) OR ? <> (SELECT COUNT(*) FROM ik_joint_summary m WHERE m.session_id = s.session_id)",
                joints, joints));
        assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM ik_joint_summary m WHERE NOT EXISTS (SELECT 1 FROM ik_series s"
                + " WHERE s.session_id = m.session_id)"));
        assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM session_reports r WHERE r.metric_rows <> (SELECT COUNT(*)"
                + " FROM report_metrics m WHERE m.session_id = r.session_id) OR NOT EXISTS (SELECT 1 FROM session_data_fetches f"
                + " WHERE f.session_id = r.session_id AND f.kind = 'reports' AND f.stored_s3_key = r.s3_key)"));
        assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM report_metrics m WHERE NOT EXISTS (SELECT 1 FROM session_reports r"
                + " WHERE r.session_id = m.session_id)"));
    }

    /** Row lists equal, comparing byte arrays by content. */
    private static void assertBlobRowsEqual(List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> e = expected.get(i), a = actual.get(i);
            assertEquals(e.keySet(), a.keySet());
            for (String column : e.keySet()) {
                Object x = e.get(column), y = a.get(column);
                if (x instanceof byte[] bytes) assertTrue(java.util.Arrays.equals(bytes, (byte[]) y), column + " of row " + i);
                else assertEquals(x, y, column + " of row " + i);
            }
        }
        assertNotEquals(0, expected.size());
        assertEquals(expected.stream().map(r -> r.get("session_id")).collect(Collectors.toSet()).size(), 60);
    }
}
