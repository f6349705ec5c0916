package valor;

import java.time.LocalDateTime;
import org.jdbi.v3.core.Handle;

/**
 * Fills in athletes, exercises and assessments that sessions refer to but no endpoint listed
 * (the optional endpoints may be missing): ids from sessions, exercise names from session names,
 * assessment athlete and date from their sessions. Such rows have source = 'sessions'.
 */
final class DerivedRows {
    private DerivedRows() {}

    static void fromSessions(Handle tx, SyncReport report, LocalDateTime now) {
        report.counts("athletes").added += tx.createUpdate("""
                INSERT INTO athletes (athlete_id, source, first_seen_at, updated_at)
                SELECT DISTINCT s.athlete_id, 'sessions', :now, :now FROM sessions s
                WHERE s.athlete_id IS NOT NULL AND s.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM athletes a WHERE a.athlete_id = s.athlete_id)""")
                .bind("now", now).execute();
        report.counts("exercises").added += tx.createUpdate("""
                INSERT INTO exercises (exercise_id, name, source, first_seen_at, updated_at)
                SELECT s.exercise_id, MODE() WITHIN GROUP (ORDER BY s.session_name), 'sessions', :now, :now FROM sessions s
                WHERE s.exercise_id IS NOT NULL AND s.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM exercises e WHERE e.exercise_id = s.exercise_id)
                GROUP BY s.exercise_id""")
                .bind("now", now).execute();
        report.counts("assessments").added += tx.createUpdate("""
                INSERT INTO assessments (assessment_id, athlete_id, assessed_at, source, first_seen_at, updated_at)
                SELECT s.assessment_id, MIN(s.athlete_id), MIN(s.recorded_at), 'sessions', :now, :now FROM sessions s
                WHERE s.assessment_id IS NOT NULL AND s.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.assessment_id = s.assessment_id)
                GROUP BY s.assessment_id""")
                .bind("now", now).execute();
    }
}
