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
    /** PostgreSQL's unknown table: {@code relation "sesions" does not exist}. */
    private static final Pattern RELATION = Pattern.compile("relation \"([^\"]+)\" does not exist");
    /** The lines PostgreSQL's driver adds to a server error's message: {@code   Position: 15}, {@code   Hint: ...}. */
    private static final Pattern POSITION = Pattern.compile("^\\s*Position: (\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern HINT = Pattern.compile("^\\s*Hint: (.+)$", Pattern.MULTILINE);

    private SqlErrors() {}

    /** @param text the whole SQL text the statement came from, for line and column numbers */
    public static Failure explain(SQLException e, SqlStatements.Statement statement, String text, Connection connection) {
        if (fromPostgres(e)) return explainPostgres(e, statement, text, connection);
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

    /** By the exception's class, not the connection's engine: a connection the server closed cannot say which it is. */
    private static boolean fromPostgres(SQLException e) {
        return e.getClass().getName().startsWith("org.postgresql.");
    }

    /** PostgreSQL's errors, by SQLSTATE; the position it gives (in the SQL as sent) becomes a line and column of the text. */
    private static Failure explainPostgres(SQLException e, SqlStatements.Statement statement, String text, Connection connection) {
        String message = postgresFirstLine(e);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Matcher position = POSITION.matcher(String.valueOf(e.getMessage()));
        String at = position.find() ? marked(statement, text, sentToJdbc(statement, Integer.parseInt(position.group(1)) - 1)) : null;
        Matcher hint = HINT.matcher(String.valueOf(e.getMessage()));
        String hinted = hint.find() ? " (" + hint.group(1).strip() + ")" : "";
        switch (state) {
            case "42601": // syntax_error
                if (at == null) return Failure.failed("syntax error: " + message);
                // "syntax error at or near "FORM"" says no more than the [*] does
                return Failure.failed(message.startsWith("syntax error at ") ? "syntax error at " + at : message + " at " + at);
            case "42P01": { // undefined_table
                Matcher table = RELATION.matcher(message);
                String name = table.find() ? table.group(1).toLowerCase(Locale.ROOT).replaceFirst("^public\\.", "") : "?";
                return Failure.failed(unknownTableNamed(name, connection));
            }
            case "25006": // read_only_sql_transaction
                if (readOnly(connection)) {
                    return Failure.failed("refused: the store is open read-only and this statement would change it; add --write to allow changes");
                }
                return Failure.failed("refused: PostgreSQL role " + role(connection) + " may only read this store (its transactions are"
                        + " read-only: " + message + "); changes need the role that writes the store");
            case "42501": // insufficient_privilege
                return Failure.failed("refused: PostgreSQL role " + role(connection) + " has no right to do this: " + message
                        + (readOnly(connection) ? "" : " (the store's admin grants rights; README: Team store)"));
            default:
                return Failure.failed(message + hinted + (at == null ? "" : " at " + at), e);
        }
    }

    /** The server's message without the driver's "ERROR: " and the lines (Position, Hint, Where) it adds below. */
    private static String postgresFirstLine(SQLException e) {
        return H2Errors.firstLine(e).replaceFirst("^(ERROR|FATAL): ", "");
    }

    private static boolean readOnly(Connection connection) {
        try {
            return connection.isReadOnly();
        } catch (SQLException e) {
            return false;
        }
    }

    private static String role(Connection connection) {
        try {
            return connection.getMetaData().getUserName();
        } catch (SQLException e) {
            return "(unknown)";
        }
    }

    /**
     * The index in {@code statement.jdbcSql()} of the character PostgreSQL places at {@code sent}
     * (0-based): its driver sends each parameter's {@code ?} as {@code $1}, {@code $2}... A {@code ?}
     * that is a parameter is one outside quotes and comments (SqlStatements refuses the others).
     */
    static int sentToJdbc(SqlStatements.Statement statement, int sent) {
        String sql = statement.jdbcSql();
        if (statement.parameters().isEmpty()) return sent;
        int position = 0;
        int parameter = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
            int end;
            if (c == '\'' || c == '"' || c == '`') {
                end = sql.indexOf(c, i + 1);
                while (end >= 0 && end + 1 < sql.length() && sql.charAt(end + 1) == c) end = sql.indexOf(c, end + 2);
                end = end < 0 ? sql.length() : end + 1;
            } else if (c == '$' && next == '$') {
                end = sql.indexOf("$$", i + 2);
                end = end < 0 ? sql.length() : end + 2;
            } else if (c == '-' && next == '-') {
                end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
            } else if (c == '/' && next == '*') {
                end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
            } else if (c == '?') {
                int width = ("$" + (++parameter)).length();
                if (sent < position + width) return i;
                position += width;
                i++;
                continue;
            } else {
                end = i + 1;
            }
            if (sent < position + (end - i)) return i + (sent - position);
            position += end - i;
            i = end;
        }
        return sql.length();
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
    private static String marked(SqlStatements.Statement statement, String text, int jdbcIndex) {
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

    private static String unknownTableNamed(String name, Connection connection) {
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
