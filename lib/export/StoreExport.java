//DEPS org.duckdb:duckdb_jdbc:1.5.2.1
package valor.export;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import valor.base.Failure;
import valor.store.Engine;

/**
 * Copies tables and views of the store (an open H2 or PostgreSQL connection) into DuckDB with its
 * appender, and the decoded IK series as the long table ik_samples, then writes them in the chosen format.
 * Every run writes everything again: there is no incremental export.
 */
public final class StoreExport {
    /** What analysts query: the synced tables, the views over them, and the sync log. */
    public static final List<String> DEFAULT_TABLES = List.of("athletes", "sessions", "exercises", "assessments", "session_details",
            "athlete_summary", "assessment_details", "report_metrics", "report_metric_details", "ik_joint_summary", "sync_runs");
    /** The decoded IK series, one row per session, joint and sample; not a table of the store but its IK_SAMPLES_OF function's rows. */
    public static final String IK_SAMPLES = IkSamplesExport.TABLE;
    /** DuckDB's own memory, beside the JVM's heap: every copy streams, so a little is enough (DuckDB's default is most of the machine's). */
    private static final String DUCKDB_MEMORY = "256MB";

    private static final int FETCH_SIZE = 2_000;

    private StoreExport() {}

    public record Table(String name, long rows) {}

    /** What a run wrote: the tables with their row counts, and where; warnings about columns that could not keep their type. */
    public record Result(Path out, List<Table> tables, List<String> warnings) {
        public long rows() {
            return tables.stream().mapToLong(Table::rows).sum();
        }
    }

    /** The tables to export, in lower case: those named, checked against the store, or the defaults. */
    public static List<String> tables(Connection store, List<String> requested) throws SQLException {
        Map<String, String> inStore = storeTables(store);
        if (requested.isEmpty()) {
            List<String> tables = new ArrayList<>(DEFAULT_TABLES.stream().filter(inStore::containsKey).toList());
            if (hasIkSeries(store)) tables.add(IK_SAMPLES);
            return tables;
        }
        LinkedHashSet<String> tables = new LinkedHashSet<>();
        for (String name : requested) {
            String table = name.trim().toLowerCase(Locale.ROOT);
            if (!table.equals(IK_SAMPLES) && !inStore.containsKey(table)) {
                throw Failure.usage("unknown table or view '" + name + "'; the store has " + String.join(", ", inStore.keySet()) + " and " + IK_SAMPLES);
            }
            tables.add(table);
        }
        return List.copyOf(tables);
    }

    /** Writes the tables into the target's temporary place and moves it into place; nothing is left half-written. */
    public static Result write(Connection store, List<String> tables, ExportFormat format, Path out, ExportFilter filter, ExportProgress progress)
            throws SQLException, IOException {
        ExportTarget target = ExportTarget.prepare(out, format);
        boolean done = false;
        try {
            Result result = writeInto(store, new Copy(tables, format, target, filter, progress));
            target.commit();
            done = true;
            return result;
        } finally {
            if (!done) target.abandon();
        }
    }

    /** Checks --out (a folder for Parquet and CSV, a file for DuckDB; writable) without writing anything there. */
    public static void checkOut(Path out, ExportFormat format) {
        ExportTarget.prepare(out, format).abandon();
    }

    /** What one run copies, where, and how. */
    private record Copy(List<String> tables, ExportFormat format, ExportTarget target, ExportFilter filter, ExportProgress progress) {}

