package valor.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGResultSetMetaData;
import valor.store.Engine;

/**
 * What a query's result columns mean, for titles a person reads (valor-chart's axes): the saved
 * query's own {@code -- column} lines first, else the schema's comment on the table or view column
 * the result column is read from as it is (valor-sql --describe's meanings). A computed column
 * without a line has no meaning here.
 */
public final class ColumnMeanings {
    private ColumnMeanings() {}

    /**
     * Where each column of a result comes from: "table.column" in lower case when it is a column
     * read as it is from a table or view, else null. Read while the result is open.
     */
    public static List<String> origins(ResultSetMetaData meta) throws SQLException {
        PGResultSetMetaData postgres = meta.isWrapperFor(PGResultSetMetaData.class) ? meta.unwrap(PGResultSetMetaData.class) : null;
        List<String> origins = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            // PostgreSQL's driver gives the label as the column's name; its base name is the table's
            String table = postgres != null ? postgres.getBaseTableName(i) : meta.getTableName(i);
            String column = postgres != null ? postgres.getBaseColumnName(i) : meta.getColumnName(i);
            boolean known = table != null && !table.isBlank() && column != null && !column.isBlank();
            origins.add(known ? (table + "." + column).toLowerCase(Locale.ROOT) : null);
        }
        return origins;
    }

    /**
     * The meanings of the columns, by lower-case name; a column with none is left out.
     * @param origins as {@link #origins} read them, one per name
     */
    public static Map<String, String> of(Connection connection, SavedQuery query, List<String> names, List<String> origins) {
        Map<String, String> meanings = new HashMap<>();
        Map<String, Map<String, String>> byTable = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c).toLowerCase(Locale.ROOT);
            String meaning = query.columns().get(name);
            String origin = c < origins.size() ? origins.get(c) : null;
            if (meaning == null && origin != null) {
                String table = origin.substring(0, origin.indexOf('.'));
                meaning = byTable.computeIfAbsent(table, t -> commented(connection, t)).get(origin.substring(origin.indexOf('.') + 1));
            }
            if (meaning != null && !meaning.isBlank()) meanings.putIfAbsent(name, meaning);
        }
        return meanings;
    }

    /** A table's or view's column comments by lower-case column name; none for a name that is neither (a CTE's). */
    private static Map<String, String> commented(Connection connection, String table) {
        Map<String, String> comments = new HashMap<>(TableDescription.viewColumnMeanings(table));
        boolean postgres = Engine.of(connection) == Engine.POSTGRES;
        try (PreparedStatement find = connection.prepareStatement(postgres
                ? "SELECT LOWER(a.attname), col_description(a.attrelid, a.attnum) FROM pg_catalog.pg_attribute a"
                        + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = current_schema() AND LOWER(c.relname) = ? AND a.attnum > 0"
                : "SELECT LOWER(COLUMN_NAME), REMARKS FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' AND LOWER(TABLE_NAME) = ?")) {
            find.setString(1, table);
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) if (rows.getString(2) != null && !rows.getString(2).isBlank()) comments.putIfAbsent(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException unreadable) {
            // no titles from the schema then: the axes keep the columns' names
        }
        return comments;
    }
}
