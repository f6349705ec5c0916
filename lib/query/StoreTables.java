package valor.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import valor.output.ResultColumns;
import valor.output.ResultWriter;
import valor.store.Engine;

/**
 * What {@code valor-sql --tables} shows: every table and view of the store, its row count and its
 * columns, from INFORMATION_SCHEMA (H2's, or PostgreSQL's in the role's current schema). The table format cuts a cell longer than {@value #TABLE_CELL} characters, so there a
 * long column list goes on as many rows as it needs instead; other formats get it whole, in one row.
 */
public final class StoreTables {
    /** The widest cell the table format shows whole (TextTableWriter caps longer ones with "…"). */
    static final int TABLE_CELL = 60;

    /**
     * Tables valor-sync keeps for itself (migrations, the views' version, resumable passes, deferred
     * indexes, how far the summaries count): --tables lists them, but an error's "the store has" and
     * "did you mean" leave them out, as no query of an analyst's is after them.
     */
    static final Set<String> INTERNAL = Set.of("schema_migrations", "schema_views", "summary_state", "sync_deferred_indexes",
            "sync_pass_pages", "sync_passes");

    private StoreTables() {}

    /** @param format the writer's format: the table format gets long column lists wrapped onto rows of their own */
    public static long print(Connection connection, ResultWriter writer, ResultWriter.Format format) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        boolean postgres = Engine.of(connection) == Engine.POSTGRES;
        try (Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery("SELECT LOWER(t.TABLE_NAME), CASE WHEN t.TABLE_TYPE = 'VIEW' THEN 'view' ELSE 'table' END,"
                     + " LOWER(c.COLUMN_NAME), c.DATA_TYPE, " + (postgres ? "c.udt_name" : "CAST(NULL AS VARCHAR)") + ", t.TABLE_NAME"
                     + " FROM INFORMATION_SCHEMA.TABLES t"
                     + " JOIN INFORMATION_SCHEMA.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME"
                     + " WHERE t.TABLE_SCHEMA = " + schema(connection)
                     + " ORDER BY 2, 1, t.TABLE_NAME, c.ORDINAL_POSITION")) {
            Object[] row = null;
            StringBuilder list = null;
            while (columns.next()) {
                String identifier = columns.getString(6);
                if (row == null || !identifier.equals(identifiers.get(identifiers.size() - 1))) {
                    if (row != null) row[3] = list.toString();
                    row = new Object[] {columns.getString(1), columns.getString(2), null, null};
                    rows.add(row);
                    identifiers.add(identifier);
                    list = new StringBuilder();
                } else {
                    list.append(", ");
                }
                list.append(columns.getString(3)).append(' ').append(typeName(columns.getString(4), columns.getString(5)));
            }
            if (row != null) row[3] = list.toString();
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

    /** The store's schema as a SQL expression: H2's PUBLIC, or PostgreSQL's current schema (public, unless the role's search_path says otherwise). */
    static String schema(Connection connection) {
        return Engine.of(connection) == Engine.POSTGRES ? "current_schema()" : "'PUBLIC'";
    }

    /**
     * A column's type as H2 names it, in lower case, whichever engine the store is on: PostgreSQL's
     * {@code timestamp without time zone} reads {@code timestamp}, its {@code text} (what a view's
     * {@code ||} gives) {@code character varying}, and an array its element type and {@code array}
     * (from {@code udtName}, PostgreSQL's {@code _float8}; null on H2).
     */
    static String typeName(String dataType, String udtName) {
        String type = dataType == null ? "" : dataType.toLowerCase(Locale.ROOT);
        if (udtName == null) return type;
        if (type.equals("array") && udtName.startsWith("_")) return postgresType(udtName.substring(1)) + " array";
        if (type.equals("user-defined")) return udtName;
        return switch (type) {
            case "timestamp without time zone" -> "timestamp";
            case "time without time zone" -> "time";
            case "text" -> "character varying";
            case "bytea" -> "binary varying";
            case "jsonb" -> "json";
            default -> type;
        };
    }

    /** PostgreSQL's internal name of a type (an array's element type) as H2 spells it. */
    private static String postgresType(String udtName) {
        return switch (udtName) {
            case "float8" -> "double precision";
            case "float4" -> "real";
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "bool" -> "boolean";
            case "varchar", "text" -> "character varying";
            case "bpchar" -> "character";
            case "timestamp" -> "timestamp";
            case "timestamptz" -> "timestamp with time zone";
            case "bytea" -> "binary varying";
            case "jsonb" -> "json";
            default -> udtName;
        };
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
