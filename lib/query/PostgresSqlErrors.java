package valor.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import valor.base.Failure;
import valor.store.H2Errors;

/**
 * {@link SqlErrors} for a team store: PostgreSQL's error for a failed statement, by its SQLSTATE,
 * as H2's is answered (a syntax error's line, column and word with a caret below, an unknown
 * table's or column's nearest names, a parameter that does not convert, a refused change and how
 * to allow it).
 */
final class PostgresSqlErrors {
    /** PostgreSQL's unknown table: {@code relation "sesions" does not exist}. */
    private static final Pattern RELATION = Pattern.compile("relation \"([^\"]+)\" does not exist");
    /** PostgreSQL's unknown column: {@code column "athlet_name" does not exist}, {@code column s.athlet_name does not exist}. */
    private static final Pattern COLUMN = Pattern.compile("column \"?([^\" ]+)\"? does not exist");
    /** The lines PostgreSQL's driver adds to a server error's message: {@code   Position: 15}, {@code   Hint: ...}. */
    private static final Pattern POSITION = Pattern.compile("^\\s*Position: (\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern HINT = Pattern.compile("^\\s*Hint: (.+)$", Pattern.MULTILINE);

    private PostgresSqlErrors() {}

    /** By the exception's class, not the connection's engine: a connection the server closed cannot say which it is. */
    static boolean from(SQLException e) {
        return e.getClass().getName().startsWith("org.postgresql.");
    }

    /** PostgreSQL's errors, by SQLSTATE; the position it gives (in the SQL as sent) becomes a line and column of the text. */
    static Failure explain(SQLException e, SqlStatements.Statement statement, String text, Map<String, String> values,
                           Set<String> given, Connection connection) {
        String message = postgresFirstLine(e);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Matcher position = POSITION.matcher(String.valueOf(e.getMessage()));
        int at = position.find() ? sentToJdbc(statement, Integer.parseInt(position.group(1)) - 1) : -1;
        Matcher hint = HINT.matcher(String.valueOf(e.getMessage()));
        String hinted = hint.find() ? " (" + hint.group(1).strip() + ")" : "";
        switch (state) {
            case "42601": // syntax_error
                if (at < 0) return Failure.failed("syntax error: " + message);
                return SqlSyntax.explain(statement, text, at, List.of());
            case "42P01": { // undefined_table
                Matcher table = RELATION.matcher(message);
                String name = table.find() ? table.group(1).toLowerCase(Locale.ROOT).replaceFirst("^public\\.", "") : "?";
                return SqlErrors.unknownTable(name, statement, text, at, connection);
            }
            case "42703": { // undefined_column
                Matcher column = COLUMN.matcher(message);
                if (column.find()) return UnknownColumn.explain(column.group(1), statement, text, at, connection);
                break;
            }
            case "22P02", "22007", "22008": { // invalid_text_representation, invalid_datetime_format, datetime_field_overflow
                Failure parameter = ParameterValue.explain(message, text, values, given);
                if (parameter != null) return parameter;
                break;
            }
            case "25006": // read_only_sql_transaction
                if (readOnly(connection)) {
                    return Failure.failed("refused: the store is open read-only and this statement would change it; add --write to allow changes");
                }
                return Failure.failed("refused: PostgreSQL role " + role(connection) + " may only read this store (its transactions are"
                        + " read-only: " + message + "); changes need the role that writes the store");
            case "42501": // insufficient_privilege
                return Failure.failed("refused: PostgreSQL role " + role(connection) + " has no right to do this: " + message
                        + (readOnly(connection) ? "" : " (the store's admin grants rights; docs/team-store.md)"));
            default:
                break;
        }
        if (at < 0) return Failure.failed(message + hinted, e);
        ErrorSpot spot = ErrorSpot.of(statement, text, at, 1);
        return Failure.failed(message + hinted + " at " + spot.where(), e).withDetails(spot.details());
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
}
