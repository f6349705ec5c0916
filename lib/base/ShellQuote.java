package valor.base;

/** Quotes text for a POSIX shell line that users copy or that the toolkit writes into a script. */
public final class ShellQuote {
    private ShellQuote() {}

    /** The text as is when it needs no quoting, else in single quotes. */
    public static String quote(String text) {
        return text.matches("[A-Za-z0-9_./@%+=:,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
