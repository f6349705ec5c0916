//DEPS org.duckdb:duckdb_jdbc:1.5.2.1
package valor.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;
import valor.ik.IkLongForm;
import valor.ik.IkSelection;
import valor.ik.StoredSeries;
import valor.store.Engine;

/**
 * valor-export's ik_samples: the selected sessions' joint angles in long form, the rows the store's
 * IK_SAMPLES_OF gives, decoded as DuckDB pulls them. A DuckDB table function of ours fills DuckDB's
 * chunks (2,048 rows) straight from the decoded arrays, a session at a time, and DuckDB writes them
 * to the Parquet or CSV file (or its table) as they come: nothing is staged, memory holds one session
 * and DuckDB's buffers. Only numbers cross from Java per row (DuckDB's appender, and strings set per
 * row, cost a microsecond or more a value); the session's athlete, date and exercise and the joint's
 * name are looked up by number in lists DuckDB holds, which keeps the rows in order.
 */
final class IkSamplesExport {
    static final String TABLE = "ik_samples";
    private static final String FUNCTION = "valor_ik_rows";

    private IkSamplesExport() {}

    /** Writes ik_samples (a file, or a table of the DuckDB database); returns its rows. */
    static long copy(Connection store, DuckDBConnection duck, ExportTarget target, ExportFormat format, IkSelection selection,
                     ExportProgress progress) throws SQLException {
        List<IkSelection.Session> sessions = selection.sessions(store);
        List<String> joints = selection.joints().isEmpty() ? jointsOf(store, sessions) : selection.joints();
        loadLookups(duck, sessions, joints);
        StoredSeries series = new StoredSeries(store, Engine.of(store) == Engine.POSTGRES);
        Rows rows = new Rows(new IkLongForm(sessions, selection, series), series, joints, progress);
        progress.start(TABLE, sessions.size(), "sessions");
        try (Statement sql = duck.createStatement()) {
            // The function is the only source and gives its rows on one thread (in order), so the whole copy runs on
            // one thread; a second DuckDB thread only waits for work, and that waiting cost 2-3 s of CPU (of about 15)
            // on the busiest athlete with no gain in wall time. One thread for this copy; the other tables keep theirs.
            sql.execute("SET threads = 1");
            DuckDBFunctions.tableFunction().withName(FUNCTION).withFunction(rows).register(duck);
            String select = "SELECT s.athlete_id[r.session_n + 1] AS athlete_id, s.athlete_name[r.session_n + 1] AS athlete_name,"
                    + " s.session_id[r.session_n + 1] AS session_id, s.recorded_at[r.session_n + 1] AS recorded_at,"
                    + " s.exercise_id[r.session_n + 1] AS exercise_id, s.exercise_name[r.session_n + 1] AS exercise_name,"
                    + " j.joint[r.joint_n + 1] AS joint, r.sample, r.time_s, r.angle, r.velocity"
                    + " FROM " + FUNCTION + "() r, (SELECT list(athlete_id ORDER BY n) AS athlete_id, list(athlete_name ORDER BY n) AS athlete_name,"
                    + " list(session_id ORDER BY n) AS session_id, list(recorded_at ORDER BY n) AS recorded_at,"
                    + " list(exercise_id ORDER BY n) AS exercise_id, list(exercise_name ORDER BY n) AS exercise_name FROM ik_sessions) s,"
                    + " (SELECT list(joint ORDER BY n) AS joint FROM ik_joint_names) j";
            try {
                if (format.oneFilePerTable()) {
                    sql.execute("COPY (" + select + ") TO " + StoreExport.literal(target.tableFile(TABLE).toString()) + " " + format.copyOptions());
                } else {
                    sql.execute("CREATE TABLE " + TABLE + " AS " + select);
                }
            } catch (SQLException e) {
                // DuckDB reports the function's exception as text; the store's own error says more.
                if (rows.failure != null) throw rows.failure;
                throw e;
            } finally {
                rows.close();
            }
            sql.execute("RESET threads");
            sql.execute("DROP TABLE ik_sessions");
            sql.execute("DROP TABLE ik_joint_names");
        }
        progress.close();
        return rows.count;
    }