    private static Result writeInto(Connection store, Copy copy) throws SQLException {
        Engine engine = Engine.of(store);
        if (engine == Engine.H2) {
            // Rows stream from each table to DuckDB: built whole first, a million sessions with their JSON outgrow the heap.
            engine.lazyResults(store, true);
            return copyAll(store, copy);
        }
        // PostgreSQL's driver streams a result through a cursor (FETCH_SIZE rows at a time) only inside a
        // transaction; one transaction for the whole export also gives every table the same snapshot.
        boolean autoCommit = store.getAutoCommit();
        store.setAutoCommit(false);
        try {
            try (Statement snapshot = store.createStatement()) {
                snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            return copyAll(store, copy);
        } finally {
            try {
                store.rollback(); // read only: nothing to keep
            } finally {
                store.setAutoCommit(autoCommit);
            }
        }
    }

    private static Result copyAll(Connection store, Copy copy) throws SQLException {
        Map<String, String> inStore = storeTables(store);
        List<Table> written = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (DuckDBConnection duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + copy.target().database())) {
            try (Statement settings = duck.createStatement()) {
                settings.execute("SET TimeZone = 'UTC'"); // TIMESTAMPTZ values in CSV and DuckDB read as UTC
                settings.execute("SET memory_limit = '" + DUCKDB_MEMORY + "'");
            }
            for (String table : copy.tables()) {
                boolean ik = table.equals(IK_SAMPLES) && !inStore.containsKey(table);
                long rows = ik ? IkSamplesExport.copy(store, duck, copy.target(), copy.format(), copy.filter().ikSelection(), copy.progress())
                        : copyTable(store, inStore.get(table), table, duck, copy.filter(), copy.progress(), warnings);
                if (copy.format().oneFilePerTable() && !ik) {
                    try (Statement write = duck.createStatement()) {
                        write.execute("COPY " + quote(table) + " TO " + literal(copy.target().tableFile(table).toString()) + " " + copy.format().copyOptions());
                        write.execute("DROP TABLE " + quote(table));
                    }
                }
                written.add(new Table(table, rows));
            }
        } finally {
            copy.progress().close();
        }
        return new Result(copy.target().out(), written, warnings);
    }

    /** Gives each decimal column loaded as text the exact type its values need (the column keeps its place). */
    private static void settleMeasuredDecimals(DuckDBConnection duck, String table, ColumnCopy[] columns, List<String> warnings) throws SQLException {
        for (ColumnCopy column : columns) {
            String type = column.settledType();
            if (type == null) continue;
            if (type.equals("VARCHAR")) {
                warnings.add(table + "." + column.name() + " has values of more than " + MeasuredDecimal.MAX_DIGITS
                        + " digits, beyond DuckDB's DECIMAL; written as text to keep them exact");
                continue;
            }
            try (Statement alter = duck.createStatement()) {
                alter.execute("ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column.name()) + " SET DATA TYPE " + type);
            }
        }
    }

    private static long copyTable(Connection store, String storeName, String table, DuckDBConnection duck, ExportFilter filter,
                                  ExportProgress progress, List<String> warnings) throws SQLException {
        ExportFilter.Where where = filter.where(columns(store, storeName));
        try (PreparedStatement query = store.prepareStatement("SELECT * FROM " + quote(storeName) + where.sql())) {
            query.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < where.values().size(); i++) query.setObject(i + 1, where.values().get(i));
            progress.start(table, 0, "rows");
            try (ResultSet rows = query.executeQuery()) {
                ColumnCopy[] columns = ColumnCopy.of(rows.getMetaData());
                List<String> definitions = new ArrayList<>();
                for (ColumnCopy column : columns) definitions.add(column.definition());
                try (Statement create = duck.createStatement()) {
                    create.execute("CREATE TABLE " + quote(table) + " (" + String.join(", ", definitions) + ")");
                }
                long count = 0;
                try (DuckDBAppender appender = duck.createAppender("main", table)) {
                    while (rows.next()) {
                        appender.beginRow();
                        for (int i = 0; i < columns.length; i++) columns[i].append(rows, i + 1, appender);
                        appender.endRow();
                        if (++count % 1_000 == 0) progress.step(1_000);
                    }
                    progress.step(count % 1_000);
                }
                settleMeasuredDecimals(duck, table, columns, warnings);
                return count;
            }
        }
    }

    /** The store's tables and views, lower-case name to the name the store knows them by (upper case on H2). */
    private static Map<String, String> storeTables(Connection store) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        String schema = Engine.of(store) == Engine.H2 ? "'PUBLIC'" : "current_schema()";
        try (Statement query = store.createStatement();
             ResultSet rows = query.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = " + schema)) {
            while (rows.next()) tables.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(1));
        }
        return tables;
    }

    /** A table's or view's columns, in lower case, as the filter decides by them. */
    private static Set<String> columns(Connection store, String storeName) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (Statement query = store.createStatement(); ResultSet rows = query.executeQuery("SELECT * FROM " + quote(storeName) + " WHERE 1 = 0")) {
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) columns.add(rows.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return columns;
    }

    private static boolean hasIkSeries(Connection store) throws SQLException {
        try (Statement query = store.createStatement(); ResultSet rows = query.executeQuery("SELECT EXISTS (SELECT 1 FROM ik_series)")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
