package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.base.Json;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * valor-sync as cron or a systemd timer runs it ({@code --json --quiet}, the token in the
 * environment): a run that fails leaves one JSON object on stdout, one line on stderr, its exit
 * code, and a failed sync_runs row with the error; {@code valor-sql sync-status} shows the
 * latest runs with status and why, next to each other, and the warnings --quiet kept quiet.
 */
class ScheduledSyncTest {
    @TempDir
    Path dir;

    @Test
    void failedScheduledRunsLeaveJsonAndAFailedRunThatSyncStatusShowsWithItsErrorUntilARunSucceeds() throws Exception {
        FakeValorApi.Builder withoutExercises = FakeValorApi.builder().organisation(FakeOrganisation.generate(37, 4, 120))
                .missingEndpoints(Set.of("exercises"));
        try (FakeValorApi api = withoutExercises.start()) {
            Path db = dir.resolve("valor.mv.db");

            TestIo.Result refused = scheduled("wrong-token-456", "--db", db.toString(), "--base-url", api.baseUrl().toString());
            assertEquals(3, refused.exitCode(), refused.toString());
            JsonNode refusedJson = oneJsonObject(refused);
            assertEquals("failed", refusedJson.get("status").asText());
            assertTrue(refusedJson.get("error").asText().startsWith("the API refused the token (GET /athletes returned HTTP 401"),
                    refusedJson.toString());
            assertEquals("valor-sync: " + refusedJson.get("error").asText() + "\n", refused.err(), "one line for cron's mail");
            assertFalse(refused.out().contains("wrong-token-456") || refused.err().contains("wrong-token-456"), "never the token");
            Map<String, Object> refusedRun = TestDb.rows(db, "SELECT run_id, status, error, finished_at FROM sync_runs ORDER BY run_id DESC").get(0);
            assertEquals("failed", refusedRun.get("status"));
            assertEquals(refusedJson.get("error").asText(), refusedRun.get("error"));
            assertEquals(refusedJson.get("run_id").asLong(), ((Number) refusedRun.get("run_id")).longValue());

            TestIo.Result down = scheduled(api.token(), "--db", db.toString(), "--base-url", "http://127.0.0.1:9/production");
            assertEquals(1, down.exitCode(), down.toString());
            JsonNode downJson = oneJsonObject(down);
            assertEquals("failed", downJson.get("status").asText());
            assertTrue(downJson.get("error").asText().startsWith("cannot reach http://127.0.0.1:9/production"), downJson.toString());
            assertEquals(1, down.err().lines().count(), down.toString());

            List<Map<String, Object>> status = syncStatus(db);
            assertEquals(List.of("failed", "failed"), status.stream().map(r -> r.get("status")).toList(), "newest first");
            assertEquals(downJson.get("error").asText(), status.get(0).get("error"));
            assertEquals(refusedJson.get("error").asText(), status.get(1).get("error"));
            String table = sql(db, "--format", "table", "sync-status", "-p", "runs=1").out();
            assertTrue(table.contains("| failed | cannot reach http://127.0.0.1:9/production"),
                    "on a terminal the error is beside the status, not past the counts:\n" + table);

            TestIo.Result ok = scheduled(api.token(), "--db", db.toString(), "--base-url", api.baseUrl().toString());
            assertEquals(0, ok.exitCode(), ok.toString());
            JsonNode okJson = oneJsonObject(ok);
            assertEquals("ok", okJson.get("status").asText());
            assertFalse(okJson.has("error"));
            assertEquals(120, okJson.at("/entities/sessions/added").asInt());
            assertEquals("", ok.err(), "--quiet: nothing on stderr, warnings included");

            status = syncStatus(db);
            assertEquals(List.of("ok", "failed", "failed"), status.stream().map(r -> r.get("status")).toList());
            assertNull(status.get(0).get("error"));
            assertTrue(String.valueOf(status.get(0).get("warnings")).contains("/exercises is not available (HTTP 404)"),
                    "the warning --quiet did not print: " + status.get(0));
        }
    }

    @Test
    void aScheduledRunKilledOutrightShowsAsInterruptedWithWhyOnceTheNextRunFindsIt() throws Exception {
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(41, 3, 60)).start()) {
            Path db = dir.resolve("valor.mv.db");
            String[] args = {"--db", db.toString(), "--base-url", api.baseUrl().toString()};
            assertEquals(0, scheduled(api.token(), args).exitCode());
            // What kill -9, the OOM killer or a power cut leaves: a run still marked running that no process will finish.
            TestDb.execute(db, "INSERT INTO sync_runs (started_at, status, scope, api_url, page_size) VALUES (CURRENT_TIMESTAMP, 'running', 'all', ?, 1000)",
                    api.baseUrl().toString());
            assertEquals("running", syncStatus(db).get(0).get("status"), "until a sync runs, no one can tell it died");

            assertEquals(0, scheduled(api.token(), args).exitCode());
            List<Map<String, Object>> status = syncStatus(db);
            assertEquals(List.of("ok", "interrupted", "ok"), status.stream().map(r -> r.get("status")).toList());
            assertTrue(String.valueOf(status.get(1).get("error")).startsWith("the process ended mid-run (killed"),
                    status.get(1).toString());
            assertNotNull(status.get(1).get("finished_at"));
        }
    }

    /** As a cron line or a systemd unit runs it: the token in the environment, --json --quiet. */
    private TestIo.Result scheduled(String token, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--json";
        all[args.length + 1] = "--quiet";
        return TestIo.inHome(dir).env("VALOR_TOKEN", token).run(new SyncCommand(), all);
    }

    private static JsonNode oneJsonObject(TestIo.Result result) throws Exception {
        assertEquals(1, result.out().lines().count(), "one JSON object on one line: " + result);
        JsonNode json = Json.parse(result.out());
        assertTrue(json.isObject(), result.out());
        return json;
    }

    private TestIo.Result sql(Path db, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = db.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        TestIo.Result result = TestIo.inHome(dir).run(new SqlCommand(), all);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    /** valor-sql sync-status, newest run first, one map per row in column order. */
    private List<Map<String, Object>> syncStatus(Path db) throws Exception {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (String line : sql(db, "--jsonl", "sync-status").out().split("\n")) {
            if (!line.isBlank()) rows.add(Json.MAPPER.convertValue(Json.parse(line), new TypeReference<Map<String, Object>>() {}));
        }
        return rows;
    }
}
