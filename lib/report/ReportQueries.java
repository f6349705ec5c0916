package valor.report;

import valor.base.Failure;
import valor.query.SavedQueries;
import valor.query.SavedQuery;

/**
 * The SQL behind a page. Where a built-in saved query answers the question (exercise-mix,
 * metric-trend, metric-asymmetry) the page runs it, so the report shows what valor-sql shows; the
 * rest reads the analyst views (session_details, report_metric_asymmetry, ik_joint_details) with
 * the same period filter. The weekly counts are not sessions-per-week: that query counts whole ISO
 * weeks back from a day, so its first week would include sessions from before --since.
 *
 * <p>The SQL is the same on H2 and PostgreSQL: DATE arithmetic with {@code + n}, ISO weeks with
 * EXTRACT(ISODOW ...) and TO_CHAR's IYYY and IW, parameters cast where their type is not otherwise clear.
 *
 * <p>Every query here takes {@code athlete_id} (the id {@link AthleteLookup} found) and {@code since}
 * (YYYY-MM-DD or NULL for all time), compared as exercise-mix compares it: from the start of that UTC day.
 */
final class ReportQueries {
    /**
     * The period filter. :since is cast before IS NULL: PostgreSQL cannot tell the type of a bare
     * parameter (the toolkit binds them untyped, to be typed where they are used).
     */
    private static final String SINCE = "(CAST(:since AS DATE) IS NULL OR recorded_at >= CAST(CAST(:since AS DATE) AS TIMESTAMP))";

    /** Built-in only: a user's saved query of the same name may return other columns than the page reads. */
    static SavedQuery builtIn(String name) {
        return SavedQueries.find(name).orElseThrow(() -> Failure.failed("the built-in saved query " + name + " is missing from the build"));
    }

    static final SavedQuery EVERYONE = SavedQuery.parse("report-athletes", """
            -- Every athlete the API lists, for --all.
            SELECT athlete_id, athlete_name, FALSE AS deleted FROM athlete_summary ORDER BY athlete_name, athlete_id
            """);

    static final SavedQuery TOTALS = SavedQuery.parse("report-totals", """
            -- The period's totals for the page's header.
            -- param athlete_id (required): the athlete
            -- param since: first day, YYYY-MM-DD
            SELECT COUNT(*)                               AS sessions,
                   COALESCE(ROUND(SUM(duration_s) / 60.0, 2), 0) AS total_min,
                   COUNT(DISTINCT exercise_id)            AS exercises,
                   MIN(recorded_at)                       AS first_session_at,
                   MAX(recorded_at)                       AS last_session_at,
                   (SELECT COUNT(DISTINCT m.session_id) FROM report_metric_details m
                    WHERE m.athlete_id = :athlete_id AND (CAST(:since AS DATE) IS NULL OR m.recorded_at >= CAST(CAST(:since AS DATE) AS TIMESTAMP)))
                                                          AS report_sessions,
                   (SELECT COUNT(DISTINCT j.session_id) FROM ik_joint_details j
                    WHERE j.athlete_id = :athlete_id AND (CAST(:since AS DATE) IS NULL OR j.recorded_at >= CAST(CAST(:since AS DATE) AS TIMESTAMP)))
                                                          AS ik_sessions
            FROM session_details
            WHERE athlete_id = :athlete_id AND %s
            """.formatted(SINCE));

    static final SavedQuery WEEKLY = SavedQuery.parse("report-weekly", """
            -- Sessions and minutes per ISO week with sessions (weeks without any are gaps on the page's time axis).
            -- param athlete_id (required): the athlete
            -- param since: first day, YYYY-MM-DD
            SELECT CONCAT(TO_CHAR(week_start, 'IYYY'), '-W', TO_CHAR(week_start, 'IW')) AS iso_week,
                   week_start, sessions, total_min
            FROM (SELECT recorded_on + 1 - CAST(EXTRACT(ISODOW FROM recorded_at) AS INT) AS week_start,
                         COUNT(*)                           AS sessions,
                         ROUND(SUM(duration_s) / 60.0, 2)   AS total_min
                  FROM session_details
                  WHERE athlete_id = :athlete_id AND %s
                  GROUP BY recorded_on + 1 - CAST(EXTRACT(ISODOW FROM recorded_at) AS INT)) w
            ORDER BY week_start
            """.formatted(SINCE));

