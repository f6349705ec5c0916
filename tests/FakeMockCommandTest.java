package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import valor.base.Io;
import valor.base.Json;
import valor.fake.FakeOrganisation;

/** valor-mock: its two stdout lines, its flags, its one-line usage errors. */
class FakeMockCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Io io() {
        return new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false, false);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpEndsWithWorkedExamples() {
        assertEquals(0, new MockCommand().run(new String[] {"--help"}, io()));
        String help = stdout();
        for (String flag : List.of("--port", "--athletes", "--sessions", "--seed", "--latency-ms", "--keys", "--dates", "--body",
                "--last-token", "--missing", "--fault", "--token", "--unlisted-sessions", "--athlete-filter")) {
            assertTrue(help.contains(flag), flag);
        }
        assertTrue(help.contains("Examples:"));
        assertTrue(help.contains("valor-mock --fault sessions@3x2=503"));
    }

    @Test
    void badFlagsGiveOneLineAndExit2() {
        Map<String[], String> cases = Map.of(
                new String[] {"--keys", "kebab"}, "--keys must be one of pascal|camel|snake|spaced",
                new String[] {"--fault", "sessions@0=503"}, "--fault: fault 'sessions@0=503': request numbers start at 1",
                new String[] {"--fault", "videoExport@1=503"}, "unknown endpoint 'videoExport'",
                new String[] {"--missing", "everything"}, "--missing: unknown endpoint 'everything'",
                new String[] {"--sessions", "many"}, "--sessions must be a whole number",
                new String[] {"--port", "70000"}, "--port must be between 0 and 65535",
                new String[] {"--last-token", "nil"}, "string-null|json-null|missing|empty",
                new String[] {"--athlete-filter", "sideways"}, "--athlete-filter must be one of index|scan",
                new String[] {"--frobnicate"}, "unknown option");
        cases.forEach((args, message) -> {
            out.reset();
            err.reset();
            assertEquals(2, new MockCommand().run(args, io()), String.join(" ", args));
            String[] lines = stderr().split("\n");
            assertEquals(1, lines.length, stderr());
            assertTrue(lines[0].startsWith("valor-mock: ") && lines[0].contains(message), lines[0]);
            assertEquals("", stdout(), "nothing a script could mistake for url= and token=");
        });
    }

    @Test
    void servesWithTheFlagsGivenAndPrintsExactlyUrlAndToken() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = thread.submit(() -> new MockCommand(stop).run(new String[] {
                    "--athletes", "4", "--sessions", "30", "--seed", "9", "--token", "t-123", "--keys", "snake",
                    "--body", "array", "--last-token", "json-null", "--ends-at", "2026-03-01", "--fault", "sessions@1=503",
                    "--missing", "exercises", "--unlisted-sessions", "3", "--athlete-filter", "scan"}, io()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!stdout().contains("token=") && System.nanoTime() < deadline) Thread.sleep(20);
            String[] lines = stdout().split("\n");
            assertEquals(2, lines.length, stdout());
            assertTrue(lines[0].matches("url=http://127\\.0\\.0\\.1:\\d+/production"), lines[0]);
            assertEquals("token=t-123", lines[1]);

            String url = lines[0].substring(4);
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest sessions = HttpRequest.newBuilder(URI.create(url + "/sessions?limit=100"))
                    .header("Authorization", "Bearer t-123").header("X-Continuation-Token", "\"\"").build();
            assertEquals(503, http.send(sessions, HttpResponse.BodyHandlers.ofString()).statusCode());
            JsonNode page = Json.parse(http.send(sessions, HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(33, page.get("body").size(), "30 sessions and 3 of athletes /athletes does not list");
            assertTrue(page.get("body").get(0).has("session_id"));
            assertTrue(page.get("X-Continuation-Token").isNull());
            assertEquals(FakeOrganisation.generate(9, 4, 30, FakeValorApiTest.END).scanSessions(null).at(0).sessionId(),
                    page.get("body").get(0).get("session_id").asText(), "--seed and --ends-at reproduce the data");
            HttpRequest athletes = HttpRequest.newBuilder(URI.create(url + "/athletes"))
                    .header("Authorization", "Bearer t-123").header("X-Continuation-Token", "\"\"").build();
            assertEquals(4, Json.parse(http.send(athletes, HttpResponse.BodyHandlers.ofString()).body()).get("body").size(),
                    "the athletes of the 3 are not listed");
            String someone = page.get("body").get(0).get("athlete_id").asText();
            HttpRequest theirs = HttpRequest.newBuilder(URI.create(url + "/sessions?limit=10&athleteID=" + someone))
                    .header("Authorization", "Bearer t-123").header("X-Continuation-Token", "\"\"").build();
            JsonNode filtered = Json.parse(http.send(theirs, HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(filtered.get("body").size() < 10 && filtered.get("X-Continuation-Token").isTextual(),
                    "--athlete-filter scan: 10 of everyone's sessions read, the athlete's kept, more to come: " + filtered);
            HttpRequest exercises = HttpRequest.newBuilder(URI.create(url + "/exercises"))
                    .header("Authorization", "Bearer t-123").header("X-Continuation-Token", "\"\"").build();
            assertEquals(404, http.send(exercises, HttpResponse.BodyHandlers.ofString()).statusCode());

            stop.countDown();
            assertEquals(0, exit.get(10, TimeUnit.SECONDS));
            assertEquals(2, stdout().split("\n").length, "still only two lines");
            assertTrue(stderr().contains("4 athletes, 30 sessions and 3 of athletes /athletes does not list"), stderr());
        } finally {
            stop.countDown();
            thread.shutdownNow();
        }
    }
}
