package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.api.ApiClient;
import valor.api.ApiUrl;
import valor.api.Credentials;
import valor.api.RetryPolicy;
import valor.auth.CognitoClient;
import valor.base.Failure;
import valor.base.Log;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * The bearer token never follows a redirect to another origin (scheme, host, port): such a
 * redirect ends the sync with one line naming where it pointed. Redirects within the API's own
 * origin are followed, with retries and token renewal working as before; Cognito, whose requests
 * carry a password or refresh token in the body, is never followed anywhere.
 */
class ApiRedirectTest {
    private static final String TOKEN = "redirect-test-token-4711";

    @TempDir
    Path dir;

    /** One HTTP exchange as a test server saw it. */
    record Seen(String method, String path, String authorization) {}

    /** A JDK HttpServer on 127.0.0.1 that records every request and answers with {@code handler}. */
    static final class Server implements AutoCloseable {
        interface Handler {
            void handle(HttpExchange exchange) throws IOException;
        }

        final HttpServer http;
        final List<Seen> seen = new CopyOnWriteArrayList<>();

        Server(Handler handler) throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            http.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                            exchange.getRequestHeaders().getFirst("Authorization")));
                    handler.handle(exchange);
                }
            });
            http.start();
        }

        String origin() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    static void reply(HttpExchange exchange, int status, String body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private TestIo.Result sync(String baseUrl, String token) {
        return TestIo.inHome(dir).env("VALOR_TOKEN", token)
                .run(new SyncCommand(), "--db", dir.resolve("valor.mv.db").toString(), "--base-url", baseUrl, "--page-size", "10");
    }

    @Test
    void aRedirectToAnotherPortNeverCarriesTheTokenAndEndsTheSyncWithOneLine() throws Exception {
        try (Server other = new Server(exchange -> reply(exchange, 200, "{\"body\":\"[]\",\"continuationToken\":\"null\"}"));
             Server api = new Server(exchange -> reply(exchange, 302, "",
                     "Location", other.origin() + "/elsewhere" + exchange.getRequestURI().getRawPath() + "?key=stolen"))) {
            TestIo.Result result = sync(api.origin() + "/production", TOKEN);

            assertTrue(other.seen.stream().allMatch(request -> request.authorization() == null), "the other origin got the token: " + other.seen);
            assertEquals(List.of(), other.seen, "nothing is sent to the other origin at all");
            assertEquals(1, api.seen.size(), "not retried: " + api.seen);
            assertEquals(1, result.exitCode(), result.toString());
            assertEquals("valor-sync: the API at " + api.origin() + " redirected to " + other.origin() + "/elsewhere/production/athletes"
                    + " (another origin); refusing to send the token there\n", result.err());
            assertFalse(result.err().contains("stolen"), "the query string of the target is not shown");
        }
    }

    @Test
    void aRedirectFromHttpsToHttpOrToAnotherHostIsAnotherOrigin() {
        URI api = URI.create("https://api.example.com/production/athletes");
        assertTrue(ApiUrl.sameOrigin(api, URI.create("https://API.example.com:443/v2/athletes")));
        assertFalse(ApiUrl.sameOrigin(api, URI.create("http://api.example.com/production/athletes")), "a downgrade to plain http");
        assertFalse(ApiUrl.sameOrigin(api, URI.create("https://api.example.com:8443/production/athletes")));
        assertFalse(ApiUrl.sameOrigin(api, URI.create("https://evil.example.com/production/athletes")));
        assertEquals("https://evil.example.com/x", ApiUrl.shown(URI.create("https://user:pw@evil.example.com/x?token=abc#f")));
    }

    /** A front server on the API's origin that moves every path under /v2 and passes /v2 requests on to the fake API. */
    private static Server movedToV2(FakeValorApi fake) throws IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new Server(exchange -> {
            URI uri = exchange.getRequestURI();
            if (!uri.getRawPath().startsWith("/v2/")) {
                reply(exchange, 301, "", "Location", "/v2" + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + uri.toString().substring(3)));
            for (String header : List.of("Authorization", "X-Continuation-Token", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) forward.header(header, value);
            }
            try {
                HttpResponse<String> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofString());
                reply(exchange, answer.statusCode(), answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 500, "{\"message\":\"interrupted\"}");
            }
        });
    }

    @Test
    void aRedirectWithinTheSameOriginIsFollowedAndTheSyncWorks() throws Exception {
        try (FakeValorApi fake = FakeValorApi.builder().organisation(FakeOrganisation.generate(7, 3, 35)).token(TOKEN).start();
             Server front = movedToV2(fake)) {
            TestIo.Result result = sync(front.origin() + "/production", TOKEN);

            assertEquals(0, result.exitCode(), result.toString());
            assertEquals(35, TestDb.count(dir.resolve("valor.mv.db"), "SELECT COUNT(*) FROM sessions"));
            assertTrue(front.seen.stream().anyMatch(request -> request.path().startsWith("/v2/production/sessions?")), front.seen.toString());
            assertTrue(front.seen.stream().allMatch(request -> ("Bearer " + TOKEN).equals(request.authorization())),
                    "the token goes with a redirect within the origin");
            assertTrue(fake.requests("sessions").stream().filter(r -> r.continuationToken() != null && !r.continuationToken().equals("\"\""))
                    .count() >= 3, "paging survives the redirects: " + fake.requests("sessions"));
        }
    }

    private static ApiClient client(Server server, Credentials credentials) {
        RetryPolicy fast = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1));
        return new ApiClient(ApiUrl.parse(server.origin() + "/production", "test"), credentials, fast, Duration.ofSeconds(5),
                Log.silent(TestIo.capture().io()));
    }

    @Test
    void aRedirectThatIsFollowedStillGetsRetriesAndATokenRenewal() throws Exception {
        AtomicInteger moved = new AtomicInteger();
        try (Server server = new Server(exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (path.equals("/production/thing")) {
                reply(exchange, 307, "", "Location", "/moved/thing");
            } else if (moved.incrementAndGet() == 1) {
                reply(exchange, 503, "{\"message\":\"Service Unavailable\"}");
            } else if (!"Bearer renewed-token-2".equals(auth)) {
                reply(exchange, 401, "{\"message\":\"Unauthorized\"}");
            } else {
                reply(exchange, 200, "{\"answer\":42}");
            }
        })) {
            String[] token = {"first-token-1"};
            Credentials renewable = new Credentials() {
                public String bearer() {
                    return token[0];
                }

                public boolean renew() {
                    token[0] = "renewed-token-2";
                    return true;
                }
            };
            ApiClient client = client(server, renewable);
            assertEquals(42, client.json("thing", Map.of()).get("answer").asInt());
            assertEquals(1, client.retries(), "the 503 after the redirect was retried once");
            assertEquals(List.of("/production/thing", "/moved/thing", "/moved/thing", "/moved/thing"),
                    server.seen.stream().map(Seen::path).toList(), "redirected once, then retried and renewed at the new place");
        }
    }

    @Test
    void aRedirectLoopWithinTheOriginStopsAfterFiveHops() throws Exception {
        try (Server server = new Server(exchange -> reply(exchange, 302, "", "Location", "/loop" + exchange.getRequestURI().getRawPath()))) {
            Failure failure = assertThrows(Failure.class, () -> client(server, Credentials.fixed(TOKEN)).json("thing", Map.of()));
            assertEquals("GET /thing was redirected more than 5 times (last to " + server.origin()
                    + "/loop/loop/loop/loop/loop/loop/production/thing); check --base-url", failure.getMessage());
            assertEquals(6, server.seen.size());
        }
    }

    @Test
    void cognitoIsNeverFollowedAnywhereAndTheRedirectIsNamed() throws Exception {
        try (Server other = new Server(exchange -> reply(exchange, 200, "{}"));
             Server cognito = new Server(exchange -> reply(exchange, 307, "", "Location", other.origin() + "/steal?x=1"))) {
            CognitoClient client = new CognitoClient(ApiUrl.parse(cognito.origin(), "test"), "client-id-1", Duration.ofSeconds(5),
                    new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1)), Log.silent(TestIo.capture().io()));
            Failure failure = assertThrows(Failure.class, () -> client.signIn("ana@example.com", "pass-word-99"));

            assertEquals(List.of(), other.seen, "the password never left for the other origin");
            assertEquals(1, cognito.seen.size(), "a redirect is not retried");
            assertEquals(Failure.FAILED, failure.exitCode());
            assertEquals("Cognito at " + cognito.origin() + " answered HTTP 307 redirecting to " + other.origin() + "/steal;"
                    + " credentials are never sent on through a redirect; check --cognito-url or VALOR_COGNITO_URL", failure.getMessage());
        }
    }
}
