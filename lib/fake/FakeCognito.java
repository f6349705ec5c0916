//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import valor.auth.Jwt;
import valor.base.DaemonThreads;
import valor.base.Json;

/**
 * An imitation of the Cognito user pool the Valor API trusts, over real HTTP on 127.0.0.1: the
 * {@code InitiateAuth} (USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH) and {@code RevokeToken} calls
 * with Cognito's headers, answers, error bodies and challenges. It issues real JWTs (HS256 with a
 * secret of its own) with {@code exp}, {@code sub}, {@code cognito:username} and {@code token_use},
 * and the fake API trusts exactly those: {@code FakeValorApi.builder().acceptToken(cognito.acceptor())}.
 * Tests shorten token lifetimes to seconds, revoke refresh tokens and invalidate issued tokens.
 */
public final class FakeCognito implements AutoCloseable {
    public static final String DEFAULT_CLIENT_ID = "7fakevalorclient0demo0000";
    public static final String DEFAULT_USERNAME = "analyst@example.com";
    public static final String DEFAULT_PASSWORD = "valor-demo-password";

    /** What signing in as a user leads to. */
    public enum UserState {
        CONFIRMED, NEW_PASSWORD_REQUIRED, RESET_REQUIRED, UNCONFIRMED, DISABLED, SMS_MFA, SOFTWARE_TOKEN_MFA, CUSTOM_CHALLENGE
    }

    /** Which of its tokens the API accepts as a bearer: the vendor's docs disagree, so tests try both. */
    public enum Accepts { ID, ACCESS, BOTH }

    private record User(String username, String password, UserState state, String sub) {}

    private final Map<String, User> users;
    private final String clientId;
    private final Duration lifetime;
    private final Clock clock;
    private final String errorTypePrefix;
    private final boolean echoRequestsInErrors;
    private final byte[] key = new byte[32];
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>(); // refresh token -> username
    private final Map<String, Long> issued = new ConcurrentHashMap<>(); // jti -> serial number, in order of issue
    private final List<String> secretsIssued = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong serials = new AtomicLong();
    private final AtomicLong validFromSerial = new AtomicLong(1);
    private final AtomicInteger signIns = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger revocations = new AtomicInteger();
    private final AtomicInteger throttledCalls = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeCognito(Builder builder) throws IOException {
        this.users = Map.copyOf(builder.users);
        this.clientId = builder.clientId;
        this.lifetime = builder.lifetime;
        this.clock = builder.clock;
        this.errorTypePrefix = builder.errorTypePrefix;
        this.echoRequestsInErrors = builder.echoRequestsInErrors;
        this.throttledCalls.set(builder.throttledCalls);
        new SecureRandom().nextBytes(key);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 16);
        this.executor = Executors.newFixedThreadPool(4, DaemonThreads.named("fake-cognito"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** e.g. http://127.0.0.1:40125, what --cognito-url / VALOR_COGNITO_URL take. */
    public URI url() {
        return url;
    }

    public String clientId() {
        return clientId;
    }

    /** For the fake API: accepts unexpired tokens this pool signed, of the kind(s) given. */
    public Predicate<String> acceptor(Accepts which) {
        return token -> accepts(token, which);
    }

    public Predicate<String> acceptor() {
        return acceptor(Accepts.BOTH);
    }

    public boolean accepts(String token, Accepts which) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) return false;
        byte[] expected = sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) return false;
        Jwt jwt;
        try {
            jwt = Jwt.parse(token);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (jwt.expiresAt() == null || !clock.instant().isBefore(jwt.expiresAt())) return false;
        Long serial = issued.get(String.valueOf(jwt.text("jti")));
        if (serial == null || serial < validFromSerial.get()) return false;
        String use = jwt.text("token_use");
        return which == Accepts.BOTH ? ("id".equals(use) || "access".equals(use)) : which.name().toLowerCase().equals(use);
    }

    /** Every id, access and refresh token handed out so far: what tests search outputs for. */
    public List<String> secretsIssued() {
        synchronized (secretsIssued) {
            return List.copyOf(secretsIssued);
        }
    }

    /** Successful password sign-ins so far. */
    public int signIns() {
        return signIns.get();
    }

    /** Successful refreshes so far. */
    public int refreshes() {
        return refreshes.get();
    }

