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
    -- The CAST: H2 types a recursive column only after this part is compiled, and refuses DATE - INT until then.
    SELECT CAST(c.cal_day AS DATE) - 1, c.n + 1 FROM calendar c, p WHERE c.n < p.days
),
activity(recorded_on, sessions, total_min, assessments, exercises) AS (
    -- The sessions table rather than session_details, so H2 reads these columns from the index
    -- on recorded_at instead of every session row; the names are joined as the view does.
    SELECT CAST(s.recorded_at AS DATE),
           COUNT(*),
           ROUND(SUM(s.duration_s) / 60.0, 2),
           COUNT(DISTINCT s.assessment_id),
           STRING_AGG(DISTINCT COALESCE(e.name, s.session_name), ', ' ORDER BY COALESCE(e.name, s.session_name))
    FROM p
    JOIN sessions s ON s.recorded_at >= p.as_of + (1 - p.days) AND s.recorded_at < p.as_of + 1
    LEFT JOIN exercises e ON e.exercise_id = s.exercise_id
    WHERE s.deleted_at IS NULL
      -- The name from the parameter, not from p: a subquery naming p is run again for every session.
      AND (p.athlete IS NULL OR s.athlete_id = p.athlete
           OR s.athlete_id IN (SELECT a.athlete_id FROM athletes a
                               WHERE LOWER(TRIM(CONCAT(a.first_name, ' ', a.last_name))) = LOWER(CAST(:athlete AS VARCHAR))))
    GROUP BY CAST(s.recorded_at AS DATE)
),
-- Days without sessions come from the calendar, with zeros; each day then has one or two rows
-- to merge. (A LEFT JOIN to activity would have H2 run activity again for every day.)
days(cal_day, sessions, total_min, assessments, exercises) AS (
    SELECT cal_day, 0, 0, 0, CAST(NULL AS VARCHAR) FROM calendar
    UNION ALL
    SELECT recorded_on, sessions, total_min, assessments, exercises FROM activity
    WHERE recorded_on IN (SELECT cal_day FROM calendar)
)
SELECT cal_day            AS "day",
       DAYNAME(cal_day)   AS weekday,
       MAX(sessions)      AS sessions,
       SUM(total_min)     AS total_min,
       MAX(assessments)   AS assessments,
       MAX(exercises)     AS exercises
FROM days
GROUP BY cal_day
ORDER BY cal_day;
