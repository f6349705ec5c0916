package valor.auth;

import java.util.Locale;
import valor.base.Failure;

/**
 * Which Cognito token goes into the Authorization header. The vendor's examples disagree; the
 * IdToken is what a working public client sends, so it is the default.
 */
public enum TokenType {
    ID("IdToken"),
    ACCESS("AccessToken");

    private final String cognitoName;

    TokenType(String cognitoName) {
        this.cognitoName = cognitoName;
    }

    public String cognitoName() {
        return cognitoName;
    }

    /** "id" or "access", as typed after --token-type; null means the default. */
    public static TokenType parse(String value, String source) {
        if (value == null) return ID;
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "id", "idtoken", "id-token" -> ID;
            case "access", "accesstoken", "access-token" -> ACCESS;
            default -> throw Failure.usage(source + " must be id or access, not '" + value + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
