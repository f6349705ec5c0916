//DEPS com.h2database:h2:2.3.232
//SOURCES ik/package-info.java
package valor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.SimpleResultSet;
import org.h2.tools.SimpleRowSource;
import valor.ik.IkCodec;
import valor.ik.IkLongForm;
import valor.ik.IkSelection;
import valor.ik.IkSeries;
import valor.ik.StoredSeries;

/**
 * The H2 table functions IK_SAMPLES (created by migration 002): one session's stored joint-angle
 * series as rows, for plotting or export; and IK_SAMPLES_OF (sql/views/33_ik_samples_of.sql): the
 * long form of many sessions, chosen by athlete, days and joint, with the session's athlete, date
 * and exercise on every row. H2 has no LATERAL, so a function cannot take a column of another
 * table in the same FROM; IK_SAMPLES_OF takes the filters instead and is joined on session_id.
 * <pre>
 *   SELECT * FROM IK_SAMPLES('3f2c...')                                  -- every joint
 *   SELECT time_s, angle FROM IK_SAMPLES('3f2c...', 'left_knee_flexion')  -- one joint
 *   SELECT * FROM IK_SAMPLES_OF('Noah Cohen', DATE '2025-01-01', NULL, 'left_knee_flexion')
 * </pre>
 * IK_SAMPLES' columns: SAMPLE (0-based), TIME_S, JOINT, ANGLE, VELOCITY, ACCELERATION; ordered by
 * joint (in the API's order), then sample. A sample missing from an array, or null in it, is NULL.
 * IK_SAMPLES_OF's are those of valor-export's ik_samples (see {@link valor.ik.IkSelection} for the
 * order). Runs in whichever process serves the database file (valor-sync, valor-sql: all have lib/
 * on their classpath); a tool without it can still open the file but not call these functions.
 */
public final class IkSamples {
    private IkSamples() {}

    public static ResultSet samples(Connection connection, String sessionId) throws SQLException {
        return samples(connection, sessionId, null);
    }

