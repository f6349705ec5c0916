package valor.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;
import valor.base.Failure;
import valor.store.H2Errors;

/**
 * Turns H2's (or PostgreSQL's) error for a failed statement into the one line an analyst can act
 * on: a syntax error names its line and column in the text they typed, an unknown table lists the
 * tables there are, and a change refused to the read-only user says how to allow it.
 */
public final class SqlErrors {
    private static final Pattern EXPECTED = Pattern.compile("; expected \"([^\"]*)\"");
    private static final Pattern TABLE = Pattern.compile("Table \"([^\"]+)\" not found");
    private static final Pattern OBJECT = Pattern.compile("rights for object \"([^\"]+)\"");

    private SqlErrors() {}

    /** @param text the whole SQL text the statement came from, for line and column numbers */
    public static Failure explain(SQLException e, SqlStatements.Statement statement, String text, Connection connection) {
        if (PostgresSqlErrors.from(e)) return PostgresSqlErrors.explain(e, statement, text, connection);
        String message = H2Errors.firstLine(e);
        switch (e.getErrorCode()) {
            case ErrorCode.SYNTAX_ERROR_1, ErrorCode.SYNTAX_ERROR_2:
                return Failure.failed(syntaxError(e.getMessage(), statement, text));
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1, ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2,
                    ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1:
                return Failure.failed(unknownTable(message, connection));
            case ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1, ErrorCode.ADMIN_RIGHTS_REQUIRED, ErrorCode.DATABASE_IS_READ_ONLY:
                Matcher object = OBJECT.matcher(message);
                String what = object.find() ? " (" + object.group(1).toLowerCase(Locale.ROOT).replaceFirst("^public\\.", "") + ")" : "";
                return Failure.failed("refused: the store is open read-only and this statement would change it" + what
                        + "; add --write to allow changes");
            default:
                return Failure.failed(message, e);
        }
    }

    private static String syntaxError(String h2Message, SqlStatements.Statement statement, String text) {
        String quoted = quotedStatement(h2Message);
        String expected = "";
        Matcher expecting = EXPECTED.matcher(h2Message);
        if (expecting.find()) expected = "; expected " + expecting.group(1);
        if (quoted == null || !quoted.contains("[*]")) return "syntax error: " + h2Message.lines().findFirst().orElse("");
        String before = unescape(quoted.substring(0, quoted.indexOf("[*]")));
        return "syntax error at " + marked(statement, text, before.length()) + expected;
    }

    /** "line 3, column 32: the line of the text with [*] where {@code jdbcIndex} of the statement came from". */
    static String marked(SqlStatements.Statement statement, String text, int jdbcIndex) {
        int offset = statement.sourceOffset(jdbcIndex);
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
        String marked = source.substring(0, Math.min(column, source.length())) + "[*]" + source.substring(Math.min(column, source.length()));
        return "line " + line + ", column " + (column + 1) + ": " + marked.strip();
    }

    /** The statement H2 quotes in its message (between the first " and its closing "), still escaped. */
    private static String quotedStatement(String message) {
        int open = message.indexOf('"');
        if (open < 0) return null;
        for (int i = open + 1; i < message.length(); i++) {
            if (message.charAt(i) != '"') continue;
            if (i + 1 < message.length() && message.charAt(i + 1) == '"') {
                i++;
                continue;
            }
            return message.substring(open + 1, i);
        }
        return null;
    }

    /** H2 quotes the statement with "" for " and \hhhh for control characters. */
    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '"' && i + 1 < quoted.length() && quoted.charAt(i + 1) == '"') {
                out.append('"');
                i++;
            } else if (c == '\\' && i + 4 < quoted.length() && quoted.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                out.append((char) HexFormat.fromHexDigits(quoted.substring(i + 1, i + 5)));
                i += 4;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unknownTable(String message, Connection connection) {
        Matcher table = TABLE.matcher(message);
        return unknownTableNamed(table.find() ? table.group(1).toLowerCase(Locale.ROOT) : "?", connection);
    }

    static String unknownTableNamed(String name, Connection connection) {
        List<String> tables = tableNames(connection);
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : tables) {
            int distance = EditDistance.between(name, candidate);
            if (distance < best) {
                best = distance;
                nearest = candidate;
            }
        }
        String hint = nearest != null && best <= Math.max(2, name.length() / 3) ? " (did you mean " + nearest + "?)" : "";
        return "no table or view named " + name + hint + "; the store has: " + String.join(", ", tables)
                + " (valor-sql --tables lists their columns)";
    }

    /** The store's tables, then its views, by name (in lower case). */
    static List<String> tableNames(Connection connection) {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = " + StoreTables.schema(connection) + " ORDER BY TABLE_TYPE, TABLE_NAME")) {
            while (rows.next()) names.add(rows.getString(1));
        } catch (SQLException | IllegalStateException e) {
            // PostgreSQL answers nothing in a transaction a failed statement aborted (valor-shell's own transaction)
            names.add("(the list is not available: " + (e instanceof SQLException sql ? H2Errors.firstLine(sql) : e.getMessage()) + ")");
        }
        return names;
    }
}
