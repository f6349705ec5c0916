package valor.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;
import valor.base.Failure;
import valor.store.H2Errors;

/**
 * Turns H2's (or PostgreSQL's) error for a failed statement into what an analyst can act on: a
 * syntax error's line, column and word, with the statement and a caret below ({@link SqlSyntax});
 * an unknown column or table answered with the closest names there are ({@link UnknownColumn}); a
 * parameter whose value does not convert named with the type it needs ({@link ParameterValue});
 * and a change refused to the read-only user with how to allow it.
 */
public final class SqlErrors {
    private static final Pattern EXPECTED = Pattern.compile("; expected \"([^\"]*)\"");
    private static final Pattern TABLE = Pattern.compile("Table \"([^\"]+)\" not found");
    private static final Pattern COLUMN = Pattern.compile("Column \"([^\"]+)\" not found");
    private static final Pattern OBJECT = Pattern.compile("rights for object \"([^\"]+)\"");

    private SqlErrors() {}

    /**
     * @param text   the whole SQL text the statement came from, for line and column numbers
     * @param values the value bound to each parameter
     * @param given  the parameters given with -p (the others have their defaults)
     */
    public static Failure explain(SQLException e, SqlStatements.Statement statement, String text, Map<String, String> values,
                                  Set<String> given, Connection connection) {
        if (PostgresSqlErrors.from(e)) return PostgresSqlErrors.explain(e, statement, text, values, given, connection);
        String message = H2Errors.firstLine(e);
        switch (e.getErrorCode()) {
            case ErrorCode.SYNTAX_ERROR_1, ErrorCode.SYNTAX_ERROR_2:
                return syntaxError(e.getMessage(), statement, text);
            case ErrorCode.COLUMN_NOT_FOUND_1: {
                Matcher column = COLUMN.matcher(message);
                return column.find() ? UnknownColumn.explain(unescape(column.group(1)), statement, text, -1, connection) : Failure.failed(message, e);
            }
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1, ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2,
                    ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1: {
                Matcher table = TABLE.matcher(message);
                return unknownTable(table.find() ? unescape(table.group(1)).toLowerCase(Locale.ROOT) : "?", statement, text, -1, connection);
            }
            case ErrorCode.DATA_CONVERSION_ERROR_1, ErrorCode.INVALID_DATETIME_CONSTANT_2: {
                Failure parameter = ParameterValue.explain(message, text, values, given);
                return parameter != null ? parameter : Failure.failed(message, e);
            }
            case ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1, ErrorCode.ADMIN_RIGHTS_REQUIRED, ErrorCode.DATABASE_IS_READ_ONLY:
                Matcher object = OBJECT.matcher(message);
                String what = object.find() ? " (" + object.group(1).toLowerCase(Locale.ROOT).replaceFirst("^public\\.", "") + ")" : "";
                return Failure.failed("refused: the store is open read-only and this statement would change it" + what
                        + "; add --write to allow changes");
            default:
                return Failure.failed(message, e);
        }
    }

    /** H2 quotes the statement with [*] where it stopped, and sometimes a list of what it expected there. */
    private static Failure syntaxError(String h2Message, SqlStatements.Statement statement, String text) {
        String quoted = quotedStatement(h2Message);
        if (quoted == null || !quoted.contains("[*]")) return Failure.failed("syntax error: " + h2Message.lines().findFirst().orElse(""));
        Matcher expecting = EXPECTED.matcher(h2Message);
        List<String> expected = expecting.find() ? List.of(expecting.group(1).split(", ")) : List.of();
        return SqlSyntax.explain(statement, text, unescape(quoted.substring(0, quoted.indexOf("[*]"))).length(), expected);
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

    /** H2 quotes the statement, and names in its messages, with "" for " and \hhhh for control characters. */
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

    /** An unknown table: the closest names there are (or all of them), and a caret under it where the statement names it. */
    static Failure unknownTable(String name, SqlStatements.Statement statement, String text, int jdbcIndex, Connection connection) {
        // H2 reads "CROSS JOIN LATERAL f(t.x)" as a join to a table named lateral.
        String message = name.equals("lateral") ? "H2 has no LATERAL: a function in FROM cannot take a column of another table there."
                + " For joint angles, IK_SAMPLES_OF(athlete, since, until, joint) gives many sessions' samples with their session_id"
                + " to join on (valor-sql --show joint-angles)" : TableDescription.unknown(name, tableNames(connection));
        int at = jdbcIndex >= 0 ? jdbcIndex : wordAt(statement.jdbcSql(), name);
        if (at < 0) return Failure.failed(message);
        return Failure.failed(message).withDetails(ErrorSpot.of(statement, text, at, name.length()).details());
    }

    /** Where a name stands in the SQL as a whole word, in any case; -1 if nowhere. */
    private static int wordAt(String sql, String name) {
        Matcher word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE).matcher(sql);
        return word.find() ? word.start() : -1;
    }

    /** The store's tables, then its views, by name (in lower case), without the toolkit's own bookkeeping ({@link StoreTables#INTERNAL}). */
    static List<String> tableNames(Connection connection) {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = " + StoreTables.schema(connection) + " ORDER BY TABLE_TYPE, TABLE_NAME")) {
            while (rows.next()) if (!StoreTables.INTERNAL.contains(rows.getString(1))) names.add(rows.getString(1));
        } catch (SQLException | IllegalStateException e) {
            // PostgreSQL answers nothing in a transaction a failed statement aborted (valor-shell's own transaction)
            names.add("(the list is not available: " + (e instanceof SQLException sql ? H2Errors.firstLine(sql) : e.getMessage()) + ")");
        }
        return names;
    }
}
