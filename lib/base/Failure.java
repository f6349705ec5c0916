package valor.base;

import java.util.List;

/**
 * An expected failure: one line for the user and the documented exit code. Anything else that
 * escapes a command is a bug and is reported as such. A few failures show the text they are about
 * below that line ({@link #details()}: a SQL statement with a caret under the mistake); the line
 * says everything without them, for the places that show only the message.
 */
public final class Failure extends RuntimeException {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int AUTH = 3;

    private final int exitCode;
    private final List<String> details;

    private Failure(int exitCode, String message, Throwable cause) {
        this(exitCode, message, cause, List.of());
    }

    private Failure(int exitCode, String message, Throwable cause, List<String> details) {
        super(message, cause);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
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

    /** Lines shown below the message, indented; empty for most failures. */
    public List<String> details() {
        return details;
    }

    /** The same failure with these lines below its message. */
    public Failure withDetails(List<String> lines) {
        return new Failure(exitCode, getMessage(), getCause(), lines);
    }

    /** The same details under another message (e.g. "statement 2 of 3: " and this one's). */
    public Failure reworded(String message) {
        return new Failure(exitCode, message, getCause(), details);
    }
}
