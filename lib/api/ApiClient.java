package valor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import valor.base.DaemonThreads;
import valor.base.Failure;
import valor.base.Json;
import valor.base.Log;
import valor.base.Secrets;

/**
 * GETs from the Valor API with the JDK's HttpClient: bearer auth, the paging header, and retries
 * with backoff for what is worth retrying (429, 5xx, resets, timeouts, a 200 with a broken body).
 * Statuses that retrying cannot fix surface as {@link ApiStatusException}; exhausted retries and
 * unreachable hosts as a {@link Failure}. Redirects are followed by hand, and only within the API's
 * own origin (scheme, host, port): the JDK client would re-send our Authorization header to
 * wherever a 302 points, so a redirect to any other origin is a {@link Failure}, never retried.
 */
public final class ApiClient {
    static final int MAX_REDIRECTS = 5;

    private final ApiUrl url;
    private final Credentials credentials;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final Log log;
    private final HttpClient http;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    /**
     * Until when (System.nanoTime) every request waits after a 429: requests running in parallel
     * (partitions, session data) back off together instead of each finding the throttle itself.
     */
    private final AtomicLong throttledUntil = new AtomicLong(System.nanoTime());
    private final AtomicLong answeredNanos = new AtomicLong();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final ApiPace pace = new ApiPace();
    private volatile boolean reachedOnce;

