//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import valor.base.Json;

/**
 * The claims of a JWT, read without verifying its signature: the client only needs to know when
 * a token expires and whose it is; the API verifies it. Error messages never quote the token.
 */
public record Jwt(JsonNode claims) {

    /** @throws IllegalArgumentException when the text is not header.payload.signature with a JSON object payload */
    public static Jwt parse(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) throw new IllegalArgumentException("not a JWT (expected three dot-separated parts)");
        JsonNode claims;
        try {
            claims = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the JWT payload is not base64url-encoded JSON"); // not e's message: it could quote the token
        }
        if (!claims.isObject()) throw new IllegalArgumentException("the JWT payload is not a JSON object");
        return new Jwt(claims);
    }

    /** {@code exp}, or null when the token does not say. */
    public Instant expiresAt() {
        JsonNode exp = claims.get("exp");
        return exp != null && exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
    }

    /** {@code iat}, or null when the token does not say. */
    public Instant issuedAt() {
        JsonNode iat = claims.get("iat");
        return iat != null && iat.canConvertToLong() ? Instant.ofEpochSecond(iat.asLong()) : null;
    }

    /** A text claim, or null. */
    public String text(String claim) {
        JsonNode value = claims.get(claim);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** Who the token belongs to: Cognito's username claim (id or access token), else {@code sub}. */
    public String username() {
        for (String claim : new String[] {"cognito:username", "username", "sub"}) {
            String value = text(claim);
            if (value != null) return value;
        }
        return null;
    }
}
