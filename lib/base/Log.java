package valor.base;

/**
 * Messages for the user on stderr: details only with --verbose, nothing but errors with --quiet;
 * always redacted, and shown through {@link TerminalText} (they may carry names and API messages).
 */
public final class Log {
    private final Io io;
    private final boolean verbose;
    private final boolean quiet;

    public Log(Io io, boolean verbose, boolean quiet) {
        this.io = io;
        this.verbose = verbose;
        this.quiet = quiet;
    }

    public static Log silent(Io io) {
        return new Log(io, false, true);
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }

    public void detail(String message) {
        if (verbose) print(message);
    }

    /** Something worth knowing that is not a problem; silenced by --quiet. */
    public void info(String message) {
        if (!quiet) print(message);
    }

    public void warn(String message) {
        if (!quiet) print("warning: " + message);
    }

    private synchronized void print(String message) {
        io.err().println(TerminalText.escapeKeepingLines(Secrets.redact(message)));
    }
}
