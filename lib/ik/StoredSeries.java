package valor.ik;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one session's stored joint-angle arrays back, a session at a time: on H2 encoded by
 * {@link IkCodec}, on PostgreSQL native {@code double precision[]} (NaN for a null sample on
 * both). For the long form only the time, angle and velocity arrays are decoded; a joint has as
 * many samples as its longest array, acceleration included, whose length is all that is read.
 */
public final class StoredSeries implements AutoCloseable {
    /** One joint of a session; {@code angle} or {@code velocity} is null when the API sent no such array. */
    public record Joint(String name, int samples, double[] angle, double[] velocity) {}

    /** A session's time array (null when the API sent none) and its selected joints in the API's order. */
    public record Series(double[] time, List<Joint> joints) {}

    private final boolean postgres;
    private final PreparedStatement time;
    private final PreparedStatement joints;

    /** @param postgres whether the store is a PostgreSQL team store (native arrays) rather than H2 (encoded) */
    public StoredSeries(Connection store, boolean postgres) throws SQLException {
        this.postgres = postgres;
        this.time = store.prepareStatement("SELECT time_data FROM ik_series WHERE session_id = ?");
        try {
            this.joints = store.prepareStatement("SELECT joint, angle_data, velocity_data, "
                    + (postgres ? "cardinality(acceleration_data)" : "acceleration_data") + " FROM ik_joint_series WHERE session_id = ? ORDER BY position");
        } catch (SQLException e) {
            time.close();
            throw e;
        }
    }

    public Series read(String sessionId, IkSelection selection) throws SQLException {
        double[] times = null;
        time.setString(1, sessionId);
        try (ResultSet rows = time.executeQuery()) {
            if (rows.next()) times = array(rows, 1);
        }
        List<Joint> selected = new ArrayList<>();
        joints.setString(1, sessionId);
        try (ResultSet rows = joints.executeQuery()) {
            while (rows.next()) {
                String joint = rows.getString(1);
                if (!selection.includes(joint)) continue;
                double[] angle = array(rows, 2);
                double[] velocity = array(rows, 3);
                int acceleration = postgres ? rows.getInt(4) : IkCodec.length(rows.getBytes(4));
                selected.add(new Joint(joint, Math.max(IkSeries.length(angle), Math.max(IkSeries.length(velocity), acceleration)), angle, velocity));
            }
        }
        return new Series(times, selected);
    }

    private double[] array(ResultSet rows, int column) throws SQLException {
        if (!postgres) return IkCodec.decode(rows.getBytes(column));
        Array array = rows.getArray(column);
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

    @Override
    public void close() throws SQLException {
        try {
            time.close();
        } finally {
            joints.close();
        }
    }
}
