package valor.sync;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import valor.store.Engine;

/**
 * Keeps the summary tables analysts read (athlete_totals, athlete_weeks, athlete_exercises,
 * exercise_extremes: sql/migrations/006_analyst_summaries.sql; assessment_totals: 009) exact after
 * each sync, recomputing only the athletes and exercises whose sessions changed.
 *
 * <p>What changed is found without reading a session row: one pass over the covering index
 * sessions_by_athlete_cover counts, per athlete and exercise, the stored rows and those stamped
 * (updated_at, deleted_at) after the newest change the last refresh counted (strictly after: one
 * sync at a time, so a change stamped at that instant was counted; at or after re-marked every
 * athlete of the last page on each refresh). A stamped row marks its athlete and exercise;
 * a pair with fewer or more rows than counted last time marks them too, which catches a session
 * edited to another athlete or exercise (its new pair is stamped, its old one lost a row). Rows
 * are never removed from sessions, so a count can only change through such a move or an insert.
 * assessment_totals is recomputed per assessment, for those the marked athletes' sessions are or
 * were in; it holds exercise names, so an exercise whose row changed marks every athlete who did
 * it, and their assessments are listed again with its new name. It also holds the assessment's
 * name, date and athlete (014), so an assessment whose row or athlete's row changed after
 * listings_through is recomputed too.
 *
 * <p>Runs in one transaction with the state row, after every pass of the sync: a sync killed
 * before or during it leaves the state where it was, and the next sync, seeing a run in between,
 * looks again. A sync that changed no session, right after the one that last refreshed, skips it.
 * Changes made with {@code valor-sql --write} that leave updated_at alone are not seen.
 */
final class SummaryTables {
    /** Above this share of athletes changed, recomputing everything is cheaper than one athlete at a time. */
    private static final double REBUILD_SHARE = 0.5;

    private SummaryTables() {}

    private record State(LocalDateTime changesThrough, Long runId, LocalDateTime exercisesThrough) {}

    /** A pair of keys that may be NULL (a session without an athlete or exercise). */
    private record Pair(String athleteId, String exerciseId) {}

