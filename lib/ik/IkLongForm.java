package valor.ik;

import java.sql.SQLException;
import java.util.List;

/**
 * The selected sessions' samples in long form, one row at a time: a session's arrays are read
 * when the walk reaches it and dropped when it leaves, so memory holds one session whatever the
 * selection. A row is a session, a joint and a sample index; a value beyond the end of its array,
 * or null in the API's array (NaN), is missing.
 */
public final class IkLongForm {
    private final List<IkSelection.Session> sessions;
    private final IkSelection selection;
    private final StoredSeries store;
    private int session = -1;
    private StoredSeries.Series series;
    private int joint;
    private int sample = -1;

    public IkLongForm(List<IkSelection.Session> sessions, IkSelection selection, StoredSeries store) {
        this.sessions = sessions;
        this.selection = selection;
        this.store = store;
    }

    /** Moves to the next row; false when every session has been walked. */
    public boolean next() throws SQLException {
        sample++;
        while (series == null || joint >= series.joints().size() || sample >= series.joints().get(joint).samples()) {
            if (series != null && joint < series.joints().size()) {
                joint++;
                sample = 0;
                continue;
            }
            if (++session >= sessions.size()) {
                series = null;
                return false;
            }
            series = store.read(sessions.get(session).sessionId(), selection);
            joint = 0;
            sample = 0;
        }
        return true;
    }

    /** Sessions fully walked so far (the current one not counted). */
    public int sessionsDone() {
        return Math.max(session, 0);
    }

    public IkSelection.Session session() {
        return sessions.get(session);
    }

    /** The current session's place in the list of selected sessions, from 0. */
    public int sessionIndex() {
        return session;
    }

    public String joint() {
        return series.joints().get(joint).name();
    }

    public int sample() {
        return sample;
    }

    /** Seconds from the session's start; NaN when missing. */
    public double time() {
        return at(series.time(), sample);
    }

    /** Degrees; NaN when missing. */
    public double angle() {
        return at(series.joints().get(joint).angle(), sample);
    }

    /** Degrees per second; NaN when missing. */
    public double velocity() {
        return at(series.joints().get(joint).velocity(), sample);
    }

    private static double at(double[] values, int i) {
        return values == null || i >= values.length ? Double.NaN : values[i];
    }
}