    public ApiClient(ApiUrl url, Credentials credentials, RetryPolicy retry, Duration timeout, Log log) {
        this.url = url;
        this.credentials = credentials;
        this.retry = retry;
        this.timeout = timeout;
        this.log = log;
        this.http = url.httpClient(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Builds a client on a thread of its own, with the JSON reader its pages need loaded too: TLS
     * set-up and a few hundred classes, which a command can leave to the other core while it opens
     * its store. {@link #built} waits for it.
     */
    public static CompletableFuture<ApiClient> building(ApiUrl url, Credentials credentials, RetryPolicy retry, Duration timeout, Log log) {
        return CompletableFuture.supplyAsync(() -> {
            ApiClient client = new ApiClient(url, credentials, retry, timeout, log);
            try {
                ApiPage.parse("{\"body\":\"[{\\\"id\\\":\\\"warm\\\"}]\"}", "warm-up");
            } catch (ApiPage.Malformed impossible) {
                throw new IllegalStateException(impossible);
            }
            return client;
        }, runnable -> DaemonThreads.named("valor-client-setup").newThread(runnable).start());
    }

    /** The client {@link #building} built, or its failure as it was thrown. */
    public static ApiClient built(CompletableFuture<ApiClient> building) {
        try {
            return building.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        }
    }

    public ApiUrl url() {
        return url;
    }

    public int calls() {
        return calls.get();
    }

    public int retries() {
        return retries.get();
    }

    /** The mean time from sending a request to having its whole answer, over this client's answered requests; 0 before any. */
    public long meanRoundTripMillis() {
        int count = answered.get();
        return count == 0 ? 0 : answeredNanos.get() / count / 1_000_000;
    }

    /** The bytes of every answer so far. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** What this client's requests sent while no other was in flight took: a request's fixed latency and its time per byte. */
    public ApiPace pace() {
        return pace;
    }

    /** One page of a list endpoint; {@code continuationToken} is the header value, already JSON-encoded. */
    public ApiPage page(String endpoint, Map<String, String> query, String continuationToken) {
        return get(endpoint, query, continuationToken, body -> {
            ApiPage.Envelope envelope = ApiPage.read(body, endpoint);
            return new Read<>(envelope.page(), envelope.status());
        });
    }

    /** A single JSON document (the envelope of a non-paged endpoint). */
    public JsonNode json(String endpoint, Map<String, String> query) {
        return get(endpoint, query, ApiPage.FIRST_TOKEN, body -> {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(body);
            } catch (IOException e) { // reading from a byte array, so only ever a parse error
                throw new ApiPage.Malformed("not valid JSON", true);
            }
            return new Read<>(json, envelopeStatus(json));
        });
    }

    /** What a 200's body held, and the status its envelope claims (0: none); a claimed error has no value. */
    private record Read<T>(T value, int envelopeStatus) {}

    /** Turns a 200's body into a result; {@link ApiPage.Malformed} means "retry". */
    @FunctionalInterface
    private interface Reader<T> {
        Read<T> read(byte[] body) throws ApiPage.Malformed;
    }

    private <T> T get(String endpoint, Map<String, String> query, String continuationToken, Reader<T> reader) {
        URI uri = url.endpoint(endpoint, query);
        int redirects = 0;
        boolean renewed = false;
        boolean retrying = false;
        String lastProblem = null;
        String retryAfter = null;
        boolean throttled = false;
        for (int attempt = 1; ; attempt++) {
            if (retrying) pause(endpoint, attempt, lastProblem, retryAfter, throttled);
            retrying = true;
            retryAfter = null;
            throttled = false;
            awaitThrottle(endpoint);
            HttpResponse<byte[]> response;
            try {
                calls.incrementAndGet();
                boolean alone = pace.sent();
                long sent = System.nanoTime();
                HttpResponse<byte[]> answer = null;
                try {
                    answer = http.send(request(uri, continuationToken), HttpResponse.BodyHandlers.ofByteArray()); // parsed from bytes: no String copy of a large page
                } finally {
                    pace.ended(alone, answer == null ? -1 : answer.body().length, System.nanoTime() - sent);
                }
                response = answer;
                answeredNanos.addAndGet(System.nanoTime() - sent);
                answered.incrementAndGet();
                bytesReceived.addAndGet(response.body().length);
            } catch (ConnectException e) {
                if (!reachedOnce) throw Failure.failed("cannot reach " + url + " (" + describe(e) + "); check --base-url");
                lastProblem = describe(e);
                giveUpIfLast(endpoint, attempt, lastProblem);
                continue;
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + timeout.toSeconds() + " s";
                giveUpIfLast(endpoint, attempt, lastProblem);
                continue;
            } catch (IOException e) {
                lastProblem = "connection failed (" + describe(e) + ")";
                giveUpIfLast(endpoint, attempt, lastProblem);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Failure.failed("interrupted while waiting for GET /" + endpoint);
            }
            reachedOnce = true;
            int status = response.statusCode();
            if (isRedirect(status) && response.headers().firstValue("Location").isPresent()) {
                uri = redirectTarget(uri, response.headers().firstValue("Location").get(), endpoint, ++redirects);
                retrying = false; // a redirect is not a failed attempt: no pause, and the attempt is not used up
                attempt--;
                continue;
            }
            if (status == 200) {
                Read<T> read;
                try {
                    read = reader.read(response.body());
                } catch (ApiPage.Malformed e) {
                    lastProblem = e.notJson() ? "HTTP 200 with a body that is not valid JSON" : "unexpected response: " + Secrets.redact(e.getMessage());
                    giveUpIfLast(endpoint, attempt, lastProblem);
                    continue;
                }
                if (read.envelopeStatus() == 0 || (read.envelopeStatus() >= 200 && read.envelopeStatus() < 300)) return read.value();
                status = read.envelopeStatus();
            }
            String message = message(null, new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            if (status == 429 || status == 500 || status == 502 || status == 503 || status == 504) {
                lastProblem = "HTTP " + status + (message.isEmpty() ? "" : " " + message);
                giveUpIfLast(endpoint, attempt, lastProblem);
                if (status == 429) {
                    throttled = true;
                    retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                }
                continue;
            }
            if (status == 401 && !renewed && credentials.renew()) {
                renewed = true; // one fresh token per request; a second 401 is final
                retrying = false;
                attempt--;
                continue;
            }
            throw new ApiStatusException(status, endpoint, message);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Where a redirect may be followed with the token: the same origin only, at most {@link #MAX_REDIRECTS} times a request. */
    private URI redirectTarget(URI from, String location, String endpoint, int redirects) {
        URI target;
        try {
            target = from.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw Failure.failed("the API at " + ApiUrl.origin(from) + " redirected GET /" + endpoint + " to a Location that is not a URL");
        }
        if (!ApiUrl.sameOrigin(from, target)) {
            throw Failure.failed("the API at " + ApiUrl.origin(from) + " redirected to " + ApiUrl.shown(target)
                    + " (another origin); refusing to send the token there");
        }
        if (redirects > MAX_REDIRECTS) {
            throw Failure.failed("GET /" + endpoint + " was redirected more than " + MAX_REDIRECTS + " times (last to "
                    + ApiUrl.shown(target) + "); check --base-url");
        }
        log.detail("GET /" + endpoint + " redirected to " + ApiUrl.shown(target));
        return target;
    }

    private HttpRequest request(URI uri, String continuationToken) {
        return HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("Authorization", "Bearer " + credentials.bearer())
                .header("X-Continuation-Token", continuationToken)
                .header("Accept", "application/json")
                .build();
    }

    private void giveUpIfLast(String endpoint, int attempt, String problem) {
        if (attempt >= retry.maxAttempts()) {
            throw Failure.failed("GET /" + endpoint + " failed " + attempt + " time(s), last: " + problem);
        }
    }

    private void pause(String endpoint, int attempt, String problem, String retryAfter, boolean throttled) {
        Duration delay = retry.delayBefore(attempt - 1, retryAfter);
        retries.incrementAndGet();
        log.detail("retrying GET /" + endpoint + " after " + problem + " (attempt " + attempt + " of "
                + retry.maxAttempts() + ", in " + delay.toMillis() + " ms)");
        long until = System.nanoTime() + delay.toNanos();
        if (throttled) throttledUntil.accumulateAndGet(until, (a, b) -> a - b > 0 ? a : b);
        sleepUntil(until, endpoint);
    }

    /** Waits out a throttle another request met. */
    private void awaitThrottle(String endpoint) {
        long until = throttledUntil.get();
        if (until - System.nanoTime() > 0) sleepUntil(until, endpoint);
    }

    private static void sleepUntil(long nanoTime, String endpoint) {
        try {
            long left = nanoTime - System.nanoTime();
            if (left > 0) Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.failed("interrupted while waiting to retry GET /" + endpoint);
        }
    }

    /** API Gateway integrations sometimes put the real status inside a 200's JSON envelope; 0 when it does not. */
    private static int envelopeStatus(JsonNode json) {
        if (!json.isObject()) return 0;
        Map.Entry<String, JsonNode> field = new TolerantRecord(json).find(java.util.List.of("statuscode"));
        if (field == null || !field.getValue().canConvertToInt()) return 0;
        int inner = field.getValue().asInt();
        return inner >= 100 && inner < 600 ? inner : 0;
    }

    /**
     * What an error answer says, for a message: its message field, else the start of its body. Masked
     * before it is cut short: a server may echo the request, and a token cut in half is not recognised.
     */
    private static String message(JsonNode json, String body) {
        try {
            JsonNode parsed = json != null ? json : Json.parse(body);
            if (parsed.isObject()) {
                Map.Entry<String, JsonNode> field = new TolerantRecord(parsed).find(java.util.List.of("message", "error", "body"));
                if (field != null && field.getValue().isTextual()) return Secrets.redact(field.getValue().asText());
            }
        } catch (JsonProcessingException | RuntimeException notJson) {
            // fall through to a short excerpt of the raw body
        }
        String text = body == null ? "" : Secrets.redact(body.length() > 65_536 ? body.substring(0, 65_536) : body).strip();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && (cause.getMessage() == null || cause.getMessage().isBlank())) cause = cause.getCause();
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : Secrets.redact(message);
    }
}
