package valor.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import valor.output.ResultColumns;
import valor.output.ResultWriter;

/** What {@code valor-sql --tables} shows: every table and view of the store, its row count and its columns. */
public final class StoreTables {
    private StoreTables() {}

    public static long print(Connection connection, ResultWriter writer) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("""
                     SELECT LOWER(t.TABLE_NAME), CASE WHEN t.TABLE_TYPE = 'VIEW' THEN 'view' ELSE 'table' END,
                            LISTAGG(LOWER(c.COLUMN_NAME) || ' ' || LOWER(c.DATA_TYPE), ', ') WITHIN GROUP (ORDER BY c.ORDINAL_POSITION),
                            t.TABLE_NAME
                     FROM INFORMATION_SCHEMA.TABLES t
                     JOIN INFORMATION_SCHEMA.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
                     WHERE t.TABLE_SCHEMA = 'PUBLIC'
                     GROUP BY t.TABLE_NAME, t.TABLE_TYPE
                     ORDER BY 2, 1""")) {
            while (tables.next()) {
                rows.add(new Object[] {tables.getString(1), tables.getString(2), null, tables.getString(3)});
                identifiers.add(tables.getString(4));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.get(i);
                if (!row[1].equals("table")) continue;
                String quoted = "\"" + identifiers.get(i).replace("\"", "\"\"") + "\"";
                try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + quoted)) {
                    count.next();
                    row[2] = count.getLong(1);
                }
            }
        }
        writer.begin(new ResultColumns(List.of("name", "type", "rows", "columns"),
                List.of(Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR)));
        rows.forEach(writer::row);
        writer.end();
        return rows.size();
    }
}
