package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import valor.auth.Jwt;
import valor.base.Json;
import valor.fake.FakeCognito;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/** The fake Cognito speaks Cognito's wire protocol, issues real JWTs, and the fake API trusts only those. */
class FakeCognitoTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> post(FakeCognito cognito, String target, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cognito.url() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signInBody(FakeCognito cognito, String user, String password) {
        return "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"" + cognito.clientId()
                + "\",\"AuthParameters\":{\"USERNAME\":\"" + user + "\",\"PASSWORD\":\"" + password + "\"}}";
    }

    @Test
    void signInAnswersLikeCognitoWithRealJwts() throws Exception {
        try (FakeCognito cognito = FakeCognito.builder().user("ana", "pw-12345").tokenLifetime(Duration.ofMinutes(5)).start()) {
            HttpResponse<String> response = post(cognito, "InitiateAuth", signInBody(cognito, "ana", "pw-12345"));
            assertEquals(200, response.statusCode(), response.body());
            JsonNode result = Json.parse(response.body()).get("AuthenticationResult");
            assertEquals(300, result.get("ExpiresIn").asInt());
            assertEquals("Bearer", result.get("TokenType").asText());
            assertEquals(5, result.get("RefreshToken").asText().split("\\.").length, "shaped like Cognito's encrypted refresh token");

            String id = result.get("IdToken").asText();
            String[] parts = id.split("\\.");
            assertEquals(3, parts.length);
            assertEquals("HS256", Json.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).get("alg").asText());
            Jwt jwt = Jwt.parse(id);
            assertEquals("id", jwt.text("token_use"));
            assertEquals("ana", jwt.text("cognito:username"));
            assertNotNull(jwt.text("sub"));
            assertTrue(jwt.expiresAt().isAfter(Instant.now().plusSeconds(290)) && jwt.expiresAt().isBefore(Instant.now().plusSeconds(302)));
            assertEquals("access", Jwt.parse(result.get("AccessToken").asText()).text("token_use"));

            assertTrue(cognito.accepts(id, FakeCognito.Accepts.ID));
            assertFalse(cognito.accepts(id, FakeCognito.Accepts.ACCESS));
            String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + "AA";
            assertFalse(cognito.accepts(tampered, FakeCognito.Accepts.BOTH), "a token it did not sign is refused");
            assertFalse(cognito.accepts("valor-demo-token", FakeCognito.Accepts.BOTH));
            cognito.expireIssuedTokens();
            assertFalse(cognito.accepts(id, FakeCognito.Accepts.BOTH));
        }
    }

    @Test
    void tokensExpireAfterTheirLifetime() throws Exception {
        try (FakeCognito cognito = FakeCognito.builder().user("ana", "pw-12345").tokenLifetime(Duration.ofSeconds(2)).start()) {
            String id = Json.parse(post(cognito, "InitiateAuth", signInBody(cognito, "ana", "pw-12345")).body()).at("/AuthenticationResult/IdToken").asText();
            assertTrue(cognito.accepts(id, FakeCognito.Accepts.BOTH)); // exp is in whole seconds: at least 1 s left
            Thread.sleep(2100);
            assertFalse(cognito.accepts(id, FakeCognito.Accepts.BOTH));
        }
    }

    @Test
    void errorsAreHttp400WithCognitosTypeAndRefreshTokensCanBeRevoked() throws Exception {
        try (FakeCognito cognito = FakeCognito.builder().user("ana", "pw-12345").errorTypePrefix("com.amazonaws.cognito.identity.idp.model#").start()) {
            HttpResponse<String> wrong = post(cognito, "InitiateAuth", signInBody(cognito, "ana", "nope"));
            assertEquals(400, wrong.statusCode());
            assertEquals("com.amazonaws.cognito.identity.idp.model#NotAuthorizedException", Json.parse(wrong.body()).get("__type").asText());
            assertEquals("Incorrect username or password.", Json.parse(wrong.body()).get("message").asText());

            String refresh = Json.parse(post(cognito, "InitiateAuth", signInBody(cognito, "ana", "pw-12345")).body())
                    .at("/AuthenticationResult/RefreshToken").asText();
            String refreshBody = "{\"AuthFlow\":\"REFRESH_TOKEN_AUTH\",\"ClientId\":\"" + cognito.clientId()
                    + "\",\"AuthParameters\":{\"REFRESH_TOKEN\":\"" + refresh + "\"}}";
            JsonNode renewed = Json.parse(post(cognito, "InitiateAuth", refreshBody).body());
            assertTrue(renewed.at("/AuthenticationResult/IdToken").isTextual());
            assertTrue(renewed.at("/AuthenticationResult/RefreshToken").isMissingNode(), "a refresh returns no new refresh token");
            assertEquals(1, cognito.refreshes());

            cognito.revokeRefreshTokens("ana");
            HttpResponse<String> revoked = post(cognito, "InitiateAuth", refreshBody);
            assertEquals(400, revoked.statusCode());
            assertTrue(revoked.body().contains("NotAuthorizedException"));
            assertEquals(400, post(cognito, "SignUp", "{}").statusCode(), "unknown operations are refused");
        }
    }

    @Test
    void theFakeApiTrustsOnlyTheFakeCognitosTokens() throws Exception {
        try (FakeCognito cognito = FakeCognito.builder().user("ana", "pw-12345").start();
             FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(1, 2, 10)).acceptToken(cognito.acceptor()).start()) {
            String id = Json.parse(post(cognito, "InitiateAuth", signInBody(cognito, "ana", "pw-12345")).body()).at("/AuthenticationResult/IdToken").asText();
            assertEquals(200, get(api, id));
            assertEquals(401, get(api, FakeValorApi.DEFAULT_TOKEN), "the fixed demo token no longer works");
            cognito.expireIssuedTokens();
            assertEquals(401, get(api, id));
        }
    }

    private static int get(FakeValorApi api, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/athletes")).header("Authorization", "Bearer " + token)
                .header("X-Continuation-Token", "\"\"").build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
