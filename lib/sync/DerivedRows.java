package valor.sync;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Fills in athletes, exercises and assessments that sessions refer to but no endpoint listed
 * (the optional endpoints may be missing): ids from sessions, exercise names from session names,
 * assessment athlete and date from their sessions. Such rows have source = 'sessions'.
 *
 * <p>Finding what is missing reads every session's ids (three scans of an index), so a run that
 * wrote no session skips it when the run before it finished: that run filled in everything the
 * sessions held, rows are never removed, and sessions are the only source of new ids. A run that
 * was killed, failed or interrupted may have stored sessions it never got to derive from, so the
 * run after it always looks.
 */
final class DerivedRows {
    private DerivedRows() {}

    static void fromSessions(Handle tx, SyncReport report, long runId, LocalDateTime now) {
        if (nothingNewSince(tx, report, runId)) return;
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

    /** This run wrote no session, and the run before it finished (and so derived from every session it or any run before stored). */
    private static boolean nothingNewSince(Handle tx, SyncReport report, long runId) {
        EntityCounts sessions = report.counts(Entity.SESSIONS.table());
        if (sessions.added + sessions.updated > 0) return false;
        return tx.createQuery("SELECT status FROM sync_runs WHERE run_id < :run ORDER BY run_id DESC FETCH FIRST 1 ROW ONLY")
                .bind("run", runId).mapTo(String.class).findOne().map("ok"::equals).orElse(false);
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