    /**
     * The joints the sessions have, by ik_joint_series' primary key (session_id, joint): reading every
     * session's arrays to find 17 names took a second, most of an athlete's sessions left out.
     */
    private static List<String> jointsOf(Connection store, List<IkSelection.Session> sessions) throws SQLException {
        TreeSet<String> joints = new TreeSet<>();
        int batch = 500;
        for (int from = 0; from < sessions.size(); from += batch) {
            List<IkSelection.Session> some = sessions.subList(from, Math.min(from + batch, sessions.size()));
            try (PreparedStatement query = store.prepareStatement("SELECT DISTINCT joint FROM ik_joint_series WHERE session_id IN ("
                    + "?, ".repeat(some.size() - 1) + "?)")) {
                for (int i = 0; i < some.size(); i++) query.setString(i + 1, some.get(i).sessionId());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) joints.add(rows.getString(1));
                }
            }
        }
        return List.copyOf(joints);
    }

    private static void loadLookups(DuckDBConnection duck, List<IkSelection.Session> sessions, List<String> joints) throws SQLException {
        try (Statement ddl = duck.createStatement()) {
            ddl.execute("CREATE TEMP TABLE ik_sessions (n INTEGER, athlete_id VARCHAR, athlete_name VARCHAR, session_id VARCHAR,"
                    + " recorded_at TIMESTAMPTZ, exercise_id VARCHAR, exercise_name VARCHAR)");
            ddl.execute("CREATE TEMP TABLE ik_joint_names (n INTEGER, joint VARCHAR)");
        }
        try (DuckDBAppender appender = duck.createAppender("temp", "main", "ik_sessions")) {
            for (int n = 0; n < sessions.size(); n++) {
                IkSelection.Session session = sessions.get(n);
                appender.beginRow().append(n);
                appendText(appender, session.athleteId());
                appendText(appender, session.athleteName());
                appender.append(session.sessionId());
                if (session.recordedAt() == null) appender.appendNull(); else appender.append(session.recordedAt().atOffset(ZoneOffset.UTC));
                appendText(appender, session.exerciseId());
                appendText(appender, session.exerciseName());
                appender.endRow();
            }
        }
        try (DuckDBAppender appender = duck.createAppender("temp", "main", "ik_joint_names")) {
            for (int n = 0; n < joints.size(); n++) appender.beginRow().append(n).append(joints.get(n)).endRow();
        }
    }

    private static void appendText(DuckDBAppender appender, String text) throws SQLException {
        if (text == null) appender.appendNull(); else appender.append(text);
    }

    /** The table function: fills each chunk DuckDB asks for from the long form, numbers only. */
    private static final class Rows implements DuckDBTableFunction<Object, Object, Object>, AutoCloseable {
        private final IkLongForm samples;
        private final StoredSeries store;
        private final Map<String, Integer> jointNumbers = new HashMap<>();
        private final ExportProgress progress;
        private int sessionsShown;
        long count;
        SQLException failure;

        Rows(IkLongForm samples, StoredSeries store, List<String> joints, ExportProgress progress) {
            this.samples = samples;
            this.store = store;
            this.progress = progress;
            for (int n = 0; n < joints.size(); n++) jointNumbers.put(joints.get(n), n);
        }

        @Override
        public Object bind(DuckDBTableFunctionBindInfo info) {
            info.addResultColumn("session_n", DuckDBColumnType.INTEGER);
            info.addResultColumn("joint_n", DuckDBColumnType.INTEGER);
            info.addResultColumn("sample", DuckDBColumnType.INTEGER);
            info.addResultColumn("time_s", DuckDBColumnType.DOUBLE);
            info.addResultColumn("angle", DuckDBColumnType.DOUBLE);
            info.addResultColumn("velocity", DuckDBColumnType.DOUBLE);
            return null;
        }

        @Override
        public Object init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1); // one reader of the store, rows in order
            return null;
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) throws SQLException {
            DuckDBWritableVector session = out.vector(0), joint = out.vector(1), sample = out.vector(2), time = out.vector(3),
                    angle = out.vector(4), velocity = out.vector(5);
            long capacity = out.capacity();
            long n = 0;
            try {
                while (n < capacity && samples.next()) {
                    Integer jointNumber = jointNumbers.get(samples.joint());
                    if (jointNumber == null) throw new SQLException("joint " + samples.joint() + " was stored while the export ran; run it again");
                    session.setInt(n, samples.sessionIndex());
                    joint.setInt(n, jointNumber);
                    sample.setInt(n, samples.sample());
                    setDouble(time, n, samples.time());
                    setDouble(angle, n, samples.angle());
                    setDouble(velocity, n, samples.velocity());
                    n++;
                }
            } catch (SQLException | RuntimeException e) {
                failure = e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
                throw e;
            }
            count += n;
            int done = samples.sessionsDone();
            progress.step(done - sessionsShown);
            sessionsShown = done;
            return n;
        }

        private static void setDouble(DuckDBWritableVector vector, long row, double value) {
            if (Double.isNaN(value)) vector.setNull(row); else vector.setDouble(row, value);
        }

        @Override
        public void close() throws SQLException {
            store.close();
        }
    }
}
