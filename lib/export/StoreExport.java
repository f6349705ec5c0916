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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import valor.base.Failure;
import valor.ik.IkCodec;
import valor.ik.IkSeries;
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
    /** The decoded IK series, one row per session, joint and sample; not a table of the store but its IK_SAMPLES function's rows. */
    public static final String IK_SAMPLES = "ik_samples";

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
    public static Result write(Connection store, List<String> tables, ExportFormat format, Path out) throws SQLException, IOException {
        ExportTarget target = ExportTarget.prepare(out, format);
        boolean done = false;
        try {
            Result result = writeInto(store, tables, format, target);
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

    private static Result writeInto(Connection store, List<String> tables, ExportFormat format, ExportTarget target) throws SQLException {
        Engine engine = Engine.of(store);
        if (engine == Engine.H2) {
            try (Statement lazy = store.createStatement()) {
                // Rows stream from each table to DuckDB: built whole first, a million sessions with their JSON outgrow the heap.
                lazy.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
            return copyAll(store, engine, tables, format, target);
        }
        // PostgreSQL's driver streams a result through a cursor (FETCH_SIZE rows at a time) only inside a
        // transaction; one transaction for the whole export also gives every table the same snapshot.
        boolean autoCommit = store.getAutoCommit();
        store.setAutoCommit(false);
        try {
            try (Statement snapshot = store.createStatement()) {
                snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            return copyAll(store, engine, tables, format, target);
        } finally {
            try {
                store.rollback(); // read only: nothing to keep
            } finally {
                store.setAutoCommit(autoCommit);
            }
        }
    }

    private static Result copyAll(Connection store, Engine engine, List<String> tables, ExportFormat format, ExportTarget target) throws SQLException {
        Map<String, String> inStore = storeTables(store);
        List<Table> written = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (DuckDBConnection duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + target.database())) {
            try (Statement settings = duck.createStatement()) {
                settings.execute("SET TimeZone = 'UTC'"); // TIMESTAMPTZ values in CSV and DuckDB read as UTC
            }
            for (String table : tables) {
                boolean ik = table.equals(IK_SAMPLES) && !inStore.containsKey(table);
                long rows = ik ? copyIkSamples(store, engine, duck, target, format) : copyTable(store, inStore.get(table), table, duck, warnings);
                if (format.oneFilePerTable() && !ik) {
                    try (Statement copy = duck.createStatement()) {
                        copy.execute("COPY " + quote(table) + " TO " + literal(target.tableFile(table).toString()) + " " + format.copyOptions());
                        copy.execute("DROP TABLE " + quote(table));
                    }
                }
                written.add(new Table(table, rows));
            }
        }
        return new Result(target.out(), written, warnings);
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

    private static long copyTable(Connection store, String storeName, String table, DuckDBConnection duck, List<String> warnings) throws SQLException {
        try (Statement query = store.createStatement()) {
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = query.executeQuery("SELECT * FROM " + quote(storeName))) {
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
                        count++;
                    }
                }
                settleMeasuredDecimals(duck, table, columns, warnings);
                return count;
            }
        }
    }

    /**
     * Every stored IK series in long form, as the store's IK_SAMPLES function gives one session's
     * (a sample per row up to the joint's longest array; NaN, a null in the API's array, is NULL).
     * A row-at-a-time copy of the demo's 170 million samples takes many minutes, so each joint goes
     * to DuckDB as one list (decoded here with the store's codec on H2; a native array on PostgreSQL,
     * whose ik_samples function gives the same rows) and DuckDB unnests them.
     */
    private static long copyIkSamples(Connection store, Engine engine, DuckDBConnection duck, ExportTarget target, ExportFormat format) throws SQLException {
        Path stage = target.stagingDatabase();
        try (Statement ddl = duck.createStatement()) {
            ddl.execute("ATTACH " + literal(stage.toString()) + " AS ik_stage");
            ddl.execute("CREATE TABLE ik_stage.ik_times (session_id VARCHAR, athlete_id VARCHAR, time_s DOUBLE[])");
            ddl.execute("CREATE TABLE ik_stage.ik_joints (session_id VARCHAR, position INTEGER, joint VARCHAR, samples INTEGER, angle DOUBLE[])");
        }
        List<String[]> sessions = new ArrayList<>();
        try (Statement query = store.createStatement();
             ResultSet rows = query.executeQuery("SELECT i.session_id, s.athlete_id FROM ik_series i"
                     + " LEFT JOIN sessions s ON s.session_id = i.session_id ORDER BY i.session_id")) {
            while (rows.next()) sessions.add(new String[] {rows.getString(1), rows.getString(2)});
        }
        try (DuckDBAppender times = duck.createAppender("ik_stage", "main", "ik_times");
             DuckDBAppender joints = duck.createAppender("ik_stage", "main", "ik_joints");
             PreparedStatement timeQuery = store.prepareStatement("SELECT time_data FROM ik_series WHERE session_id = ?");
             // Of the velocity and acceleration arrays only their lengths count (a joint has as many samples as its longest
             // array); PostgreSQL tells them without sending the arrays, H2's are decoded here.
             PreparedStatement jointQuery = store.prepareStatement("SELECT position, joint, angle_data, "
                     + (engine == Engine.H2 ? "velocity_data, acceleration_data" : "cardinality(velocity_data), cardinality(acceleration_data)")
                     + " FROM ik_joint_series WHERE session_id = ? ORDER BY position")) {
            for (String[] session : sessions) {
                timeQuery.setString(1, session[0]);
                jointQuery.setString(1, session[0]);
                try (ResultSet rows = timeQuery.executeQuery()) {
                    times.beginRow().append(session[0]);
                    if (session[1] == null) times.appendNull(); else times.append(session[1]);
                    double[] time = rows.next() ? ikArray(rows, 1, engine) : null;
                    if (time == null) times.appendNull(); else times.append(time);
                    times.endRow();
                }
                try (ResultSet rows = jointQuery.executeQuery()) {
                    while (rows.next()) {
                        double[] angle = ikArray(rows, 3, engine);
                        int samples = Math.max(IkSeries.length(angle), Math.max(ikLength(rows, 4, engine), ikLength(rows, 5, engine)));
                        joints.beginRow().append(session[0]).append(rows.getInt(1)).append(rows.getString(2)).append(samples);
                        if (angle == null) joints.appendNull(); else joints.append(angle);
                        joints.endRow();
                    }
                }
            }
        }
        // Lists unnested side by side in one SELECT zip, the shorter padded with NULL, so a joint
        // gives exactly its sample count of rows without a join per sample.
        String samples = "SELECT session_id, athlete_id, joint, sample,"
                + " CASE WHEN isnan(time_s) THEN NULL ELSE time_s END AS time_s, CASE WHEN isnan(angle) THEN NULL ELSE angle END AS angle"
                + " FROM (SELECT j.session_id, t.athlete_id, j.joint, CAST(unnest(range(j.samples)) AS INTEGER) AS sample,"
                + " unnest(t.time_s[1:j.samples]) AS time_s, unnest(j.angle) AS angle"
                + " FROM ik_stage.ik_joints j JOIN ik_stage.ik_times t ON t.session_id = j.session_id)";
        long count;
        try (Statement sql = duck.createStatement()) {
            if (format.oneFilePerTable()) {
                sql.execute("COPY (" + samples + ") TO " + literal(target.tableFile(IK_SAMPLES).toString()) + " " + format.copyOptions());
            } else {
                sql.execute("CREATE TABLE " + IK_SAMPLES + " AS " + samples);
            }
            try (ResultSet rows = sql.executeQuery("SELECT SUM(samples) FROM ik_stage.ik_joints")) {
                count = rows.next() ? rows.getLong(1) : 0;
            }
            sql.execute("DETACH ik_stage");
        }
        target.dropStagingDatabase();
        return count;
    }

    /**
     * One IK array column: on H2 encoded by IkCodec, on PostgreSQL a native double precision[]
     * (NaN for a null sample on both); null when the API sent no such array.
     */
    private static double[] ikArray(ResultSet rows, int column, Engine engine) throws SQLException {
        if (engine == Engine.H2) return IkCodec.decode(rows.getBytes(column));
        java.sql.Array array = rows.getArray(column);
        if (array == null) return null;
        try {
            Object values = array.getArray();
            if (values instanceof double[] primitive) return primitive;
            Object[] boxed = (Object[]) values;
            double[] decoded = new double[boxed.length];
            for (int i = 0; i < boxed.length; i++) decoded[i] = boxed[i] == null ? Double.NaN : ((Number) boxed[i]).doubleValue();
            return decoded;
        } finally {
            array.free();
        }
    }

    /** The length of an IK array column (0 when the API sent none): decoded on H2, the column is its cardinality on PostgreSQL. */
    private static int ikLength(ResultSet rows, int column, Engine engine) throws SQLException {
        return engine == Engine.H2 ? IkSeries.length(IkCodec.decode(rows.getBytes(column))) : rows.getInt(column);
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

    private static boolean hasIkSeries(Connection store) throws SQLException {
        try (Statement query = store.createStatement(); ResultSet rows = query.executeQuery("SELECT EXISTS (SELECT 1 FROM ik_series)")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
