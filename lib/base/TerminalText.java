package valor.base;

/**
 * Text from the store or the network made safe to show on a terminal. A name the API sends may
 * carry escape sequences (set the title, write the clipboard with OSC 52, hide a link with OSC 8,
 * clear the screen and draw a fake prompt) or bidirectional overrides that reorder what the
 * analyst reads; printed raw, the terminal obeys them. Here every C0 control, DEL, every C1
 * control (CSI and OSC among them) and every bidirectional control becomes a visible escape:
 * {@code \x1b}, {@code \x9b}, {@code \u202e}, and {@code \n}, {@code \r}, {@code \t} for the
 * usual three. The human formats (tables, charts, errors, progress) print through this class;
 * the machine formats (CSV, TSV, JSON, Parquet) keep the data exact.
 */
public final class TerminalText {
    private TerminalText() {}

    /** For one line: line breaks and tabs are escaped too. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** For text shown over several lines: line feeds and tabs stay, a carriage return (which rewrites the line) does not. */
    public static String escapeKeepingLines(String text) {
        return escape(text == null ? null : text.replace("\r\n", "\n"), true);
    }

    /** Whether a character would act on the terminal (or on the order text is shown in) rather than be shown. */
    public static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || isBidiControl(c) || c == 0x2028 || c == 0x2029;
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null) return null;
        int first = 0;
        while (first < text.length() && !escaped(text.charAt(first), keepLines)) first++;
        if (first == text.length()) return text; // the common case: nothing to do, nothing copied
        StringBuilder shown = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!escaped(c, keepLines)) shown.append(c);
            else if (c == '\n') shown.append("\\n");
            else if (c == '\r') shown.append("\\r");
            else if (c == '\t') shown.append("\\t");
            else if (c <= 0xff) shown.append(String.format("\\x%02x", (int) c));
            else shown.append(String.format("\\u%04x", (int) c));
        }
        return shown.toString();
    }

    private static boolean escaped(char c, boolean keepLines) {
        return isControl(c) && !(keepLines && (c == '\n' || c == '\t'));
    }
}
