package valor.sync;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Fills in athletes, exercises and assessments that sessions refer to but no endpoint listed
 * (the optional endpoints may be missing): ids from sessions, exercise names from session names,
 * assessment athlete and date from their sessions. Such rows have source = 'sessions'.
 */
final class DerivedRows {
    private DerivedRows() {}

    static void fromSessions(Handle tx, SyncReport report, LocalDateTime now) {
        derive(tx, report, "athletes", "athlete_id", """
                INSERT INTO athletes (athlete_id, source, first_seen_at, updated_at)
                SELECT athlete_id, 'sessions', :now, :now FROM sessions
                WHERE athlete_id IN (<ids>) AND deleted_at IS NULL GROUP BY athlete_id""", now);
        derive(tx, report, "exercises", "exercise_id", """
                INSERT INTO exercises (exercise_id, name, source, first_seen_at, updated_at)
                SELECT exercise_id, MODE() WITHIN GROUP (ORDER BY session_name), 'sessions', :now, :now FROM sessions
                WHERE exercise_id IN (<ids>) AND deleted_at IS NULL GROUP BY exercise_id""", now);
        derive(tx, report, "assessments", "assessment_id", """
                INSERT INTO assessments (assessment_id, athlete_id, assessed_at, source, first_seen_at, updated_at)
                SELECT assessment_id, MIN(athlete_id), MIN(recorded_at), 'sessions', :now, :now FROM sessions
                WHERE assessment_id IN (<ids>) AND deleted_at IS NULL GROUP BY assessment_id""", now);
    }

    /**
     * Finds the ids sessions use that the table lacks (a DISTINCT over an indexed column, which H2
     * answers from the index without reading sessions), and inserts rows for those only.
     */
    private static void derive(Handle tx, SyncReport report, String table, String column, String insert, LocalDateTime now) {
        Set<String> known = Set.copyOf(tx.createQuery("SELECT " + column + " FROM " + table).mapTo(String.class).list());
        List<String> missing = tx.createQuery("SELECT DISTINCT " + column + " FROM sessions").mapTo(String.class)
                .filter(id -> id != null && !known.contains(id)).list();
        if (missing.isEmpty()) return;
        report.counts(table).added += tx.createUpdate(insert).bindList("ids", missing).bind("now", now).execute();
    }
}
