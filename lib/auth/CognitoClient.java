//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import valor.api.ApiUrl;
import valor.api.RetryPolicy;
import valor.base.Failure;
import valor.base.Io;
import valor.base.Json;
import valor.base.Log;
import valor.base.Secrets;

/**
 * Cognito's InitiateAuth over plain HTTPS with the JDK client, as the AWS CLI does it without
 * request signing: {@code USER_PASSWORD_AUTH} to sign in, {@code REFRESH_TOKEN_AUTH} to renew,
 * and {@code RevokeToken} to sign out. Refusals become a {@link Failure} that says what to do;
 * throttling, 5xx and dropped connections are tried again a few times. Redirects are never
 * followed: the body carries a password or refresh token, and Cognito itself never redirects.
 */
public final class CognitoClient {
    public static final String DEFAULT_URL = "https://cognito-idp.us-east-1.amazonaws.com";
    static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(3, Duration.ofMillis(400), Duration.ofSeconds(4), Duration.ofSeconds(20));
    private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

    private final ApiUrl url;
    private final String clientId;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final Log log;
    private final HttpClient http;

    public CognitoClient(ApiUrl url, String clientId, Duration timeout, RetryPolicy retry, Log log) {
        this.url = url;
        this.clientId = clientId;
        this.timeout = timeout;
        this.retry = retry;
        this.log = log;
        this.http = url.httpClient(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public CognitoClient(ApiUrl url, String clientId, Log log) {
        this(url, clientId, Duration.ofSeconds(30), DEFAULT_RETRY, log);
    }

    /** --cognito-url, else VALOR_COGNITO_URL, else the us-east-1 endpoint the vendor's pool lives in. */
    public static ApiUrl url(String flagValue, Io io) {
        if (flagValue != null) return parseUrl(flagValue, "--cognito-url");
        String env = io.env("VALOR_COGNITO_URL");
        return env != null ? parseUrl(env, "VALOR_COGNITO_URL") : parseUrl(DEFAULT_URL, "the default Cognito URL");
    }

    /** The API's rule (https, or http on loopback only), since a password travels to this URL. */
    public static ApiUrl parseUrl(String text, String source) {
        try {
            if (new URI(text.trim()).getRawUserInfo() != null) throw Failure.usage(source + " must not carry credentials");
        } catch (URISyntaxException e) {
            throw Failure.usage(source + " is not a URL: " + text);
        }
        return ApiUrl.parse(text, source);
    }

    public ApiUrl url() {
        return url;
    }

    public String clientId() {
        return clientId;
    }

    public CognitoTokens signIn(String username, String password) {
        Secrets.register(password);
        Secrets.register(Json.quote(password).substring(1, Json.quote(password).length() - 1)); // as a server would echo it inside JSON
        ObjectNode body = Json.MAPPER.createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH").put("ClientId", clientId);
        body.putObject("AuthParameters").put("USERNAME", username).put("PASSWORD", password);
        log.detail("signing in to Cognito at " + url + " as " + username + " (client id " + clientId + ")");
        Answer answer = call("InitiateAuth", body, "sign in");
        if (!answer.ok()) throw CognitoErrors.signInRefused(answer.type(), answer.message(), username, clientId);
        return tokens(answer.json(), username, true);
    }

    /** New id and access tokens; the refresh token itself stays the same. */
    public CognitoTokens refresh(String refreshToken) {
        Secrets.register(refreshToken);
        ObjectNode body = Json.MAPPER.createObjectNode().put("AuthFlow", "REFRESH_TOKEN_AUTH").put("ClientId", clientId);
        body.putObject("AuthParameters").put("REFRESH_TOKEN", refreshToken);
        log.detail("renewing the Valor sign-in at " + url);
        Answer answer = call("InitiateAuth", body, "renew the sign-in");
        if (!answer.ok()) throw CognitoErrors.refreshRefused(answer.type(), answer.message(), clientId);
        return tokens(answer.json(), null, false);
    }

    /** Makes a refresh token (and what it issued) useless, so a copied cache cannot be used after sign-out. */
    public void revoke(String refreshToken) {
        Secrets.register(refreshToken);
        ObjectNode body = Json.MAPPER.createObjectNode().put("Token", refreshToken).put("ClientId", clientId);
        Answer answer = call("RevokeToken", body, "revoke the refresh token");
        if (!answer.ok()) {
            throw Failure.failed("Cognito did not revoke the refresh token (" + answer.type() + quote(answer.message()) + ")");
        }
    }

    private CognitoTokens tokens(JsonNode json, String username, boolean wantRefreshToken) {
        JsonNode challenge = json.get("ChallengeName");
        if (challenge != null && challenge.isTextual()) {
            JsonNode session = json.get("Session");
            if (session != null) Secrets.register(session.asText());
            throw CognitoErrors.challenge(challenge.asText(), username);
        }
        JsonNode result = json.get("AuthenticationResult");
        String id = text(result, "IdToken");
        String access = text(result, "AccessToken");
        String refresh = text(result, "RefreshToken");
        Secrets.register(refresh);
        if (id == null || access == null || (wantRefreshToken && refresh == null)) {
            throw Failure.failed("Cognito at " + url + " answered without the expected tokens; is --cognito-url a Cognito endpoint?");
        }
        return new CognitoTokens(id, access, refresh);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** A 200's JSON, or Cognito's error type (without namespace) and message. */
    private record Answer(boolean ok, JsonNode json, String type, String message) {}

    private Answer call(String operation, ObjectNode body, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.root() + "/"))
                .timeout(timeout)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", TARGET_PREFIX + operation)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        String lastProblem = null;
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) pause(attempt, lastProblem, what);
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw Failure.failed("cannot reach Cognito at " + url + " (" + describe(e) + "); check --cognito-url or VALOR_COGNITO_URL");
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + timeout.toSeconds() + " s";
                if (attempt >= retry.maxAttempts()) throw gaveUp(what, attempt, lastProblem);
                continue;
            } catch (IOException e) {
                lastProblem = "connection failed (" + describe(e) + ")";
                if (attempt >= retry.maxAttempts()) throw gaveUp(what, attempt, lastProblem);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Failure.failed("interrupted while waiting for Cognito");
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) throw redirected(request.uri(), status, response.headers().firstValue("Location").orElse(null));
            JsonNode json = parse(response.body());
            if (status == 200 && json != null && json.isObject()) return new Answer(true, json, null, null);
            String type = CognitoErrors.shortType(json != null && json.hasNonNull("__type") ? json.get("__type").asText()
                    : response.headers().firstValue("X-Amzn-ErrorType").orElse(""));
            String message = json == null ? null : text(json, "message") != null ? text(json, "message") : text(json, "Message");
            if (status >= 400 && status < 500 && type.isEmpty()) {
                throw Failure.failed("Cognito at " + url + " answered HTTP " + status + " without a Cognito error type;"
                        + " check --cognito-url or VALOR_COGNITO_URL");
            }
            if (status >= 400 && status < 500 && !CognitoErrors.isTransient(type)) return new Answer(false, null, type, message);
            lastProblem = status == 200 ? "HTTP 200 with a body that is not a JSON object"
                    : "HTTP " + status + (type.isEmpty() ? "" : " " + type) + quote(message);
            if (attempt >= retry.maxAttempts()) {
                if (CognitoErrors.isTransient(type) && status < 500) return new Answer(false, null, type, message);
                throw gaveUp(what, attempt, lastProblem);
            }
        }
    }

    /** Not retried and not followed: a redirect here means the URL is wrong, or someone wants the credentials. */
    private Failure redirected(URI from, int status, String location) {
        String where = "";
        if (location != null && !location.isBlank()) {
            try {
                where = " redirecting to " + ApiUrl.shown(from.resolve(new URI(location.strip())));
            } catch (URISyntaxException | IllegalArgumentException notAUrl) {
                where = " redirecting to a Location that is not a URL";
            }
        }
        return Failure.failed("Cognito at " + url + " answered HTTP " + status + where
                + "; credentials are never sent on through a redirect; check --cognito-url or VALOR_COGNITO_URL");
    }

    private void pause(int attempt, String problem, String what) {
        Duration delay = retry.delayBefore(attempt - 1, null);
        log.detail("Cognito: retrying to " + what + " after " + problem + " (attempt " + attempt + " of " + retry.maxAttempts() + ")");
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.failed("interrupted while waiting to retry Cognito");
        }
    }

    private Failure gaveUp(String what, int attempts, String problem) {
        return Failure.failed("could not " + what + " at Cognito " + url + " (" + attempts + " attempt(s), last: " + problem + "); try again later");
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.parse(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String quote(String message) {
        String shown = CognitoErrors.shorten(message);
        return shown.isEmpty() ? "" : ": " + shown;
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && (cause.getMessage() == null || cause.getMessage().isBlank())) cause = cause.getCause();
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : Secrets.redact(message);
    }
}
