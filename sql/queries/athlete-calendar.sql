-- A day-by-day calendar of activity: sessions, minutes and exercises per day, days without sessions included.
-- param athlete: an athlete id or full name (default: every athlete together)
-- param days = 28: how many days to show, ending with as_of
-- param as_of: the last day to show, YYYY-MM-DD (default: today, UTC)
WITH RECURSIVE p(as_of, days, athlete) AS (
    SELECT COALESCE(CAST(:as_of AS DATE), CURRENT_DATE) AS as_of,
           CAST(:days AS INT)                           AS days,
           CAST(:athlete AS VARCHAR)                    AS athlete
),
calendar(cal_day, n) AS (
    SELECT as_of, 1 FROM p WHERE days > 0
    UNION ALL
    SELECT DATEADD(DAY, -1, c.cal_day), c.n + 1 FROM calendar c, p WHERE c.n < p.days
),
activity(recorded_on, sessions, total_min, assessments, exercises) AS (
    SELECT d.recorded_on,
           COUNT(*),
           ROUND(SUM(d.duration_s) / 60.0, 2),
           COUNT(DISTINCT d.assessment_id),
           LISTAGG(DISTINCT d.exercise_name, ', ') WITHIN GROUP (ORDER BY d.exercise_name)
    FROM session_details d, p
    WHERE d.recorded_at >= DATEADD(DAY, 1 - p.days, p.as_of) AND d.recorded_at < DATEADD(DAY, 1, p.as_of)
      AND (p.athlete IS NULL OR d.athlete_id = p.athlete OR LOWER(d.athlete_name) = LOWER(p.athlete))
    GROUP BY d.recorded_on
)
SELECT c.cal_day                       AS "day",
       DAYNAME(c.cal_day)              AS weekday,
       COALESCE(a.sessions, 0)         AS sessions,
       COALESCE(a.total_min, 0)        AS total_min,
       COALESCE(a.assessments, 0)      AS assessments,
       a.exercises
FROM calendar c
LEFT JOIN activity a ON a.recorded_on = c.cal_day
ORDER BY c.cal_day;
