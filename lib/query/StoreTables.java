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

/**
 * What {@code valor-sql --tables} shows: every table and view of the store, its row count and its
 * columns. The table format cuts a cell longer than {@value #TABLE_CELL} characters, so there a
 * long column list goes on as many rows as it needs instead; other formats get it whole, in one row.
 */
public final class StoreTables {
    /** The widest cell the table format shows whole (TextTableWriter caps longer ones with "…"). */
    static final int TABLE_CELL = 60;

    private StoreTables() {}

    /** @param format the writer's format: the table format gets long column lists wrapped onto rows of their own */
    public static long print(Connection connection, ResultWriter writer, ResultWriter.Format format) throws SQLException {
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
        for (Object[] row : rows) {
            List<String> lines = wrap((String) row[3], cellWidth(format), ", ");
            writer.row(new Object[] {row[0], row[1], row[2], lines.get(0)});
            for (String more : lines.subList(1, lines.size())) writer.row(new Object[] {"", "", "", more});
        }
        writer.end();
        return rows.size();
    }

    /** How wide a cell may be in this format before it must be wrapped onto rows of its own. */
    static int cellWidth(ResultWriter.Format format) {
        return format == ResultWriter.Format.TABLE ? TABLE_CELL : Integer.MAX_VALUE;
    }

    /**
     * Text in lines of at most {@code width} characters, broken after a {@code separator} (which
     * stays at the end of its line, trailing spaces dropped); a piece longer than a line gets a line
     * of its own. Never loses a character but those spaces.
     */
    static List<String> wrap(String text, int width, String separator) {
        if (text == null || text.length() <= width) return List.of(text == null ? "" : text);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int cut = text.indexOf(separator, start);
            int end = cut < 0 ? text.length() : cut + separator.length();
            String piece = text.substring(start, end);
            if (line.length() > 0 && (line + piece).stripTrailing().length() > width) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            line.append(piece);
            start = end;
        }
        if (line.length() > 0) lines.add(line.toString().stripTrailing());
        return lines;
    }
}
