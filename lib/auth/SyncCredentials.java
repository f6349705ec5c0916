package valor.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import valor.api.Credentials;
import valor.base.Failure;
import valor.base.Io;
import valor.base.Log;
import valor.base.Secrets;

/**
 * Where valor-sync gets its bearer token, first match wins: a token given outright (--token,
 * VALOR_TOKEN); a password in the environment (VALOR_USERNAME, VALOR_PASSWORD, VALOR_CLIENT_ID)
 * for scheduled syncs, which signs in afresh each run and caches nothing; the sign-in valor-login
 * cached. Cognito tokens renew themselves, and renewals of a cached sign-in are written back.
 */
public final class SyncCredentials {
    private SyncCredentials() {}

    /** @param explicitToken from --token, --token-file or VALOR_TOKEN, already checked; null when neither was given */
    public static Credentials resolve(String explicitToken, TokenType type, Io io, Log log) {
        if (explicitToken != null) return Credentials.fixed(explicitToken);
        if (io.env("VALOR_PASSWORD") != null) return fromEnvironment(type, io, log);
        return fromCache(TokenCache.of(io), type, log);
    }

    private static Credentials fromEnvironment(TokenType type, Io io, Log log) {
        String password = Secrets.register(io.env("VALOR_PASSWORD"));
        String username = io.env("VALOR_USERNAME");
        String clientId = io.env("VALOR_CLIENT_ID");
        if (username == null || clientId == null) {
            String missing = username == null && clientId == null ? "VALOR_USERNAME and VALOR_CLIENT_ID are"
                    : username == null ? "VALOR_USERNAME is" : "VALOR_CLIENT_ID is";
            throw Failure.auth("VALOR_PASSWORD is set but " + missing + " not; set all three to sign in without valor-login, or unset VALOR_PASSWORD");
        }
        CognitoClient cognito = new CognitoClient(CognitoClient.url(null, io), clientId.strip(), log);
        Supplier<CognitoTokens> signIn = () -> {
            try {
                return cognito.signIn(username.strip(), password);
            } catch (Failure refused) {
                String message = "signing in with VALOR_USERNAME and VALOR_PASSWORD: " + refused.getMessage();
                throw refused.exitCode() == Failure.AUTH ? Failure.auth(message) : Failure.failed(message);
            }
        };
        CognitoTokens tokens = signIn.get();
        log.detail("signed in as " + username.strip() + " from the environment (nothing cached)");
        return new CognitoCredentials(cognito, tokens, type, CognitoCredentials.MARGIN, Clock.systemUTC(), null, signIn, log);
    }

    private static Credentials fromCache(TokenCache cache, TokenType type, Log log) {
        Optional<SignIn> cached = cache.load();
        if (cached.isEmpty()) {
            throw Failure.auth("no API token: pass --token-file FILE or set VALOR_TOKEN, or run valor-login to sign in (or try valor-sync --demo)");
        }
        SignIn signIn = cached.get();
        log.detail("using the sign-in of " + signIn.username() + " cached in " + cache.file());
        CognitoClient cognito = new CognitoClient(signIn.cognitoUrl(), signIn.clientId(), log);
        AtomicReference<String> cachedRefreshToken = new AtomicReference<>(signIn.tokens().refreshToken());
        return new CognitoCredentials(cognito, signIn.tokens(), type, CognitoCredentials.MARGIN, Clock.systemUTC(), fresh -> {
            try {
                if (cache.replaceIfStill(cachedRefreshToken.get(), signIn.refreshedWith(fresh))) {
                    cachedRefreshToken.set(fresh.refreshToken());
                } else {
                    log.detail("the token cache changed since this sync started (valor-login ran?); not updating it");
                }
            } catch (Failure cannotWrite) {
                log.warn("renewed the sign-in but could not update the token cache: " + cannotWrite.getMessage());
            }
        }, null, log);
    }
}
