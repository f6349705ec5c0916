package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import valor.FakeValorApiTest.Client;
import valor.base.Json;
import valor.fake.FakeFaults;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/** Each fault happens at exactly the request number its spec names, and at no other. */
class FakeFaultsTest {
    private FakeValorApi api;
    private Client client;

    private Client start(String... faults) {
        api = FakeValorApi.builder().organisation(FakeOrganisation.generate(3, 8, 200, FakeValorApiTest.END)).faults(faults).start();
        client = new Client(api);
        return client;
    }

    @AfterEach
    void stop() {
        if (api != null) api.close();
    }

    private List<Integer> statuses(String endpoint, int requests) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) statuses.add(client.get(endpoint, Map.of("limit", "10"), "\"\"").statusCode());
        return statuses;
    }

    // ---- the spec grammar ----

    @Test
    void specsParseIntoFaults() {
        assertEquals(new FakeFaults.Fault("sessions", 3, 2, FakeFaults.Kind.UNAVAILABLE, 0), FakeFaults.parse("sessions@3x2=503"));
        assertEquals(new FakeFaults.Fault("athletes", 1, 1, FakeFaults.Kind.THROTTLED, 7), FakeFaults.parse("athletes@1=429:7"));
        assertEquals(new FakeFaults.Fault("ikData", 4, 1, FakeFaults.Kind.SLOW, 2500), FakeFaults.parse("ikData@4=slow:2500"));
        assertEquals(new FakeFaults.Fault("*", 9, Long.MAX_VALUE, FakeFaults.Kind.ENDLESS, 0), FakeFaults.parse("*@9=endless"));
        assertEquals(new FakeFaults.Fault("sessions", 2, 3, FakeFaults.Kind.REPEAT_TOKEN, 0), FakeFaults.parse("sessions@2x3=repeat-token"));
        for (String spec : List.of("sessions@3x2=503", "athletes@1=429:7", "sessions@5=truncated", "exercises@1=reset",
                "ikData@4=slow:2500", "*@9=endless", "sessions@2x3=repeat-token", "assessments@1x100=404")) {
            assertEquals(spec, FakeFaults.parse(spec).spec(), "round trip");
        }
        assertEquals(2, new FakeFaults().add("sessions@1=500, athletes@2=502").list().size());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        Map<String, String> bad = Map.of(
                "sessions=503", "is not <endpoint>@<n>",
                "sessions@0=503", "start at 1",
                "sessions@1=418", "unknown kind",
                "sessions@1x0=503", "at least 1",
                "sessions@1=slow", "needs milliseconds",
                "sessions@1=503:5", "takes no ':' argument");
        bad.forEach((spec, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FakeFaults.parse(spec));
            assertTrue(e.getMessage().contains(message), spec + " -> " + e.getMessage());
        });
    }

    // ---- faults over HTTP ----

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504, 401, 403, 404})
    void statusFaultHitsExactlyItsRequest(int status) throws Exception {
        start("sessions@3=" + status);
        assertEquals(List.of(200, 200, status, 200, 200), statuses("sessions", 5));
        HttpResponse<String> nothing = client.get("sessions", Map.of(), "\"\"");
        assertEquals(200, nothing.statusCode());
        FakeValorApi.LoggedRequest third = api.requests("sessions").get(2);
        assertEquals(status, third.status());
        assertEquals("sessions@3=" + status, third.fault());
    }

    @Test
    void statusFaultsCarryApiGatewayBodiesAndRetryAfter() throws Exception {
        start("sessions@1=500", "sessions@2=429:7", "sessions@3=429");
        HttpResponse<String> timedOut = client.get("sessions", Map.of(), "\"\"");
        assertEquals("{\"message\":\"Endpoint request timed out\"}", timedOut.body());
        HttpResponse<String> throttled = client.get("sessions", Map.of(), "\"\"");
        assertEquals(429, throttled.statusCode());
        assertEquals("7", throttled.headers().firstValue("Retry-After").orElse(null));
        HttpResponse<String> bare = client.get("sessions", Map.of(), "\"\"");
        assertEquals(429, bare.statusCode());
        assertTrue(bare.headers().firstValue("Retry-After").isEmpty());
    }

    @Test
    void echoHeadersQuotesTheRequestsAuthorizationInEveryErrorAndLeavesAnswersAlone() throws Exception {
        start("*@1=echo-headers", "sessions@1=403", "athletes@1=502", "reportData@1=500");
        String bearer = "Bearer " + api.token();
        HttpResponse<String> refused = client.get("sessions", Map.of(), "\"\"");
        assertEquals(403, refused.statusCode());
        assertTrue(client.json(refused).get("message").asText().contains("Authorization: " + bearer), refused.body());
        HttpResponse<String> gateway = client.get("athletes", Map.of(), "\"\"");
        assertEquals(502, gateway.statusCode());
        int at = gateway.body().indexOf(bearer);
        assertTrue(at > 0 && at < 120 && at + bearer.length() > 120, "the token straddles character 120: " + gateway.body());
        HttpResponse<String> report = client.get("reportData", Map.of("s3Key", "any"), "\"\"");
        assertEquals(500, report.statusCode());
        JsonNode envelope = client.json(report);
        assertEquals(500, envelope.get("statusCode").asInt());
        assertEquals(bearer, Json.parse(envelope.get("body").asText()).at("/requestContext/headers/Authorization").asText(), report.body());
        HttpResponse<String> answer = client.get("sessions", Map.of(), "\"\"");
        assertEquals(200, answer.statusCode());
        assertTrue(!answer.body().contains(api.token()), "an answer quotes nothing");
    }

    @Test
    void countRepeatsAFaultForConsecutiveRequestsOfItsEndpointOnly() throws Exception {
        start("sessions@2x3=503");
        assertEquals(200, client.get("sessions", Map.of(), "\"\"").statusCode());
        assertEquals(List.of(200, 200), statuses("athletes", 2), "other endpoints neither fail nor advance the count");
        assertEquals(List.of(503, 503, 503, 200, 200), statuses("sessions", 5));
    }

    @Test
    void starCountsAllRequestsTogether() throws Exception {
        start("*@2x2=502");
        assertEquals(200, client.get("athletes", Map.of(), "\"\"").statusCode());
        assertEquals(502, client.get("sessions", Map.of(), "\"\"").statusCode());
        assertEquals(502, client.get("exercises", Map.of(), "\"\"").statusCode());
        assertEquals(200, client.get("sessions", Map.of(), "\"\"").statusCode());
    }

    @Test
    void faultsAddedWhileServingCountFromTheServersNumbers() throws Exception {
        start();
        assertEquals(List.of(200, 200), statuses("sessions", 2));
        api.faults().add("sessions@3x2=503");
        assertEquals(List.of(503, 503, 200), statuses("sessions", 3));
        api.faults().clear();
        api.faults().add("sessions@6=504");
        assertEquals(List.of(504), statuses("sessions", 1));
    }

    @Test
    void truncatedIsA200WithHalfTheJson() throws Exception {
        start("sessions@2=truncated");
        String whole = client.get("sessions", Map.of("limit", "10"), "\"\"").body();
        HttpResponse<String> cut = client.get("sessions", Map.of("limit", "10"), "\"\"");
        assertEquals(200, cut.statusCode());
        assertTrue(whole.startsWith(cut.body()), "the first half of the real answer");
        assertTrue(cut.body().length() < whole.length());
        assertThrows(IOException.class, () -> Json.parse(cut.body()));
        assertEquals(whole, client.get("sessions", Map.of("limit", "10"), "\"\"").body());
    }

    @Test
    void resetClosesTheConnectionWithoutAByte() throws Exception {
        start("sessions@2=reset");
        assertTrue(rawGet("sessions").startsWith("HTTP/1.1 200"));
        assertEquals("", rawGet("sessions"));
        assertTrue(rawGet("sessions").startsWith("HTTP/1.1 200"));
        assertEquals(0, api.requests("sessions").get(1).status());
    }

    @Test
    void slowAnswersLateEnoughToTimeAClientOut() throws Exception {
        start("sessions@2=slow:1500");
        Duration timeout = Duration.ofMillis(400);
        assertEquals(200, send(timeout).statusCode());
        assertThrows(HttpTimeoutException.class, () -> send(timeout));
        long started = System.nanoTime();
        assertEquals(200, send(timeout).statusCode());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 400, "only request 2 is slow");
    }

    @Test
    void repeatTokenMakesEveryPageFromItsRequestOnCarryTheTokenItWasAskedWith() throws Exception {
        start("sessions@2=repeat-token");
        JsonNode first = client.json(client.get("sessions", Map.of("limit", "10"), "\"\""));
        String token = first.get("X-Continuation-Token").asText();
        for (int i = 0; i < 3; i++) {
            JsonNode again = client.json(client.get("sessions", Map.of("limit", "10"), Json.quote(token)));
            assertEquals(token, again.get("X-Continuation-Token").asText(), "a pager that trusts this loops forever");
            assertEquals(10, client.items(again).size());
        }
    }

    @Test
    void repeatTokenWithACountStops() throws Exception {
        start("sessions@2x1=repeat-token");
        String token = client.json(client.get("sessions", Map.of("limit", "10"), "\"\"")).get("X-Continuation-Token").asText();
        assertEquals(token, client.json(client.get("sessions", Map.of("limit", "10"), Json.quote(token))).get("X-Continuation-Token").asText());
        assertNotEquals(token, client.json(client.get("sessions", Map.of("limit", "10"), Json.quote(token))).get("X-Continuation-Token").asText());
    }

    @Test
    void endlessServesEmptyPagesWithEverNewTokens() throws Exception {
        start("sessions@2=endless");
        String token = client.json(client.get("sessions", Map.of("limit", "500"), "\"\"")).get("X-Continuation-Token").asText();
        assertEquals("null", token, "200 sessions fit on the first page");
        Set<String> seen = new HashSet<>();
        token = "";
        for (int i = 0; i < 25; i++) {
            JsonNode page = client.json(client.get("sessions", Map.of("limit", "500"), Json.quote(token)));
            assertEquals(0, client.items(page).size());
            token = page.get("X-Continuation-Token").asText();
            assertTrue(seen.add(token), "never the same token twice");
            assertNotEquals("null", token);
        }
    }

    private HttpResponse<String> send(Duration timeout) throws Exception {
        return client.http.send(client.request("sessions", Map.of(), "\"\"", "Bearer " + api.token(), timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A GET over a plain socket. java.net.http would hide a reset: it silently retries a GET once
     * when a reused connection closes before the response.
     */
    private String rawGet(String endpoint) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /production/" + endpoint + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + api.token()
                    + "\r\nX-Continuation-Token: \"\"\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                in.transferTo(received);
            } catch (java.net.SocketException reset) {
                // a reset may surface as an exception rather than end-of-stream
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