    public int revocations() {
        return revocations.get();
    }

    /** Every id and access token issued so far stops working, as if they had all expired; refresh tokens still work. */
    public void expireIssuedTokens() {
        validFromSerial.set(serials.get() + 1);
    }

    /** The refresh tokens of this user stop working, as after a password change or an admin's global sign-out. */
    public void revokeRefreshTokens(String username) {
        refreshTokens.values().removeIf(username::equals);
    }

    /** The next {@code count} calls answer TooManyRequestsException. */
    public void throttleNext(int count) {
        throttledCalls.set(count);
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) return;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!exchange.getRequestMethod().equals("POST") || contentType == null || !contentType.startsWith("application/x-amz-json-1.1")) {
                send(exchange, 400, error("SerializationException", "Start of structure or map found where not expected.", body));
                return;
            }
            if (throttledCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, 400, error("TooManyRequestsException", "Rate exceeded", body));
                return;
            }
            JsonNode request;
            try {
                request = Json.parse(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                send(exchange, 400, error("SerializationException", "Unexpected content", body));
                return;
            }
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            ObjectNode answer = switch (operation) {
                case "InitiateAuth" -> initiateAuth(request, body);
                case "RevokeToken" -> revokeToken(request, body);
                default -> error("UnknownOperationException", null, body);
            };
            send(exchange, answer.has("__type") ? 400 : 200, answer);
        }
    }

    private ObjectNode initiateAuth(JsonNode request, String body) {
        if (!clientId.equals(request.path("ClientId").asText())) {
            return error("ResourceNotFoundException", "User pool client " + request.path("ClientId").asText() + " does not exist.", body);
        }
        JsonNode parameters = request.path("AuthParameters");
        return switch (request.path("AuthFlow").asText()) {
            case "USER_PASSWORD_AUTH" -> passwordAuth(parameters.path("USERNAME").asText(), parameters.path("PASSWORD").asText(), body);
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> refreshAuth(parameters.path("REFRESH_TOKEN").asText(), body);
            default -> error("InvalidParameterException", "Initiate Auth method not supported.", body);
        };
    }

    private ObjectNode passwordAuth(String username, String password, String body) {
        User user = users.get(username);
        if (user == null) return error("UserNotFoundException", "User does not exist.", body);
        if (!MessageDigest.isEqual(user.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
            return error("NotAuthorizedException", "Incorrect username or password.", body);
        }
        String challenge = switch (user.state()) {
            case CONFIRMED -> null;
            case RESET_REQUIRED -> "reset";
            case UNCONFIRMED -> "unconfirmed";
            case DISABLED -> "disabled";
            default -> user.state().name();
        };
        if ("reset".equals(challenge)) return error("PasswordResetRequiredException", "Password reset required for the user", body);
        if ("unconfirmed".equals(challenge)) return error("UserNotConfirmedException", "User is not confirmed.", body);
        if ("disabled".equals(challenge)) return error("NotAuthorizedException", "User is disabled.", body);
        if (challenge != null) {
            ObjectNode answer = Json.MAPPER.createObjectNode().put("ChallengeName", challenge).put("Session", randomToken(3));
            ObjectNode parameters = answer.putObject("ChallengeParameters").put("USER_ID_FOR_SRP", username);
            if (challenge.equals("SMS_MFA")) parameters.put("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS").put("CODE_DELIVERY_DESTINATION", "+*******0042");
            return answer;
        }
        String refresh = randomToken(5); // shaped like Cognito's (a JWE: five base64url parts)
        refreshTokens.put(refresh, username);
        secretsIssued.add(refresh);
        signIns.incrementAndGet();
        return authenticationResult(user, refresh);
    }

    private ObjectNode refreshAuth(String refreshToken, String body) {
        String username = refreshTokens.get(refreshToken);
        if (username == null) return error("NotAuthorizedException", "Invalid Refresh Token", body);
        refreshes.incrementAndGet();
        return authenticationResult(users.get(username), null);
    }

    private ObjectNode revokeToken(JsonNode request, String body) {
        if (!clientId.equals(request.path("ClientId").asText())) {
            return error("ResourceNotFoundException", "User pool client " + request.path("ClientId").asText() + " does not exist.", body);
        }
        if (refreshTokens.remove(request.path("Token").asText()) != null) revocations.incrementAndGet();
        return Json.MAPPER.createObjectNode();
    }

    private ObjectNode authenticationResult(User user, String refreshToken) {
        long now = clock.instant().getEpochSecond();
        long exp = now + Math.max(1, lifetime.toSeconds());
        String id = jwt(claims(user, "id", now, exp).put("aud", clientId).put("email", user.username()).put("auth_time", now));
        String access = jwt(claims(user, "access", now, exp).put("client_id", clientId).put("username", user.username())
                .put("scope", "aws.cognito.signin.user.admin"));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.putObject("ChallengeParameters");
        ObjectNode result = answer.putObject("AuthenticationResult")
                .put("AccessToken", access).put("ExpiresIn", exp - now).put("IdToken", id).put("TokenType", "Bearer");
        if (refreshToken != null) result.put("RefreshToken", refreshToken);
        return answer;
    }

    private ObjectNode claims(User user, String use, long now, long exp) {
        long serial = serials.incrementAndGet();
        String jti = UUID.randomUUID().toString();
        issued.put(jti, serial);
        ObjectNode claims = Json.MAPPER.createObjectNode().put("sub", user.sub()).put("iss", url + "/us-east-1_FakeValor")
                .put("token_use", use).put("iat", now).put("exp", exp).put("jti", jti);
        if (use.equals("id")) claims.put("cognito:username", user.username());
        return claims;
    }

    private String jwt(ObjectNode claims) {
        String header = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"fake-cognito\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        String token = header + "." + payload + "." + sign(header + "." + payload);
        secretsIssued.add(token);
        return token;
    }

    private String sign(String headerAndPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return base64(mac.doFinal(headerAndPayload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String randomToken(int parts) {
        SecureRandom random = new SecureRandom();
        StringBuilder token = new StringBuilder(base64("{\"cty\":\"JWT\",\"enc\":\"A256GCM\",\"alg\":\"RSA-OAEP\"}".getBytes(StandardCharsets.UTF_8)));
        for (int i = 1; i < parts; i++) {
            byte[] bytes = new byte[i == 1 ? 64 : 24];
            random.nextBytes(bytes);
            token.append('.').append(base64(bytes));
        }
        return token.toString();
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Cognito's error body; a misbehaving server (echoRequestsInErrors) quotes the request, password and all. */
    private ObjectNode error(String type, String message, String requestBody) {
        ObjectNode error = Json.MAPPER.createObjectNode().put("__type", errorTypePrefix + type);
        String text = echoRequestsInErrors ? "(request " + requestBody + ") " + (message == null ? "" : message) : message;
        if (text != null) error.put("message", text);
        return error;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        if (status != 200) exchange.getResponseHeaders().set("X-Amzn-ErrorType", body.path("__type").asText() + ":");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static final class Builder {
        private final Map<String, User> users = new LinkedHashMap<>();
        private String clientId = DEFAULT_CLIENT_ID;
        private Duration lifetime = Duration.ofHours(1);
        private Clock clock = Clock.systemUTC();
        private String errorTypePrefix = "";
        private boolean echoRequestsInErrors;
        private int throttledCalls;
        private int port;

        private Builder() {}

        public Builder user(String username, String password) {
            return user(username, password, UserState.CONFIRMED);
        }

        public Builder user(String username, String password, UserState state) {
            users.put(username, new User(username, password, state, UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString()));
            return this;
        }

        public Builder clientId(String value) {
            this.clientId = value;
            return this;
        }

        /** How long id and access tokens live (default one hour, as Cognito's default); whole seconds. */
        public Builder tokenLifetime(Duration value) {
            this.lifetime = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Puts a namespace before error types, as some Cognito endpoints do: {@code com.amazonaws.cognito.identity.idp.model#}. */
        public Builder errorTypePrefix(String value) {
            this.errorTypePrefix = value;
            return this;
        }

        /** Error messages quote the request body (password included): proves the client redacts what servers echo. */
        public Builder echoRequestsInErrors(boolean value) {
            this.echoRequestsInErrors = value;
            return this;
        }

        /** The first {@code count} calls answer TooManyRequestsException. */
        public Builder throttleFirst(int count) {
            this.throttledCalls = count;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public FakeCognito start() {
            try {
                return new FakeCognito(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake Cognito on 127.0.0.1:" + port, e);
            }
        }
    }
}
