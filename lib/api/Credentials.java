package valor.api;

import valor.base.Secrets;

/** Where the bearer token comes from. A token that can be renewed (a Cognito login) overrides {@link #renew}. */
public interface Credentials {
    /** The token to send now. */
    String bearer();

    /** Called once after the API refused the token; true if a new one is ready to try. */
    default boolean renew() {
        return false;
    }

    /** What the user should check when the API refuses the token for good. */
    default String refusedAdvice() {
        return "check --token, --token-file or VALOR_TOKEN";
    }

    static Credentials fixed(String token) {
        Secrets.register(token);
        return () -> token;
    }
}
