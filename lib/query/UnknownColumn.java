package valor.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import valor.base.Failure;

/**
 * A column no table of the statement has, answered with the closest columns those tables do have
 * (the tables and views of the store whose names the statement mentions), or, when none is close,
 * their columns; with a caret under the name in the statement.
 */
final class UnknownColumn {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int LISTED = 30;

    private UnknownColumn() {}

    /**
     * @param name      the column as the engine named it, perhaps qualified ({@code s.athlet_name})
     * @param jdbcIndex where the engine placed it in the statement, or -1 to look for it
     */
    static Failure explain(String name, SqlStatements.Statement statement, String text, int jdbcIndex, Connection connection) {
        String qualified = name.toLowerCase(Locale.ROOT);
        String column = qualified.substring(qualified.lastIndexOf('.') + 1);
        Map<String, List<String>> tables = columnsOfTablesIn(statement.jdbcSql(), connection);
        List<String> all = tables.values().stream().flatMap(List::stream).distinct().toList();
        List<String> close = EditDistance.closest(column, all, 3);
        String in = tables.isEmpty() ? "" : " in " + EditDistance.choices(new ArrayList<>(tables.keySet()));
        String answer;
        if (!close.isEmpty()) {
            answer = "; did you mean " + EditDistance.choices(close) + "?";
        } else if (tables.size() == 1 && !all.isEmpty()) {
            String table = tables.keySet().iterator().next();
            answer = "; " + table + " has " + String.join(", ", all.subList(0, Math.min(LISTED, all.size())))
                    + (all.size() > LISTED ? ", ..." : "") + " (valor-sql --describe " + table + ")";
        } else {
            answer = "; valor-sql --describe TABLE lists a table's columns";
        }
        Failure failure = Failure.failed("no column " + qualified + in + answer);
        int at = jdbcIndex >= 0 ? jdbcIndex : find(statement.jdbcSql(), qualified);
        if (at < 0) return failure;
        String sql = statement.jdbcSql();
        int width = sql.regionMatches(true, at, qualified, 0, qualified.length()) ? qualified.length() : SqlSyntax.token(sql, at).length();
        ErrorSpot spot = ErrorSpot.of(statement, text, at, width);
        return Failure.failed("no column " + qualified + in + " (" + spot.where() + ")" + answer).withDetails(spot.details());
    }

    /** The store's tables and views the statement names, each with its columns in order. */
    private static Map<String, List<String>> columnsOfTablesIn(String sql, Connection connection) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(sql);
        while (word.find()) words.add(word.group().toLowerCase(Locale.ROOT));
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : SqlErrors.tableNames(connection)) {
            if (words.contains(table)) tables.put(table, new ArrayList<>());
        }
        if (tables.isEmpty()) return tables;
        String query = "SELECT LOWER(TABLE_NAME), LOWER(COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = "
                + StoreTables.schema(connection) + " ORDER BY TABLE_NAME, ORDINAL_POSITION";
        try (PreparedStatement columns = connection.prepareStatement(query); ResultSet rows = columns.executeQuery()) {
            while (rows.next()) {
                List<String> of = tables.get(rows.getString(1));
                if (of != null) of.add(rows.getString(2));
            }
        } catch (SQLException e) {
            // PostgreSQL answers nothing in a transaction the failed statement aborted: the tables without their columns
        }
        return tables;
    }

    /** Where the name stands in the SQL as a whole word (any case), outside quotes; -1 if nowhere. */
    private static int find(String sql, String name) {
        Matcher word = Pattern.compile("(?<![A-Za-z0-9_.\"'])" + Pattern.quote(name) + "(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE).matcher(sql);
        while (word.find()) {
            if (!insideQuotes(sql, word.start())) return word.start();
        }
        return -1;
    }

    private static boolean insideQuotes(String sql, int at) {
        boolean single = false;
        for (int i = 0; i < at; i++) if (sql.charAt(i) == '\'') single = !single;
        return single;
    }
}
