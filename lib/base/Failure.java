package valor.base;

/**
 * An expected failure: one line for the user and the documented exit code. Anything else that
 * escapes a command is a bug and is reported as such.
 */
public final class Failure extends RuntimeException {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int AUTH = 3;

    private final int exitCode;

    private Failure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Network, data or database trouble: exit 1. */
    public static Failure failed(String message) {
        return new Failure(FAILED, message, null);
    }

    public static Failure failed(String message, Throwable cause) {
        return new Failure(FAILED, message, cause);
    }

    /** Bad flags, files or URLs: exit 2. */
    public static Failure usage(String message) {
        return new Failure(USAGE, message, null);
    }

    /** Missing, refused or expired credentials: exit 3. */
    public static Failure auth(String message) {
        return new Failure(AUTH, message, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
