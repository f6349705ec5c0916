//DEPS com.h2database:h2:2.3.232
//SOURCES ik/package-info.java
package valor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.SimpleResultSet;
import org.h2.tools.SimpleRowSource;
import valor.ik.IkCodec;
import valor.ik.IkSeries;

/**
 * The H2 table function IK_SAMPLES (created by migration 002): one session's stored joint-angle
 * series as rows, for plotting or export.
 * <pre>
 *   SELECT * FROM IK_SAMPLES('3f2c...')                                  -- every joint
 *   SELECT time_s, angle FROM IK_SAMPLES('3f2c...', 'left_knee_flexion')  -- one joint
 * </pre>
 * Columns: SAMPLE (0-based), TIME_S, JOINT, ANGLE, VELOCITY, ACCELERATION; ordered by joint (in
 * the API's order), then sample. A sample missing from an array, or null in it, is NULL. Runs in
 * whichever process serves the database file (valor-sync, valor-sql: all have lib/ on their
 * classpath); a tool without it can still open the file but not call this function.
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
