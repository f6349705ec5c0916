package valor.fake;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import valor.base.DaemonThreads;
import valor.base.Json;

/**
 * An in-process imitation of the Valor API over real HTTP on 127.0.0.1, quirks included: the
 * JSON-encoded continuation token, the body as a JSON string, the string "null" on the last page,
 * unsorted results, API Gateway's error bodies. What the sync, its tests, the demo and the
 * benchmarks talk to. Routes are a map from endpoint name to {@link Endpoint}; the list endpoints
 * and the per-session reportData and ikData are there by default, {@link Builder#endpoint} adds or
 * replaces one.
 */
public final class FakeValorApi implements AutoCloseable {
    public static final String DEFAULT_TOKEN = "valor-demo-token";
    public static final String BASE_PATH = "/production";
    private static final int LOG_CAPACITY = 100_000;

    static {
        // The JDK server writes headers and body in separate packets; with Nagle's algorithm on,
        // every small response then waits ~40 ms for the client's delayed ACK (measured: 45 ms
        // per request instead of 2). The property is read once, when the first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What an endpoint is asked: one request, already counted, authenticated and routed. */
    public record Call(String endpoint, long number, Map<String, String> query, Headers headers,
                       String continuationToken, Set<FakeFaults.Kind> modes, FakeShape shape) {
        /** A query parameter, URL-decoded; null when absent. */
        /** A query parameter, or null when absent or blank (the docs' own clients send {@code athleteID=''} for "all"). */
        public String query(String name) {
            String value = query.get(name);
            return value == null || value.isBlank() ? null : value;
        }
    }

    /** What an endpoint answers. */
    public record Reply(int status, byte[] body, Map<String, String> headers) {
        public static Reply message(int status, String message) {
            return new Reply(status, ("{\"message\":" + Json.quote(message) + "}").getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    /**
     * How /sessions applies {@code athleteID}; the vendor does not say (docs: valor-api.md). Its
     * tokens look like DynamoDB's, where either is plausible.
     */
    public enum AthleteFilter {
        /** Served by an index: an athlete's pages are full, and their pass as short as their sessions. */
        INDEX,
        /**
         * Applied after reading, as DynamoDB's FilterExpression is: each page reads {@code limit} of
         * the organisation's sessions and keeps the athlete's, so pages come short or empty with a
         * token until the whole table is read, and every athlete's pass takes as many requests as
         * the organisation's.
         */
        SCAN
    }

    @FunctionalInterface
    public interface Endpoint {
        Reply handle(Call call) throws IOException;
    }

    /**
     * One request as the fake saw it: the endpoint's request number (from 1), its query, the raw
     * X-Continuation-Token header (null if absent), the status returned (0: connection reset),
     * and the specs of the faults that shaped it (null: none).
     */
    public record LoggedRequest(String endpoint, long number, Map<String, String> query, String continuationToken,
                                int status, String fault) {}

    private final FakeOrganisation organisation;
    private final FakeFaults faults;
    private final String token;
    private final int latencyMs;
    private final Set<String> missingEndpoints;
    private final int missingStatus;
    private final Map<String, Endpoint> routes;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;
    private volatile FakeShape shape;
    private volatile Predicate<String> tokenCheck;
    private final AtomicLong allRequests = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, AtomicLong> requestsByEndpoint = new ConcurrentHashMap<>();
    private final ArrayDeque<LoggedRequest> log = new ArrayDeque<>();

    private FakeValorApi(Builder builder) throws IOException {
        this.organisation = builder.organisation != null ? builder.organisation : FakeOrganisation.generate(1, 25, 2000);
        this.faults = builder.faults;
        this.token = builder.token;
        this.latencyMs = builder.latencyMs;
        this.missingEndpoints = Set.copyOf(builder.missingEndpoints);
        this.missingStatus = builder.missingStatus;
        this.shape = builder.shape;
        this.tokenCheck = builder.tokenCheck != null ? builder.tokenCheck : token::equals;
        this.routes = new LinkedHashMap<>(standardRoutes(organisation, builder.athleteFilter));
        this.routes.putAll(builder.extraRoutes);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 64);
        this.executor = Executors.newFixedThreadPool(builder.threads, DaemonThreads.numbered("fake-valor-api"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH);
    }

    private static Map<String, Endpoint> standardRoutes(FakeOrganisation organisation, AthleteFilter athleteFilter) {
        Map<String, Endpoint> routes = new LinkedHashMap<>();
        routes.put("athletes", new FakePagedEndpoint<>("athletes", call -> organisation.scanAthletes(), FakeShape::writeAthlete, null));
        routes.put("sessions", athleteFilter == AthleteFilter.INDEX
                ? new FakePagedEndpoint<>("sessions", call -> organisation.scanSessions(call.query("athleteID")), FakeShape::writeSession,
                        "No sessions found")
                : new FakePagedEndpoint<FakeOrganisation.FakeSession>("sessions", call -> organisation.scanSessions(null), call -> {
                    String athlete = call.query("athleteID");
                    return athlete == null ? null : session -> athlete.equals(session.athleteId());
                }, FakeShape::writeSession, "No sessions found"));
        routes.put("assessments", new FakePagedEndpoint<>("assessments", call -> organisation.scanAssessments(), FakeShape::writeAssessment, null));
        routes.put("exercises", new FakePagedEndpoint<>("exercises", call -> organisation.scanExercises(), FakeShape::writeExercise, null));
        routes.put("reportData", FakeSessionDataEndpoint.reports(organisation));
        routes.put("ikData", FakeSessionDataEndpoint.ik(organisation));
        return routes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** e.g. http://127.0.0.1:40123/production */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    public FakeOrganisation organisation() {
        return organisation;
    }

    public FakeFaults faults() {
        return faults;
    }

    public FakeShape shape() {
        return shape;
    }

    /** Answers later requests in another shape, as if the vendor changed the API between syncs. */
    public void useShape(FakeShape newShape) {
        this.shape = newShape;
    }

    /** Replaces the bearer-token check, e.g. to accept JWTs a fake Cognito issued. */
    public void acceptToken(Predicate<String> check) {
        this.tokenCheck = check;
    }

    public Set<String> endpoints() {
        return Collections.unmodifiableSet(routes.keySet());
    }

    /** The most recent requests (up to 100,000), oldest first. */
    public List<LoggedRequest> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public List<LoggedRequest> requests(String endpoint) {
        return requests().stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    /** How many requests reached an endpoint so far, whatever their outcome. */
    public long requestCount(String endpoint) {
        AtomicLong count = requestsByEndpoint.get(endpoint);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) return;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            long global = allRequests.incrementAndGet();
            String path = exchange.getRequestURI().getRawPath();
            String endpoint = path.startsWith(BASE_PATH + "/") ? path.substring(BASE_PATH.length() + 1) : path;
            long number = requestsByEndpoint.computeIfAbsent(endpoint, name -> new AtomicLong()).incrementAndGet();
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            String continuation = exchange.getRequestHeaders().getFirst(FakePagedEndpoint.TOKEN_FIELD);

            List<FakeFaults.Fault> active = faults.matching(endpoint, number, global);
            String faultSpecs = active.isEmpty() ? null : active.stream().map(FakeFaults.Fault::spec).collect(Collectors.joining(","));
            long delay = latencyMs + active.stream().filter(f -> f.kind() == FakeFaults.Kind.SLOW).mapToLong(FakeFaults.Fault::argument).sum();
            if (delay > 0) Thread.sleep(delay);

            FakeFaults.Fault failure = active.stream()
                    .filter(f -> f.kind() == FakeFaults.Kind.RESET || (f.kind().status() >= 400)).findFirst().orElse(null);
            if (failure != null && failure.kind() == FakeFaults.Kind.RESET) {
                record(new LoggedRequest(endpoint, number, query, continuation, 0, faultSpecs));
                exchange.close(); // no response headers were sent, so this drops the connection
                return;
            }
            Reply reply;
            if (failure != null) {
                reply = faultReply(failure, endpoint);
            } else {
                Set<FakeFaults.Kind> modes = EnumSet.noneOf(FakeFaults.Kind.class);
                active.forEach(f -> modes.add(f.kind()));
                reply = answer(exchange, endpoint, number, query, continuation, modes);
                if (modes.contains(FakeFaults.Kind.TRUNCATED)) {
                    reply = new Reply(200, Arrays.copyOf(reply.body(), Math.max(1, reply.body().length / 2)), reply.headers());
                }
            }
            if (reply.status() >= 400 && active.stream().anyMatch(f -> f.kind() == FakeFaults.Kind.ECHO_HEADERS)) {
                reply = FakeHeaderEcho.quoting(exchange, endpoint, reply);
            }
            record(new LoggedRequest(endpoint, number, query, continuation, reply.status(), faultSpecs));
            send(exchange, reply);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException clientWentAway) {
            exchange.close(); // e.g. a client that timed out on a slow fault
        }
    }

    private Reply answer(HttpExchange exchange, String endpoint, long number, Map<String, String> query,
                         String continuation, Set<FakeFaults.Kind> modes) {
        Endpoint handler = routes.get(endpoint);
        // API Gateway answers an unknown route or method this way, before looking at the token.
        if (handler == null || !exchange.getRequestMethod().equals("GET")) return Reply.message(403, "Missing Authentication Token");
        if (missingEndpoints.contains(endpoint)) {
            return missingStatus == 403 ? Reply.message(403, "Missing Authentication Token") : Reply.message(404, "Not Found");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || !tokenCheck.test(authorization.substring(7).trim())) {
            return Reply.message(401, "Unauthorized");
        }
        try {
            return handler.handle(new Call(endpoint, number, query, exchange.getRequestHeaders(), continuation, modes, shape));
        } catch (IOException | RuntimeException bug) {
            // A bug in the fake must not look like a transient API error that a client retries away.
            bug.printStackTrace();
            return Reply.message(500, "fake Valor API bug: " + bug);
        }
    }

    private static Reply faultReply(FakeFaults.Fault fault, String endpoint) {
        return switch (fault.kind()) {
            case THROTTLED -> {
                Reply throttled = Reply.message(429, "Too Many Requests");
                yield fault.argument() > 0
                        ? new Reply(429, throttled.body(), Map.of("Retry-After", Long.toString(fault.argument()))) : throttled;
            }
            case TIMED_OUT, GATEWAY_TIMEOUT -> Reply.message(fault.kind().status(), "Endpoint request timed out");
            case BAD_GATEWAY -> Reply.message(502, "Internal server error");
            case UNAVAILABLE -> Reply.message(503, "Service Unavailable");
            case UNAUTHORIZED -> Reply.message(401, "Unauthorized");
            case FORBIDDEN -> Reply.message(403, "User is not authorized to access this resource");
            case NOT_FOUND -> Reply.message(404, endpoint.equals("sessions") ? "No sessions found" : "Not Found");
            default -> throw new IllegalStateException("not an error fault: " + fault.spec());
        };
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        reply.headers().forEach(headers::set);
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private void record(LoggedRequest request) {
        synchronized (log) {
            if (log.size() == LOG_CAPACITY) log.removeFirst();
            log.addLast(request);
        }
    }

    /** The query as name → value, URL-decoded; the first of repeated names wins. */
    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return query;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(query);
    }

    public static final class Builder {
        private FakeOrganisation organisation;
        private FakeShape shape = FakeShape.DEFAULT;
        private String token = DEFAULT_TOKEN;
        private Predicate<String> tokenCheck;
        private int latencyMs;
        private AthleteFilter athleteFilter = AthleteFilter.INDEX;
        private Set<String> missingEndpoints = Set.of();
        private int missingStatus = 404;
        private int port;
        private int threads = 8;
        private final FakeFaults faults = new FakeFaults();
        private final Map<String, Endpoint> extraRoutes = new LinkedHashMap<>();

        private Builder() {}

        /** Default: FakeOrganisation.generate(1, 25, 2000). */
        public Builder organisation(FakeOrganisation value) {
            this.organisation = value;
            return this;
        }

        public Builder shape(FakeShape value) {
            this.shape = value;
            return this;
        }

        /** The bearer token the fake accepts (default "valor-demo-token"). */
        public Builder token(String value) {
            this.token = value;
            return this;
        }

        /** Replaces the check "token equals {@link #token}", e.g. to accept JWTs a fake Cognito issued. */
        public Builder acceptToken(Predicate<String> check) {
            this.tokenCheck = check;
            return this;
        }

        /** Delay added to every request. */
        public Builder latencyMs(int value) {
            this.latencyMs = value;
            return this;
        }

        /** How /sessions applies athleteID (default {@link AthleteFilter#INDEX}). */
        public Builder athleteFilter(AthleteFilter value) {
            this.athleteFilter = value;
            return this;
        }

        /** Endpoints that answer as if the vendor did not offer them. */
        public Builder missingEndpoints(Set<String> names) {
            this.missingEndpoints = Set.copyOf(names);
            return this;
        }

        /** 404 {"message":"Not Found"} (default) or 403 {"message":"Missing Authentication Token"}, as API Gateway does for unknown routes. */
        public Builder missingEndpointStatus(int status) {
            if (status != 403 && status != 404) throw new IllegalArgumentException("missing endpoints answer 403 or 404, not " + status);
            this.missingStatus = status;
            return this;
        }

        /** 0 (default) picks a free port; the fake always binds 127.0.0.1 only. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder threads(int value) {
            this.threads = Math.max(1, value);
            return this;
        }

        /** Faults in spec form, see {@link FakeFaults}; more can be added later through {@link FakeValorApi#faults()}. */
        public Builder faults(String... specs) {
            for (String spec : specs) faults.add(spec);
            return this;
        }

        /** Adds or replaces the handler of GET /production/{name}. */
        public Builder endpoint(String name, Endpoint handler) {
            extraRoutes.put(name, handler);
            return this;
        }

        public FakeValorApi start() {
            try {
                return new FakeValorApi(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake Valor API on 127.0.0.1:" + port, e);
            }
        }
    }
}
