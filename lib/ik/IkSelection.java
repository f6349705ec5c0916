package valor.ik;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sessions' joint angles to read in long form: some athletes (by id), the days they were
 * recorded on (UTC, both ends included) and some joints; an empty list or a null day is no limit.
 * valor-export's ik_samples and the store's IK_SAMPLES_OF function both select through here, so
 * they give the same rows in the same order: by athlete name and id, recorded_at and session id,
 * then each session's joints in the API's order, then sample. Deleted sessions are left out, as
 * in session_details.
 */
public record IkSelection(List<String> athleteIds, LocalDate since, LocalDate until, List<String> joints) {
    public static final IkSelection EVERYTHING = new IkSelection(List.of(), null, null, List.of());

    public IkSelection {
        athleteIds = List.copyOf(athleteIds);
        joints = List.copyOf(joints);
    }

    /** A selected session, with what the long form repeats on each of its rows. */
    public record Session(String athleteId, String athleteName, String sessionId, LocalDateTime recordedAt, String exerciseId,
                          String exerciseName) {}

    public boolean includes(String joint) {
        return joints.isEmpty() || joints.contains(joint);
    }

    /** The sessions with a stored IK series that the selection takes, in the long form's order. */
    public List<Session> sessions(Connection store) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT d.athlete_id, d.athlete_name, d.session_id, d.recorded_at, d.exercise_id, d.exercise_name"
                + " FROM session_details d JOIN ik_series i ON i.session_id = d.session_id WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (!athleteIds.isEmpty()) {
            sql.append(" AND d.athlete_id IN (").append("?, ".repeat(athleteIds.size() - 1)).append("?)");
            values.addAll(athleteIds);
        }
        if (since != null) {
            sql.append(" AND d.recorded_at >= ?");
            values.add(since.atStartOfDay());
        }
        if (until != null) {
            sql.append(" AND d.recorded_at < ?");
            values.add(until.plusDays(1).atStartOfDay());
        }
        sql.append(" ORDER BY d.athlete_name, d.athlete_id, d.recorded_at, d.session_id");
        List<Session> sessions = new ArrayList<>();
        try (PreparedStatement query = store.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) query.setObject(i + 1, values.get(i));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sessions.add(new Session(rows.getString(1), rows.getString(2), rows.getString(3), rows.getObject(4, LocalDateTime.class),
                            rows.getString(5), rows.getString(6)));
                }
            }
        }
        return sessions;
    }
}
