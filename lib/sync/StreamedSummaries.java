package valor.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The athlete summaries of a first sync (athlete_totals, athlete_weeks, athlete_exercises),
 * counted from the session rows as they are inserted instead of by queries over the finished
 * table (which, with its indexes still to build, would read every row and its JSON again).
 *
 * <p>Only for a full pass that starts on an empty sessions table and inserts every row once: an
 * update (an id on two pages), a reconciliation that marks rows deleted or a resumed pass make
 * the counts {@linkplain #spoil() unusable}, and {@link SummaryTables} computes them by queries as
 * before. The counts live in memory until the summaries' transaction at the end of the run, so a
 * sync killed before it leaves nothing half-written: the next run finds sessions no longer empty
 * and builds the summaries by queries. Used on H2 only: PostgreSQL's summaries are built by its
 * own queries, as before.
 */
final class StreamedSummaries {
    private static final int RECORDED_AT = column("recorded_at");
    private static final int DURATION = column("duration_s");
    private static final int ATHLETE = column("athlete_id");
    private static final int EXERCISE = column("exercise_id");

    private final Map<String, Totals> athletes = new HashMap<>();
    private final Map<Week, Totals> weeks = new HashMap<>();
    private final Map<Pair, Totals> pairs = new HashMap<>();
    private LocalDateTime newestChange;
    private boolean spoiled;
    private boolean complete;

    /** An athlete and an exercise, either of which may be NULL. */
    private record Pair(String athlete, String exercise) {}

    /** An athlete (or NULL) and the Monday of an ISO week. */
    private record Week(String athlete, LocalDate monday) {}

    /** COUNT(*), SUM(duration_s) (NULL when no duration), MIN and MAX(recorded_at) of a group's rows. */
    private static final class Totals {
        long rows;
        final ExactSum seconds = new ExactSum();
        LocalDateTime first;
        LocalDateTime last;

        void add(LocalDateTime recordedAt, Double duration) {
            rows++;
            if (duration != null) seconds.add(duration);
            if (recordedAt != null) {
                if (first == null || recordedAt.isBefore(first)) first = recordedAt;
                if (last == null || recordedAt.isAfter(last)) last = recordedAt;
            }
        }
    }

    /**
     * A sum of doubles kept exactly enough to round once at the end (Neumaier's compensation), so
     * the total does not depend on the order the API sent the rows in.
     */
    private static final class ExactSum {
        double sum;
        double compensation;
        boolean any;

        void add(double value) {
            double t = sum + value;
            compensation += Math.abs(sum) >= Math.abs(value) ? (sum - t) + value : (value - t) + sum;
            sum = t;
            any = true;
        }

        Double value() {
            return any ? sum + compensation : null;
        }
    }

    /** Counts an inserted session row: its typed columns in {@link Entity#SESSIONS}' order, and its updated_at. */
    void inserted(Object[] values, LocalDateTime updatedAt) {
        if (spoiled) return;
        LocalDateTime recordedAt = (LocalDateTime) values[RECORDED_AT];
        Double duration = (Double) values[DURATION];
        String athlete = (String) values[ATHLETE];
        String exercise = (String) values[EXERCISE];
        if (newestChange == null || updatedAt.isAfter(newestChange)) newestChange = updatedAt;
        athletes.computeIfAbsent(athlete, a -> new Totals()).add(recordedAt, duration);
        if (recordedAt != null) weeks.computeIfAbsent(new Week(athlete, monday(recordedAt)), w -> new Totals()).add(recordedAt, duration);
        pairs.computeIfAbsent(new Pair(athlete, exercise), p -> new Totals()).add(recordedAt, duration);
    }

    /** A row was written other than by a first insert: the counts no longer describe the table. */
    void spoil() {
        spoiled = true;
        athletes.clear();
        weeks.clear();
        pairs.clear();
    }

    /** The pass that fed it completed in this run, every row of the table counted. */
    void complete() {
        complete = true;
    }

    /** Whether the counts describe every session row, so the summaries can be written from them. */
    boolean usable() {
        return complete && !spoiled;
    }

    /** The newest updated_at of the rows counted (what the refresh records as counted through); null with none. */
    LocalDateTime newestChange() {
        return newestChange;
    }

    /** The exercises of the sessions counted (NULL among them), whose extremes are computed by query. */
    List<String> exercises() {
        return pairs.keySet().stream().map(Pair::exercise).distinct().toList();
    }

    /** Replaces athlete_totals, athlete_weeks and athlete_exercises with the counts. */
    void write(Handle tx) {
        for (String table : List.of("athlete_totals", "athlete_weeks", "athlete_exercises")) tx.execute("DELETE FROM " + table);
        Connection connection = tx.getConnection();
        try (PreparedStatement totals = connection.prepareStatement(
                     "INSERT INTO athlete_totals (athlete_id, sessions, seconds, first_session_at, last_session_at) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement weekRows = connection.prepareStatement(
                     "INSERT INTO athlete_weeks (athlete_id, week_start, sessions, seconds) VALUES (?, ?, ?, ?)");
             PreparedStatement pairRows = connection.prepareStatement("INSERT INTO athlete_exercises"
                     + " (athlete_id, exercise_id, sessions, seconds, last_recorded_at, stored_rows) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, Totals> athlete : athletes.entrySet()) {
                Totals t = athlete.getValue();
                bind(totals, athlete.getKey(), t.rows, t.seconds.value(), t.first, t.last);
            }
            for (Map.Entry<Week, Totals> week : weeks.entrySet()) {
                Totals t = week.getValue();
                bind(weekRows, week.getKey().athlete(), week.getKey().monday(), t.rows, t.seconds.value());
            }
            for (Map.Entry<Pair, Totals> pair : pairs.entrySet()) {
                Totals t = pair.getValue(); // every row is live: a first sync has deleted none
                bind(pairRows, pair.getKey().athlete(), pair.getKey().exercise(), t.rows, t.seconds.value(), t.last, t.rows);
            }
            for (PreparedStatement statement : List.of(totals, weekRows, pairRows)) statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the summaries: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) statement.setNull(i + 1, Types.NULL);
            else statement.setObject(i + 1, value);
        }
        statement.addBatch();
    }

    /** The Monday of the ISO week, as the queries compute it (the date + 1 - its ISO day of the week). */
    private static LocalDate monday(LocalDateTime recordedAt) {
        return recordedAt.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static int column(String name) {
        List<Entity.Column> columns = Entity.SESSIONS.columns();
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equals(name)) return i;
        throw new IllegalStateException("sessions has no column " + name);
    }
}
