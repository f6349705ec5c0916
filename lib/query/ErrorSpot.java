package valor.query;

import java.util.List;
import valor.base.TerminalText;

/**
 * Where in the SQL text an error is, for the message ("line 3, column 12") and for the two lines
 * shown under it: that line of the text as typed, and a caret under the mistake. A long line is
 * shown as a window around the mistake; control characters show as escapes, the caret counted on
 * what is shown, so it stays under the mistake.
 *
 * @param line   1-based line of the text
 * @param column 1-based column of the line
 * @param source the whole line, as typed
 * @param width  characters to mark, at least 1
 */
record ErrorSpot(int line, int column, String source, int width) {
    /** Characters of the line shown on either side of the mistake when the line is long. */
    private static final int CONTEXT = 60;

    /** The spot of {@code length} characters from {@code jdbcIndex} of the statement, in the text it came from. */
    static ErrorSpot of(SqlStatements.Statement statement, String text, int jdbcIndex, int length) {
        int offset = statement.sourceOffset(jdbcIndex);
        int end = length <= 1 ? offset + 1 : statement.sourceOffset(jdbcIndex + length - 1) + 1;
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int lineEnd = text.indexOf('\n', lineStart);
        String source = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd).stripTrailing();
        int column = offset - lineStart;
        int width = Math.max(1, Math.min(end, lineStart + Math.max(source.length(), column + 1)) - offset);
        return new ErrorSpot(line, column + 1, source, width);
    }

    String where() {
        return "line " + line + ", column " + column;
    }

    /** The line as typed (or a window of it), and a caret line under the mistake. */
    List<String> details() {
        int at = Math.min(column - 1, source.length());
        int from = Math.max(0, at - CONTEXT);
        int to = Math.min(source.length(), at + Math.max(width, 1) + CONTEXT);
        String before = (from > 0 ? "..." : "") + TerminalText.escape(source.substring(from, at));
        String marked = TerminalText.escape(source.substring(at, Math.min(source.length(), at + width)));
        String after = TerminalText.escape(source.substring(Math.min(source.length(), at + width), to)) + (to < source.length() ? "..." : "");
        return List.of(before + marked + after, " ".repeat(before.length()) + "^".repeat(Math.max(1, marked.length())));
    }
}