    /**
     * @param streamed what a first sync counted as it inserted the sessions ({@link StreamedSummaries}), or null:
     *                 when it counted every row, the athlete summaries are written from it instead of queried
     */
    static void refresh(Handle tx, SyncReport report, long runId, StreamedSummaries streamed) {
        Optional<State> state = tx.createQuery("SELECT changes_through, run_id, exercises_through FROM summary_state WHERE id = 1")
                .map((rs, ctx) -> new State(rs.getTimestamp(1).toLocalDateTime(), rs.getObject(2) == null ? null : rs.getLong(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toLocalDateTime()))
                .findOne();
        if (state.isPresent() && unchangedSince(tx, report, runId, state.get())) {
            tx.execute("UPDATE summary_state SET run_id = ? WHERE id = 1", runId);
            return;
        }
        LocalDateTime since = state.map(State::changesThrough).orElse(LocalDateTime.of(1970, 1, 1, 0, 0));
        if (streamed != null && streamed.usable()) {
            writeStreamed(tx, runId, streamed, since);
            return;
        }
        Map<Pair, Long> counted = new HashMap<>();
        tx.createQuery("SELECT athlete_id, exercise_id, stored_rows FROM athlete_exercises")
                .map((rs, ctx) -> Map.entry(new Pair(rs.getString(1), rs.getString(2)), rs.getLong(3)))
                .forEach(e -> counted.put(e.getKey(), e.getValue()));
        Set<String> athletes = new HashSet<>();
        Set<String> exercises = new HashSet<>();
        Set<String> allAthletes = new HashSet<>();
        LocalDateTime[] newest = {since};
        // Answered from sessions_by_athlete_cover alone (every column it names is in that index).
        tx.createQuery("""
                        SELECT athlete_id, exercise_id, COUNT(*),
                               COUNT(CASE WHEN updated_at > :since OR deleted_at > :since THEN 1 END),
                               MAX(GREATEST(updated_at, COALESCE(deleted_at, updated_at)))
                        FROM sessions GROUP BY athlete_id, exercise_id""")
                .bind("since", since)
                .map((rs, ctx) -> {
                    Pair pair = new Pair(rs.getString(1), rs.getString(2));
                    allAthletes.add(pair.athleteId());
                    Long before = counted.remove(pair);
                    if (rs.getLong(4) > 0 || before == null || before != rs.getLong(3)) {
                        athletes.add(pair.athleteId());
                        exercises.add(pair.exerciseId());
                    }
                    Timestamp latest = rs.getTimestamp(5);
                    if (latest != null && latest.toLocalDateTime().isAfter(newest[0])) newest[0] = latest.toLocalDateTime();
                    return pair;
                })
                .forEach(pair -> {});
        for (Pair gone : counted.keySet()) { // every session of the pair moved elsewhere
            athletes.add(gone.athleteId());
            exercises.add(gone.exerciseId());
        }
        LocalDateTime exercisesThrough = exercisesThrough(tx, since);
        if (state.isPresent()) {
            athletes.addAll(athletesWithRenamedExercises(tx, Objects.requireNonNullElse(state.get().exercisesThrough(), since)));
        }
        boolean everything = state.isEmpty() || athletes.size() > REBUILD_SHARE * Math.max(1, allAthletes.size());
        if (everything) {
            recomputeAthletes(tx, "TRUE", List.of());
        } else {
            recomputeAthletes(tx, athletes);
        }
        for (String exercise : exercises) recomputeExercise(tx, exercise);
        saveState(tx, newest[0], runId, exercisesThrough);
        if (everything || state.get().runId() == null || changed(report, Entity.ASSESSMENTS) || changed(report, Entity.ATHLETES)
                || otherRunsSince(tx, state.get().runId(), runId)) {
            relistAssessments(tx, everything); // reads every assessment row: only when one may have changed
        }
    }

    /**
     * A first sync's summaries: the athlete tables from what it counted as the rows went in (every
     * session row is new, so every summary row is too); assessment_totals, which lists each
     * assessment with its athlete's name, and exercise_extremes, which picks one session per
     * exercise, are still queried.
     */
    private static void writeStreamed(Handle tx, long runId, StreamedSummaries streamed, LocalDateTime since) {
        streamed.write(tx);
        recomputeAssessments(tx, "TRUE", List.of());
        tx.execute("DELETE FROM exercise_extremes");
        for (String exercise : streamed.exercises()) recomputeExercise(tx, exercise);
        LocalDateTime newest = streamed.newestChange() != null && streamed.newestChange().isAfter(since) ? streamed.newestChange() : since;
        saveState(tx, newest, runId, exercisesThrough(tx, since));
        relistAssessments(tx, true);
    }

    /** The newest change to exercises, which the next refresh compares to see renamed ones. */
    private static LocalDateTime exercisesThrough(Handle tx, LocalDateTime since) {
        return tx.createQuery("SELECT COALESCE(MAX(GREATEST(updated_at, COALESCE(deleted_at, updated_at))), :since) FROM exercises")
                .bind("since", since).mapTo(LocalDateTime.class).one();
    }

    private static void saveState(Handle tx, LocalDateTime changesThrough, long runId, LocalDateTime exercisesThrough) {
        tx.createUpdate(Engine.of(tx).upsert("summary_state", List.of("id", "changes_through", "run_id", "exercises_through"), List.of("id")))
                .bind(0, 1).bind(1, changesThrough).bind(2, runId).bind(3, exercisesThrough).execute();
    }

    /** This run changed no session or exercise, and no other run (a killed one, say) came after the last refresh. */
    private static boolean unchangedSince(Handle tx, SyncReport report, long runId, State state) {
        if (state.runId() == null || changed(report, Entity.SESSIONS) || changed(report, Entity.EXERCISES)
                || changed(report, Entity.ASSESSMENTS) || changed(report, Entity.ATHLETES)) return false;
        return !otherRunsSince(tx, state.runId(), runId);
    }

    /** A run other than this one came after the last refresh: a killed one may have changed what it did not count. */
    private static boolean otherRunsSince(Handle tx, long lastRefresh, long runId) {
        return tx.createQuery("SELECT COUNT(*) FROM sync_runs WHERE run_id > :last AND run_id <> :run")
                .bind("last", lastRefresh).bind("run", runId).mapTo(Long.class).one() > 0;
    }

    private static boolean changed(SyncReport report, Entity entity) {
        EntityCounts counts = report.counts(entity.table());
        return counts.added + counts.updated + counts.deleted > 0;
    }

    /** The athletes (NULL among them) who did an exercise whose row changed after the last refresh: its name may have. */
    private static List<String> athletesWithRenamedExercises(Handle tx, LocalDateTime through) {
        return tx.createQuery("""
                        SELECT DISTINCT p.athlete_id FROM athlete_exercises p JOIN exercises e ON e.exercise_id = p.exercise_id
                        WHERE e.updated_at > :through OR e.deleted_at > :through""")
                .bind("through", through).map((rs, ctx) -> rs.getString(1)).list();
    }

    private static void recomputeAthletes(Handle tx, Set<String> athletes) {
        List<String> ids = athletes.stream().filter(Objects::nonNull).toList();
        if (!ids.isEmpty()) recomputeAthletes(tx, "athlete_id IN (<ids>)", ids);
        if (athletes.contains(null)) recomputeAthletes(tx, "athlete_id IS NULL", List.of());
    }

    /** Deletes and recomputes the athlete-level summaries of the athletes {@code where} selects. */
    private static void recomputeAthletes(Handle tx, String where, List<String> ids) {
        List<String> statements = new ArrayList<>();
        statements.add("DELETE FROM athlete_totals WHERE " + where);
        statements.add("""
                INSERT INTO athlete_totals (athlete_id, sessions, seconds, first_session_at, last_session_at)
                SELECT athlete_id, COUNT(*), SUM(duration_s), MIN(recorded_at), MAX(recorded_at)
                FROM sessions WHERE deleted_at IS NULL AND %s GROUP BY athlete_id""".formatted(where));
        statements.add("DELETE FROM athlete_weeks WHERE " + where);
        statements.add("""
                INSERT INTO athlete_weeks (athlete_id, week_start, sessions, seconds)
                SELECT athlete_id, %2$s, COUNT(*), SUM(duration_s)
                FROM sessions WHERE deleted_at IS NULL AND recorded_at IS NOT NULL AND %1$s
                GROUP BY athlete_id, %2$s"""
                .formatted(where, "CAST(recorded_at AS DATE) + 1 - CAST(EXTRACT(ISODOW FROM recorded_at) AS INT)")); // the ISO week's Monday
        statements.add("DELETE FROM athlete_exercises WHERE " + where);
        statements.add("""
                INSERT INTO athlete_exercises (athlete_id, exercise_id, sessions, seconds, last_recorded_at, stored_rows)
                SELECT athlete_id, exercise_id, COUNT(CASE WHEN deleted_at IS NULL THEN 1 END),
                       SUM(CASE WHEN deleted_at IS NULL THEN duration_s END), MAX(CASE WHEN deleted_at IS NULL THEN recorded_at END),
                       COUNT(*)
                FROM sessions WHERE %s GROUP BY athlete_id, exercise_id""".formatted(where));
        for (String sql : statements) {
            var update = tx.createUpdate(sql);
            if (!ids.isEmpty()) update.bindList("ids", ids);
            update.execute();
        }
        recomputeAssessments(tx, where, ids);
    }

    // With what the saved query `assessments` shows of the assessment and its athlete (014_assessment_listing.sql).
    private static final String RECOMPUTE_ASSESSMENTS = """
                INSERT INTO assessment_totals (assessment_id, athlete_id, athletes, sessions, seconds, exercises,
                                               listed, assessment_name, assessed_athlete_id, athlete_name, assessed_at)
                SELECT t.*, x.assessment_id IS NOT NULL AND x.deleted_at IS NULL, x.name, x.athlete_id,
                       CASE WHEN x.assessment_id IS NOT NULL THEN TRIM(CONCAT(a.first_name, ' ', a.last_name)) END, x.assessed_at
                FROM (SELECT s.assessment_id, MIN(s.athlete_id) AS athlete_id, COUNT(DISTINCT s.athlete_id) AS athletes, COUNT(*) AS sessions,
                             SUM(s.duration_s) AS seconds,
                             STRING_AGG(COALESCE(e.name, s.session_name), ', ' ORDER BY s.recorded_at, s.session_id) AS exercises
                      FROM sessions s LEFT JOIN exercises e ON e.exercise_id = s.exercise_id
                      WHERE s.deleted_at IS NULL AND s.assessment_id IS NOT NULL AND %s
                      GROUP BY s.assessment_id) t
                LEFT JOIN assessments x ON x.assessment_id = t.assessment_id
                LEFT JOIN athletes a ON a.athlete_id = x.athlete_id""";

    /**
     * Recomputes the assessments the selected athletes' sessions are in (deleted ones included),
     * and those whose row counted their sessions before (a session may have moved to another
     * assessment); a row counting several athletes is always recomputed (there are none but for
     * inconsistent data), as its athlete_id names only one of them.
     */
    private static void recomputeAssessments(Handle tx, String where, List<String> ids) {
        if (ids.isEmpty() && where.equals("TRUE")) {
            tx.execute("DELETE FROM assessment_totals");
            tx.execute(RECOMPUTE_ASSESSMENTS.formatted("TRUE"));
            return;
        }
        var affected = tx.createQuery("""
                        SELECT assessment_id FROM sessions WHERE assessment_id IS NOT NULL AND %1$s
                        UNION SELECT assessment_id FROM assessment_totals WHERE %1$s OR athletes <> 1""".formatted(where));
        if (!ids.isEmpty()) affected.bindList("ids", ids);
        recomputeAssessments(tx, affected.mapTo(String.class).list());
    }

    private static void recomputeAssessments(Handle tx, List<String> assessments) {
        for (int from = 0; from < assessments.size(); from += 1000) { // a bounded IN list per statement
            List<String> some = assessments.subList(from, Math.min(assessments.size(), from + 1000));
            tx.createUpdate("DELETE FROM assessment_totals WHERE assessment_id IN (<some>)").bindList("some", some).execute();
            tx.createUpdate(RECOMPUTE_ASSESSMENTS.formatted("s.assessment_id IN (<some>)")).bindList("some", some).execute();
        }
    }

    /**
     * Recomputes the assessments whose row, or whose athlete's row, changed after the last refresh
     * (listings_through), as assessment_totals shows their name, date and athlete; none when every
     * assessment was just recomputed. After the state row is written.
     */
    private static void relistAssessments(Handle tx, boolean everything) {
        LocalDateTime through = tx.createQuery("SELECT listings_through FROM summary_state WHERE id = 1").mapTo(LocalDateTime.class).one();
        LocalDateTime newest = tx.createQuery("""
                        SELECT MAX(GREATEST(updated_at, COALESCE(deleted_at, updated_at)))
                        FROM (SELECT updated_at, deleted_at FROM assessments UNION ALL SELECT updated_at, deleted_at FROM athletes) changes""")
                .mapTo(LocalDateTime.class).one();
        if (!everything && newest != null && (through == null || newest.isAfter(through))) {
            var changed = tx.createQuery("""
                    SELECT assessment_id FROM assessments WHERE updated_at > :through OR deleted_at > :through
                    UNION SELECT x.assessment_id FROM assessments x JOIN athletes a ON a.athlete_id = x.athlete_id
                    WHERE a.updated_at > :through OR a.deleted_at > :through""");
            recomputeAssessments(tx, changed.bind("through", through == null ? LocalDateTime.of(1970, 1, 1, 0, 0) : through)
                    .mapTo(String.class).list());
        }
        tx.execute("UPDATE summary_state SET listings_through = ? WHERE id = 1", newest);
    }

    /**
     * One exercise's shortest and longest live session, read as the first entries of its range in
     * sessions_by_exercise_cover, which is ordered as the ties are broken (duration, then recorded
     * first, then lowest id); no window over all its sessions.
     */
    private static void recomputeExercise(Handle tx, String exercise) {
        // NULL is an exercise too (sessions without one), and "= NULL" would find none of them.
        String is = exercise == null ? "exercise_id IS NULL" : "exercise_id = '" + exercise.replace("'", "''") + "'";
        tx.execute("DELETE FROM exercise_extremes WHERE " + is);
        String live = "FROM sessions WHERE " + is + " AND deleted_at IS NULL AND duration_s IS NOT NULL";
        // AVG of a DOUBLE is a DECFLOAT in H2, as in the saved query this replaces: avg_s keeps that type.
        var totals = tx.createQuery("SELECT COUNT(*), AVG(duration_s), MIN(duration_s), MAX(duration_s) " + live)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getBigDecimal(2), rs.getObject(3), rs.getObject(4)})
                .one();
        if ((long) totals[0] == 0) return;
        String[] shortest = first(tx, live, (Double) totals[2]);
        String[] longest = first(tx, live, (Double) totals[3]);
        tx.createUpdate("""
                        INSERT INTO exercise_extremes (exercise_id, sessions, avg_s, shortest_s, shortest_session_id, shortest_athlete_id,
                                                       longest_s, longest_session_id, longest_athlete_id)
                        VALUES (:exercise, :sessions, :avg, :shortest, :shortestSession, :shortestAthlete, :longest, :longestSession, :longestAthlete)""")
                .bind("exercise", exercise).bind("sessions", (long) totals[0]).bind("avg", (BigDecimal) totals[1])
                .bind("shortest", (Double) totals[2]).bind("shortestSession", shortest[0]).bind("shortestAthlete", shortest[1])
                .bind("longest", (Double) totals[3]).bind("longestSession", longest[0]).bind("longestAthlete", longest[1])
                .execute();
    }

    /** The session (id, athlete) recorded first, then lowest id, among those of the given duration. */
    private static String[] first(Handle tx, String live, double duration) {
        return tx.createQuery("SELECT session_id, athlete_id " + live + " AND duration_s = :duration"
                        + " ORDER BY recorded_at, session_id FETCH FIRST 1 ROW ONLY")
                .bind("duration", duration)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .one();
    }
}
