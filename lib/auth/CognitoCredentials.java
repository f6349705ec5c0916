package valor.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import valor.api.Credentials;
import valor.base.Failure;
import valor.base.Log;

/**
 * Bearer tokens from a Cognito sign-in that renew themselves: before a request when the token is
 * about to expire, and once after the API refused it (a 401 mid-sync), so a long sync outlives
 * its tokens without losing its place. Safe to share between threads fetching in parallel: a
 * thread whose token was refused while another thread already renewed it just tries the new one.
 */
public final class CognitoCredentials implements Credentials {
    /** Renew this long before {@code exp}, so a token does not expire on its way to the API. */
    public static final Duration MARGIN = Duration.ofSeconds(60);

    private final CognitoClient cognito;
    private final TokenType type;
    private final Duration margin;
    private final Clock clock;
    private final Consumer<CognitoTokens> onRenewed;
    private final Supplier<CognitoTokens> signInAgain;
    private final Log log;
    private final ThreadLocal<String> lastHandedOut = new ThreadLocal<>();
    private CognitoTokens tokens;
    private Instant expiresAt; // of the bearer in use, read from the JWT once rather than before every request
    private Instant issuedAt;
    private boolean renewEarly = true;

    /**
     * @param onRenewed   told about every renewal, e.g. to update the token cache
     * @param signInAgain used when the refresh token is refused (credentials from the environment); null: no second way
     */
    public CognitoCredentials(CognitoClient cognito, CognitoTokens tokens, TokenType type, Duration margin, Clock clock,
                              Consumer<CognitoTokens> onRenewed, Supplier<CognitoTokens> signInAgain, Log log) {
        this.cognito = cognito;
        this.type = type;
        this.margin = margin;
        this.clock = clock;
        this.onRenewed = onRenewed;
        this.signInAgain = signInAgain;
        this.log = log;
        use(tokens);
    }

    @Override
    public synchronized String bearer() {
        if (renewEarly && expiresWithinMargin()) renewNow("it expires at " + expiresAt);
        String token = tokens.bearer(type);
        lastHandedOut.set(token);
        return token;
    }

    @Override
    public synchronized boolean renew() {
        String refused = lastHandedOut.get();
        if (refused != null && !refused.equals(tokens.bearer(type))) return true; // another thread renewed meanwhile
        renewNow("the API refused it");
        return true;
    }

    @Override
    public String refusedAdvice() {
        return type == TokenType.ID
                ? "the signed-in user may not use this API; if the vendor expects the AccessToken, try --token-type access"
                : "the signed-in user may not use this API; if the vendor expects the IdToken, try --token-type id";
    }

    /** The tokens now in use (after any renewal). */
    public synchronized CognitoTokens tokens() {
        return tokens;
    }

    private void use(CognitoTokens current) {
        tokens = current;
        expiresAt = current.expiresAt(type);
        try {
            issuedAt = Jwt.parse(current.bearer(type)).issuedAt();
        } catch (IllegalArgumentException notAJwt) {
            issuedAt = null;
        }
    }

    private boolean expiresWithinMargin() {
        if (expiresAt == null) return false;
        // A token that lives shorter than twice the margin would be renewed on every request; renew it at half its life instead.
        Duration effective = issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(margin.multipliedBy(2)) < 0
                ? Duration.between(issuedAt, expiresAt).dividedBy(2) : margin;
        return !clock.instant().plus(effective).isBefore(expiresAt);
    }

    private void renewNow(String why) {
        log.detail("renewing the " + type.cognitoName() + " (" + why + ")");
        CognitoTokens fresh;
        if (tokens.refreshToken() == null) {
            if (signInAgain == null) throw Failure.auth("the sign-in cannot be renewed (no refresh token); run valor-login");
            fresh = signInAgain.get();
        } else {
            try {
                fresh = tokens.refreshedWith(cognito.refresh(tokens.refreshToken()));
            } catch (Failure refused) {
                if (signInAgain == null || refused.exitCode() != Failure.AUTH) throw refused;
                log.detail("the refresh token was refused; signing in again");
                fresh = signInAgain.get();
            }
        }
        use(fresh);
        log.detail("renewed; the new " + type.cognitoName() + " expires at " + expiresAt);
        if (expiresWithinMargin()) {
            // Only a wrong clock makes a brand-new token look expired; renewing before every request would not help.
            renewEarly = false;
            log.warn("a freshly issued token already looks expired: is this computer's clock right? (renewing only when the API refuses)");
        }
        if (onRenewed != null) onRenewed.accept(fresh);
    }
}
