package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * Ctrl-C (SIGINT) or systemd's SIGTERM in the middle of a sync, sent to a real valor-sync process:
 * one line saying where the next run resumes, no exception, exit 128 + the signal, the run recorded
 * as interrupted before the process ends, every committed page kept and no half page; the next
 * run resumes and ends with exactly the data of an uninterrupted one.
 */
class SyncInterruptTest {
    private static final int SESSIONS = 1500;
    private static final int PAGE = 50;

    @TempDir
    Path dir;

    @Test
    void ctrlCStopsAfterACommittedPageSaysWhereTheNextRunResumesAndTheNextRunFinishesExactly() throws Exception {
        FakeValorApi.Builder slow = FakeValorApi.builder().organisation(FakeOrganisation.generate(23, 10, SESSIONS)).latencyMs(100);
        try (FakeValorApi api = slow.start()) {
            Path db = dir.resolve("stopped.mv.db");
            String[] args = {"--db", db.toString(), "--base-url", api.baseUrl().toString(), "--page-size", Integer.toString(PAGE), "--parallel", "1"};

            Process sync = start(api, args);
            TestDb.awaitCount(db, "SELECT COUNT(*) FROM sessions", 200, Duration.ofSeconds(60));
            signal("INT", sync);
            assertTrue(sync.waitFor(20, TimeUnit.SECONDS), "stopped within seconds");

            String err = Files.readString(dir.resolve("err.txt"));
            assertEquals(130, sync.exitValue(), err);
            Map<String, Object> pass = TestDb.rows(db, "SELECT pages, records, next_token FROM sync_passes WHERE entity = 'sessions'").get(0);
            int nextPage = ((Number) pass.get("pages")).intValue() + 1;
            assertEquals("valor-sync: interrupted; the next run resumes from sessions page " + nextPage + "\n", err, "one line, no trace");
            assertEquals("", Files.readString(dir.resolve("out.txt")));

            long stored = TestDb.count(db, "SELECT COUNT(*) FROM sessions");
            assertTrue(stored >= 200 && stored < SESSIONS, "stopped mid-way: " + stored);
            assertEquals((nextPage - 1) * PAGE, stored, "exactly the committed pages are stored, no half page");
            assertEquals(stored, ((Number) pass.get("records")).longValue());

            Map<String, Object> run = TestDb.rows(db, "SELECT status, finished_at, error, pages FROM sync_runs ORDER BY run_id DESC").get(0);
            assertEquals("interrupted", run.get("status"), "recorded by the stopped process itself, not left for the next run");
            assertNotNull(run.get("finished_at"));
            assertEquals("SIGINT (Ctrl-C): the next run resumes from sessions page " + nextPage, run.get("error"));

            int requestsBefore = api.requests().size();
            TestIo.Result rerun = TestIo.inHome(dir).env("VALOR_TOKEN", api.token()).run(new SyncCommand(), args);
            assertEquals(0, rerun.exitCode(), rerun.toString());
            List<FakeValorApi.LoggedRequest> resumed = api.requests().subList(requestsBefore, api.requests().size()).stream()
                    .filter(r -> r.endpoint().equals("sessions")).toList();
            assertEquals(pass.get("next_token"), resumed.get(0).continuationToken(), "the rerun resumed from the checkpoint");
            assertEquals(SESSIONS / PAGE, resumed.size(), "the remaining pages, then from the first page round to the checkpoint:"
                    + " one pass's worth, to see what changed behind the checkpoint while no sync ran");
            assertEquals(List.of("interrupted", "ok"), TestDb.rows(db, "SELECT status FROM sync_runs ORDER BY run_id")
                    .stream().map(r -> r.get("status")).toList());

            Path reference = dir.resolve("reference.mv.db");
            String[] referenceArgs = args.clone();
            referenceArgs[1] = reference.toString();
            assertEquals(0, TestIo.inHome(dir).env("VALOR_TOKEN", api.token()).run(new SyncCommand(), referenceArgs).exitCode());
            List<Map<String, Object>> expected = TestDb.rows(reference, TestDb.SESSION_DATA);
            assertEquals(SESSIONS, expected.size());
            assertEquals(expected, TestDb.rows(db, TestDb.SESSION_DATA));
            assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM sync_passes"));
            assertEquals(0L, TestDb.count(db, "SELECT COUNT(*) FROM sync_deferred_indexes"), "the resumed load built the indexes");
        }
    }

