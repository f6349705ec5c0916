package valor.auth;

import java.util.Set;
import valor.base.Failure;
import valor.base.Secrets;

/**
 * Turns Cognito's refusals and challenges into one line saying what the user must do. Cognito's
 * own message is quoted redacted and shortened: it comes from a server and could echo anything.
 */
final class CognitoErrors {
    private static final Set<String> MFA_CHALLENGES = Set.of("SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "MFA_SETUP", "SELECT_MFA_TYPE");
    private static final Set<String> TRANSIENT = Set.of("TooManyRequestsException", "LimitExceededException", "InternalErrorException",
            "ServiceUnavailableException", "ThrottlingException");

    private CognitoErrors() {}

    /** The exception name without the namespace Cognito sometimes puts in front ({@code com.amazonaws...#NotAuthorizedException}). */
    static String shortType(String type) {
        if (type == null) return "";
        String name = type.substring(type.lastIndexOf('#') + 1);
        int colon = name.indexOf(':'); // the X-Amzn-ErrorType header appends ":<url>"
        return (colon >= 0 ? name.substring(0, colon) : name).trim();
    }

    /** Worth trying again after a pause: throttling and Cognito's own failures. */
    static boolean isTransient(String type) {
        return TRANSIENT.contains(type);
    }

    /** A refused USER_PASSWORD_AUTH sign-in. */
    static Failure signInRefused(String type, String message, String username, String clientId) {
        String lower = message == null ? "" : message.toLowerCase();
        return switch (type) {
            case "NotAuthorizedException" -> {
                if (lower.contains("secret hash")) yield Failure.auth("client id " + clientId + " belongs to an app client with a secret, which"
                        + " valor-login cannot use; ask the vendor for the client id of their public app client");
                if (lower.contains("attempts exceeded")) yield Failure.auth("too many failed sign-ins for " + username
                        + ": Cognito blocks this user for a while; wait a few minutes, then run valor-login again");
                if (lower.contains("disabled")) yield Failure.auth("the account " + username + " is disabled; ask your organisation's Valor administrator");
                yield Failure.auth("Cognito refused the password of " + username + quote(message) + "; check the username and password and try again");
            }
            case "UserNotFoundException" -> Failure.auth("Cognito has no user " + username
                    + " in this user pool; check the username (usually your email address) and the client id");
            case "PasswordResetRequiredException" -> Failure.auth("the password of " + username + " must be reset before you can sign in:"
                    + " use 'Forgot password' in the Valor app, then run valor-login again");
            case "UserNotConfirmedException" -> Failure.auth("the account " + username + " is not confirmed yet: confirm it from the"
                    + " vendor's invitation email, then run valor-login again");
            default -> common(type, message, clientId, "the sign-in");
        };
    }

    /** A refused REFRESH_TOKEN_AUTH: whatever the reason, signing in again is the fix. */
    static Failure refreshRefused(String type, String message, String clientId) {
        if (type.equals("NotAuthorizedException")) {
            return Failure.auth("your Valor sign-in has expired or was revoked" + quote(message) + "; run valor-login to sign in again");
        }
        Failure failure = common(type, message, clientId, "renewing the sign-in");
        return failure.exitCode() == Failure.AUTH ? Failure.auth(failure.getMessage() + "; run valor-login to sign in again") : failure;
    }

    /** Cognito accepted the password but wants more (a new password, an MFA code) before it hands out tokens. */
    static Failure challenge(String name, String username) {
        if (name.equals("NEW_PASSWORD_REQUIRED")) {
            return Failure.auth("the account " + username + " must set a new password before its first use: sign in once in the Valor app"
                    + " to choose one, then run valor-login again (valor-login cannot set passwords)");
        }
        if (MFA_CHALLENGES.contains(name)) {
            return Failure.auth("the account " + username + " requires multi-factor authentication (" + name + "), which valor-login"
                    + " does not support; ask your Valor administrator for an account without MFA for scripted syncs");
        }
        return Failure.auth("Cognito asked " + username + " for a " + name + " challenge, which valor-login does not support;"
                + " ask the vendor how to sign in to this user pool from a script");
    }

    private static Failure common(String type, String message, String clientId, String what) {
        String lower = message == null ? "" : message.toLowerCase();
        return switch (type) {
            case "ResourceNotFoundException" -> Failure.auth("Cognito does not know client id " + clientId
                    + "; check --client-id or VALOR_CLIENT_ID (the vendor hands it out)");
            case "InvalidParameterException" -> lower.contains("not enabled")
                    ? Failure.auth("client id " + clientId + " does not allow password sign-in (USER_PASSWORD_AUTH is not enabled for it);"
                            + " ask the vendor for the client id of their public app client")
                    : Failure.auth("Cognito rejected " + what + quote(message) + "; check --client-id and --cognito-url");
            case "TooManyRequestsException", "LimitExceededException", "ThrottlingException" -> Failure.failed(
                    "Cognito is throttling requests and kept refusing " + what + "; wait a minute and try again");
            default -> Failure.auth("Cognito refused " + what + " (" + (type.isEmpty() ? "no error type" : type) + quoteBare(message) + ")");
        };
    }

    private static String quote(String message) {
        String shown = shorten(message);
        return shown.isEmpty() ? "" : " (Cognito: " + shown + ")";
    }

    private static String quoteBare(String message) {
        String shown = shorten(message);
        return shown.isEmpty() ? "" : ": " + shown;
    }

    /** Redacted now, not only when printed, so that no exception message ever holds a secret. */
    static String shorten(String message) {
        if (message == null) return "";
        String text = Secrets.redact(message.strip().replaceAll("\\s+", " "));
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
