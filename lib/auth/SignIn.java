package valor.auth;

import java.time.Instant;
import valor.api.ApiUrl;

/**
 * A Cognito sign-in as the token cache keeps it: which user pool client, as whom, the tokens, and
 * when the password was last typed (refresh tokens outlive id tokens, but not forever).
 */
public record SignIn(ApiUrl cognitoUrl, String clientId, String username, CognitoTokens tokens, Instant signedInAt) {

    /** The same sign-in with the id and access tokens a refresh returned. */
    public SignIn refreshedWith(CognitoTokens fresh) {
        return new SignIn(cognitoUrl, clientId, username, tokens.refreshedWith(fresh), signedInAt);
    }
}