    /** A scheduled run that systemd stops (TERM) while the API takes its time over a page: it does not wait for that page. */
    @Test
    void termWhileAPageIsInFlightStopsAtOnceAndAScheduledRunLeavesJsonAndAnInterruptedRun() throws Exception {
        FakeValorApi.Builder stalling = FakeValorApi.builder().organisation(FakeOrganisation.generate(29, 10, SESSIONS))
                .latencyMs(20).faults("sessions@8=slow:60000");
        try (FakeValorApi api = stalling.start()) {
            Path db = dir.resolve("scheduled.mv.db");
            String[] args = {"--db", db.toString(), "--base-url", api.baseUrl().toString(), "--page-size", Integer.toString(PAGE),
                    "--json", "--quiet", "--parallel", "1"};

            Process sync = start(api, args);
            TestDb.awaitCount(db, "SELECT COUNT(*) FROM sessions", 7 * PAGE, Duration.ofSeconds(60));
            while (api.requestCount("sessions") < 8) Thread.sleep(20); // page 8 is in flight, and will be for a minute
            long signalled = System.nanoTime();
            signal("TERM", sync);
            assertTrue(sync.waitFor(30, TimeUnit.SECONDS), "stopped");
            assertTrue(System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(10), "did not wait for the stalled page");

            String err = Files.readString(dir.resolve("err.txt"));
            assertEquals(143, sync.exitValue(), err);
            assertEquals("valor-sync: interrupted; the next run resumes from sessions page 8\n", err);
            String out = Files.readString(dir.resolve("out.txt"));
            assertEquals(1, out.lines().count(), "one JSON object on stdout: " + out);
            JsonNode json = Json.parse(out);
            assertEquals("interrupted", json.get("status").asText());
            assertEquals("SIGTERM: the next run resumes from sessions page 8", json.get("error").asText());
            assertEquals(7 * PAGE, json.at("/entities/sessions/added").asInt());

            assertEquals(7L * PAGE, TestDb.count(db, "SELECT COUNT(*) FROM sessions"));
            List<Map<String, Object>> status = TestIo.inHome(dir).run(new SqlCommand(), "--db", db.toString(), "--jsonl", "sync-status")
                    .out().lines().map(SyncInterruptTest::row).toList();
            assertEquals("interrupted", status.get(0).get("status"));
            assertEquals("SIGTERM: the next run resumes from sessions page 8", status.get(0).get("error"));

            TestIo.Result rerun = TestIo.inHome(dir).env("VALOR_TOKEN", api.token()).run(new SyncCommand(), args);
            assertEquals(0, rerun.exitCode(), rerun.toString());
            assertEquals("ok", Json.parse(rerun.out()).get("status").asText());
            assertEquals(SESSIONS - 7 * PAGE, Json.parse(rerun.out()).at("/entities/sessions/added").asInt(), "resumed at page 8");
            assertEquals((long) SESSIONS, TestDb.count(db, "SELECT COUNT(*) FROM sessions"));
            assertFalse(rerun.err().contains("interrupted"));
        }
    }

    /** valor-sync in its own JVM, with the token in the environment (as a scheduled job has it) and stdout and stderr apart. */
    private Process start(FakeValorApi api, String... args) throws Exception {
        ProcessBuilder builder = JavaProcess.of(SyncCommand.class, args)
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("VALOR_TOKEN", api.token());
        builder.environment().put("HOME", dir.toString());
        return builder.start();
    }

    /** Process.destroy sends TERM only; kill sends either, as a terminal's Ctrl-C or systemd does. */
    private static void signal(String name, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }

    private static Map<String, Object> row(String jsonLine) {
        try {
            return Json.MAPPER.convertValue(Json.parse(jsonLine), new TypeReference<Map<String, Object>>() {});
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + jsonLine, e);
        }
    }
}