    static final SavedQuery METRICS = SavedQuery.parse("report-metrics", """
            -- The report metrics the athlete has in the period, one chart each.
            -- param athlete_id (required): the athlete
            -- param since: first day, YYYY-MM-DD
            SELECT metric_group, metric, COUNT(DISTINCT session_id) AS sessions
            FROM report_metric_details
            WHERE athlete_id = :athlete_id AND %s
            GROUP BY metric_group, metric
            ORDER BY metric_group, metric
            """.formatted(SINCE));

    static final SavedQuery ASYMMETRY = SavedQuery.parse("report-asymmetry", """
            -- Left against right per session and metric: 100 * (L - R) / mean(L, R), positive when the left is larger.
            -- param athlete_id (required): the athlete
            -- param since: first day, YYYY-MM-DD
            SELECT metric_group, metric, recorded_at, exercise_name, asymmetry_pct, session_id
            FROM report_metric_asymmetry
            WHERE athlete_id = :athlete_id AND asymmetry_pct IS NOT NULL AND %s
            ORDER BY metric_group, metric, recorded_at, session_id
            """.formatted(SINCE));

    static final SavedQuery RANGE_OF_MOTION = SavedQuery.parse("report-range-of-motion", """
            -- Per exercise with joint angles and joint: the range of motion in the exercise's latest session, and the mean,
            -- least and most of its earlier sessions; the exercise whose latest session is newest first.
            -- param athlete_id (required): the athlete
            -- param since: first day, YYYY-MM-DD
            WITH j AS (
                SELECT exercise_id, exercise_name, joint, session_id, recorded_at, range_of_motion,
                       ROW_NUMBER() OVER (PARTITION BY exercise_id, joint ORDER BY recorded_at DESC, session_id DESC) AS newest
                FROM ik_joint_details
                WHERE athlete_id = :athlete_id AND %s
            ),
            latest AS (
                -- The exercise's latest session with joint angles, and how many it has.
                SELECT exercise_id, MAX(recorded_at) AS latest_at, COUNT(DISTINCT session_id) AS exercise_sessions FROM j GROUP BY exercise_id
            )
            SELECT j.exercise_id,
                   MAX(j.exercise_name)                                                   AS exercise_name,
                   MAX(l.exercise_sessions)                                               AS exercise_sessions,
                   MAX(l.latest_at)                                                       AS latest_at,
                   MAX(CASE WHEN j.newest = 1 THEN j.session_id END)                      AS latest_session_id,
                   j.joint,
                   MAX(CASE WHEN j.newest = 1 THEN j.range_of_motion END)                 AS latest_rom,
                   COUNT(CASE WHEN j.newest > 1 THEN 1 END)                               AS earlier_sessions,
                   CAST(AVG(CASE WHEN j.newest > 1 THEN j.range_of_motion END) AS DOUBLE PRECISION) AS earlier_mean,
                   MIN(CASE WHEN j.newest > 1 THEN j.range_of_motion END)                 AS earlier_min,
                   MAX(CASE WHEN j.newest > 1 THEN j.range_of_motion END)                 AS earlier_max
            FROM j JOIN latest l ON l.exercise_id = j.exercise_id
            GROUP BY j.exercise_id, j.joint
            ORDER BY MAX(l.latest_at) DESC, MAX(j.exercise_name), j.exercise_id,
                     REPLACE(REPLACE(j.joint, 'left_', ''), 'right_', ''), j.joint -- left beside right: the sides are compared
            """.formatted(SINCE));

    static final SavedQuery LATEST_SESSIONS = SavedQuery.parse("report-latest-sessions", """
            -- The period's most recent sessions, newest first, and whether each has a report and joint angles.
            -- param athlete_id (required): the athlete
            -- param since: first day, YYYY-MM-DD
            -- param limit = 20: how many
            SELECT d.recorded_at, d.exercise_name, d.duration_min, d.assessment_id IS NOT NULL AS in_assessment,
                   EXISTS (SELECT 1 FROM report_metrics m WHERE m.session_id = d.session_id)   AS has_report,
                   EXISTS (SELECT 1 FROM ik_joint_summary j WHERE j.session_id = d.session_id) AS has_ik,
                   d.session_id
            FROM session_details d
            WHERE d.athlete_id = :athlete_id AND %s
            ORDER BY d.recorded_at DESC, d.session_id DESC
            LIMIT CAST(:limit AS INT)
            """.formatted(SINCE.replace("recorded_at", "d.recorded_at")));

    private ReportQueries() {}
}