    public static ResultSet samples(Connection connection, String sessionId, String joint) throws SQLException {
        // H2 first calls the function on a stand-in connection only to learn the columns.
        if (connection.getMetaData().getURL().equals("jdbc:columnlist:connection")) return columns(new SimpleResultSet());
        double[] time = null;
        try (PreparedStatement query = connection.prepareStatement("SELECT time_data FROM ik_series WHERE session_id = ?")) {
            query.setString(1, sessionId);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) time = IkCodec.decode(rows.getBytes(1));
            }
        }
        List<JointRows> joints = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT joint, angle_data, velocity_data, acceleration_data"
                + " FROM ik_joint_series WHERE session_id = ? AND (CAST(? AS VARCHAR) IS NULL OR joint = ?) ORDER BY position")) {
            query.setString(1, sessionId);
            query.setString(2, joint);
            query.setString(3, joint);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    joints.add(new JointRows(rows.getString(1), IkCodec.decode(rows.getBytes(2)), IkCodec.decode(rows.getBytes(3)),
                            IkCodec.decode(rows.getBytes(4))));
                }
            }
        }
        return columns(new SimpleResultSet(new Rows(time, joints)));
    }

    /** Every session of an athlete (an id or a full name in any case, as the saved queries match it; null: everyone). */
    public static ResultSet of(Connection connection, String athlete) throws SQLException {
        return of(connection, athlete, null, null, null);
    }

    /** ... recorded from {@code since} to {@code until} (UTC days, both included; null: no limit). */
    public static ResultSet of(Connection connection, String athlete, LocalDate since, LocalDate until) throws SQLException {
        return of(connection, athlete, since, until, null);
    }

    /** ... and only {@code joint} (null: every joint). */
    public static ResultSet of(Connection connection, String athlete, LocalDate since, LocalDate until, String joint) throws SQLException {
        if (connection.getMetaData().getURL().equals("jdbc:columnlist:connection")) return longFormColumns(new SimpleResultSet());
        List<String> athleteIds = athlete == null ? List.of() : athleteIds(connection, athlete);
        if (athlete != null && athleteIds.isEmpty()) return longFormColumns(new SimpleResultSet()); // no one by that name: no rows, not everyone's
        IkSelection selection = new IkSelection(athleteIds, since, until, joint == null ? List.of() : List.of(joint));
        StoredSeries store = new StoredSeries(connection, false);
        IkLongForm rows = new IkLongForm(selection.sessions(connection), selection, store);
        return longFormColumns(new SimpleResultSet(new LongFormRows(rows, store)));
    }

    private static List<String> athleteIds(Connection connection, String athlete) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT athlete_id FROM athletes"
                + " WHERE athlete_id = ? OR LOWER(TRIM(CONCAT(first_name, ' ', last_name))) = LOWER(?) ORDER BY athlete_id")) {
            query.setString(1, athlete);
            query.setString(2, athlete);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static SimpleResultSet longFormColumns(SimpleResultSet result) {
        result.addColumn("ATHLETE_ID", Types.VARCHAR, 1000, 0);
        result.addColumn("ATHLETE_NAME", Types.VARCHAR, 1000, 0);
        result.addColumn("SESSION_ID", Types.VARCHAR, 1000, 0);
        result.addColumn("RECORDED_AT", Types.TIMESTAMP, 26, 6);
        result.addColumn("EXERCISE_ID", Types.VARCHAR, 1000, 0);
        result.addColumn("EXERCISE_NAME", Types.VARCHAR, 1000, 0);
        result.addColumn("JOINT", Types.VARCHAR, 1000, 0);
        result.addColumn("SAMPLE", Types.INTEGER, 10, 0);
        result.addColumn("TIME_S", Types.DOUBLE, 17, 0);
        result.addColumn("ANGLE", Types.DOUBLE, 17, 0);
        result.addColumn("VELOCITY", Types.DOUBLE, 17, 0);
        return result;
    }

    /** IK_SAMPLES_OF's rows as H2 reads them, a session's arrays in memory at a time. */
    private static final class LongFormRows implements SimpleRowSource {
        private final IkLongForm rows;
        private final StoredSeries store;

        LongFormRows(IkLongForm rows, StoredSeries store) {
            this.rows = rows;
            this.store = store;
        }

        @Override
        public Object[] readRow() throws SQLException {
            if (!rows.next()) return null;
            IkSelection.Session session = rows.session();
            return new Object[] {session.athleteId(), session.athleteName(), session.sessionId(), session.recordedAt(), session.exerciseId(),
                    session.exerciseName(), rows.joint(), rows.sample(), orNull(rows.time()), orNull(rows.angle()), orNull(rows.velocity())};
        }

        private static Double orNull(double value) {
            return Double.isNaN(value) ? null : value;
        }

        @Override
        public void close() {
            try {
                store.close();
            } catch (SQLException ignored) {
                // statements of a connection H2 owns; nothing to report to the query
            }
        }

        @Override
        public void reset() throws SQLException {
            throw new SQLException("IK_SAMPLES_OF's rows can be read once");
        }
    }

    private static SimpleResultSet columns(SimpleResultSet result) {
        result.addColumn("SAMPLE", Types.INTEGER, 10, 0);
        result.addColumn("TIME_S", Types.DOUBLE, 17, 0);
        result.addColumn("JOINT", Types.VARCHAR, 1000, 0);
        result.addColumn("ANGLE", Types.DOUBLE, 17, 0);
        result.addColumn("VELOCITY", Types.DOUBLE, 17, 0);
        result.addColumn("ACCELERATION", Types.DOUBLE, 17, 0);
        return result;
    }

    private record JointRows(String joint, double[] angle, double[] velocity, double[] acceleration) {
        int samples() {
            return Math.max(IkSeries.length(angle), Math.max(IkSeries.length(velocity), IkSeries.length(acceleration)));
        }
    }

    /** Produces rows as H2 reads them, so a long session is never all boxed in memory at once. */
    private static final class Rows implements SimpleRowSource {
        private final double[] time;
        private final List<JointRows> joints;
        private int joint;
        private int sample;

        Rows(double[] time, List<JointRows> joints) {
            this.time = time;
            this.joints = joints;
        }

        @Override
        public Object[] readRow() {
            while (joint < joints.size() && sample >= joints.get(joint).samples()) {
                joint++;
                sample = 0;
            }
            if (joint >= joints.size()) return null;
            JointRows current = joints.get(joint);
            int i = sample++;
            return new Object[] {i, at(time, i), current.joint(), at(current.angle(), i), at(current.velocity(), i),
                    at(current.acceleration(), i)};
        }

        private static Double at(double[] values, int i) {
            return values == null || i >= values.length || Double.isNaN(values[i]) ? null : values[i];
        }

        @Override
        public void close() {}

        @Override
        public void reset() {
            joint = 0;
            sample = 0;
        }
    }
}
