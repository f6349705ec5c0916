package valor.auth;

import java.time.Instant;
import valor.base.Secrets;

/**
 * What a Cognito sign-in returns. Every token is registered as a secret the moment it exists, so
 * no message, log line or stored error can carry it. {@link #toString} shows no token.
 *
 * @param refreshToken null after a refresh that did not return one (Cognito never does)
 */
public record CognitoTokens(String idToken, String accessToken, String refreshToken) {
    public CognitoTokens {
        if (idToken == null || accessToken == null) throw new IllegalArgumentException("Cognito returned no IdToken or AccessToken");
        Secrets.register(idToken);
        Secrets.register(accessToken);
        Secrets.register(refreshToken);
    }

    public String bearer(TokenType type) {
        return type == TokenType.ID ? idToken : accessToken;
    }

    /** The bearer token's {@code exp}; null when it has none or is not a JWT (then it is never refreshed early). */
    public Instant expiresAt(TokenType type) {
        try {
            return Jwt.parse(bearer(type)).expiresAt();
        } catch (IllegalArgumentException notAJwt) {
            return null;
        }
    }

    /** The username inside the tokens, or null. */
    public String username() {
        for (String token : new String[] {idToken, accessToken}) {
            try {
                String name = Jwt.parse(token).username();
                if (name != null) return name;
            } catch (IllegalArgumentException notAJwt) {
                // try the other token
            }
        }
        return null;
    }

    /** New id and access tokens from a refresh; the refresh token stays unless Cognito sent a new one. */
    public CognitoTokens refreshedWith(CognitoTokens fresh) {
        return new CognitoTokens(fresh.idToken, fresh.accessToken, fresh.refreshToken != null ? fresh.refreshToken : refreshToken);
    }

    @Override
    public String toString() {
        return "CognitoTokens[redacted]";
    }
}
