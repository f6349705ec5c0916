package valor.query;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import valor.base.ClasspathResources;
import valor.base.Failure;
import valor.output.ResultColumns;
import valor.output.ResultWriter;
import valor.store.Engine;

/**
 * What {@code valor-sql --describe NAME} shows: a table's or view's columns, their types and what
 * each means. The meanings are the schema's own comments (COMMENT ON, in sql/migrations for tables
 * and beside each view in sql/views), which H2 keeps as REMARKS in INFORMATION_SCHEMA (PostgreSQL in
 * pg_description); but H2 forgets a view column's comment when the database closes, so those are read
 * from the view files themselves. Types read as H2 names them on either engine ({@link StoreTables#typeName}).
 */
public final class TableDescription {
    private static final Pattern COLUMN_COMMENT = Pattern.compile(
            "^COMMENT\\s+ON\\s+COLUMN\\s+(\\w+)\\.(\\w+)\\s+IS\\s+'((?:[^']|'')*)'", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private TableDescription() {}

    /**
     * Writes NAME's columns as rows (column, type, meaning); the formats for people get a title line
     * with the table's own meaning first, on {@code out}. An unknown name is a usage error naming the
     * closest names there are.
     */
    public static long print(Connection connection, String name, ResultWriter writer, ResultWriter.Format format, PrintStream out)
            throws SQLException {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replaceFirst("^public\\.", "");
        String identifier = null;
        String kind = null;
        String meaning = null;
        boolean postgres = Engine.of(connection) == Engine.POSTGRES;
        // PostgreSQL keeps comments in pg_description, not in INFORMATION_SCHEMA
        try (PreparedStatement find = connection.prepareStatement(postgres
                ? "SELECT t.table_name, t.table_type, obj_description(c.oid, 'pg_class') FROM information_schema.tables t"
                        + " JOIN pg_catalog.pg_namespace n ON n.nspname = t.table_schema"
                        + " JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = t.table_name"
                        + " WHERE t.table_schema = current_schema() AND LOWER(t.table_name) = ? ORDER BY t.table_name"
                : "SELECT TABLE_NAME, TABLE_TYPE, REMARKS FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' AND LOWER(TABLE_NAME) = ?")) {
            find.setString(1, wanted);
            try (ResultSet table = find.executeQuery()) {
                if (table.next()) {
                    identifier = table.getString(1);
                    kind = table.getString(2).equals("VIEW") ? "view" : "table";
                    meaning = table.getString(3);
                }
            }
        }
        if (identifier == null) throw Failure.usage(unknown(wanted, SqlErrors.tableNames(connection)));

        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement list = connection.prepareStatement(postgres
                ? "SELECT LOWER(col.column_name), col.data_type, col.udt_name, col_description(c.oid, CAST(col.ordinal_position AS INTEGER))"
                        + " FROM information_schema.columns col"
                        + " JOIN pg_catalog.pg_namespace n ON n.nspname = col.table_schema"
                        + " JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = col.table_name"
                        + " WHERE col.table_schema = current_schema() AND col.table_name = ? ORDER BY col.ordinal_position"
                : "SELECT LOWER(COLUMN_NAME), DATA_TYPE, CAST(NULL AS VARCHAR), REMARKS"
                        + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            list.setString(1, identifier);
            try (ResultSet rows = list.executeQuery()) {
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), StoreTables.typeName(rows.getString(2), rows.getString(3)), rows.getString(4)});
                }
            }
        }
        Map<String, String> fromFiles = kind.equals("view") ? viewColumnMeanings(wanted) : Map.of();
        for (String[] column : columns) if (column[2] == null || column[2].isBlank()) column[2] = fromFiles.getOrDefault(column[0], "");
        if (format.forPeople()) out.println(wanted + " (" + kind + ")" + (meaning == null || meaning.isBlank() ? "" : ": " + meaning));
        writer.begin(new ResultColumns(List.of("column", "type", "meaning"), List.of(Types.VARCHAR, Types.VARCHAR, Types.VARCHAR)));
        for (String[] column : columns) {
            List<String> lines = StoreTables.wrap(column[2], StoreTables.cellWidth(format), " ");
            writer.row(new Object[] {column[0], column[1], lines.get(0)});
            for (String more : lines.subList(1, lines.size())) writer.row(new Object[] {"", "", more});
        }
        writer.end();
        return columns.size();
    }

    /** The COMMENT ON COLUMN meanings the files of sql/views give a view's columns, by column name. */
    static Map<String, String> viewColumnMeanings(String view) {
        Map<String, String> meanings = new HashMap<>();
        for (String file : ClasspathResources.list("sql/views")) {
            if (!file.endsWith(".sql")) continue;
            Matcher comment = COLUMN_COMMENT.matcher(ClasspathResources.read("sql/views/" + file));
            while (comment.find()) {
                if (comment.group(1).equalsIgnoreCase(view)) meanings.put(comment.group(2).toLowerCase(Locale.ROOT), comment.group(3).replace("''", "'"));
            }
        }
        return meanings;
    }

    /** One line: the name was not found, and the names closest to it (or, when none is close, every name there is). */
    static String unknown(String wanted, List<String> names) {
        List<String> close = EditDistance.closest(wanted, names, 5);
        if (close.isEmpty()) {
            return "no table or view named " + wanted + "; the store has: " + String.join(", ", names);
        }
        return "no table or view named " + wanted + "; did you mean " + EditDistance.choices(close) + "? (valor-sql --tables lists them all)";
    }
}
