-- Sessions and total minutes per athlete per ISO week.
-- param athlete: an athlete id or full name (default: every athlete)
-- param weeks = 12: how many ISO weeks to show, ending with the week of as_of
-- param as_of: the last day to count, YYYY-MM-DD (default: today, UTC)
-- param empty_weeks = false: true lists the weeks without a session too, with 0, for every athlete (a squad's chart)
-- column iso_week: ISO week
-- column week_start: The week's Monday
-- column athlete_id: The athlete's id
-- column athlete_name: Athlete
-- column sessions: Sessions
-- column total_min: Minutes recorded
WITH RECURSIVE p(as_of, weeks, athlete, empty_weeks) AS (
    SELECT COALESCE(CAST(:as_of AS DATE), CURRENT_DATE),
           CAST(:weeks AS INT),
           CAST(:athlete AS VARCHAR),
           COALESCE(CAST(:empty_weeks AS BOOLEAN), FALSE)
),
bounds(first_week, last_week, end_moment, athlete) AS (
    SELECT as_of + 1 - CAST(EXTRACT(ISODOW FROM as_of) AS INT) + 7 * (1 - weeks) AS first_week,
           as_of + 1 - CAST(EXTRACT(ISODOW FROM as_of) AS INT)                   AS last_week,
           CAST(as_of + 1 AS TIMESTAMP)                                          AS end_moment,
           athlete
    FROM p
),
-- From the parameter, not from bounds: a subquery naming another CTE is run again for every row it filters.
chosen(athlete_id) AS (
    SELECT a.athlete_id FROM athletes a
    WHERE a.athlete_id = CAST(:athlete AS VARCHAR) OR LOWER(TRIM(CONCAT(a.first_name, ' ', a.last_name))) = LOWER(CAST(:athlete AS VARCHAR))
),
weekly(athlete_id, week_start, sessions, seconds) AS (
    -- The weeks before as_of's: from athlete_weeks, the per-week totals valor-sync keeps up to date.
    SELECT w.athlete_id, w.week_start, w.sessions, w.seconds
    FROM bounds b, athlete_weeks w
    WHERE w.week_start >= b.first_week AND w.week_start < b.last_week
      AND (b.athlete IS NULL OR w.athlete_id IN (SELECT athlete_id FROM chosen))
    UNION ALL
    -- as_of's own week, which counts only up to as_of: from the sessions themselves.
    SELECT s.athlete_id, b.last_week, COUNT(*), SUM(s.duration_s)
    FROM bounds b, sessions s
    WHERE s.deleted_at IS NULL
      AND s.recorded_at >= CAST(GREATEST(b.first_week, b.last_week) AS TIMESTAMP) AND s.recorded_at < b.end_moment
      AND (b.athlete IS NULL OR s.athlete_id IN (SELECT athlete_id FROM chosen))
    GROUP BY s.athlete_id, b.last_week
),
-- With empty_weeks, every week of the range (none without it).
calendar(week_start, n) AS (
    SELECT b.first_week, 1 FROM bounds b, p WHERE p.empty_weeks AND p.weeks > 0
    UNION ALL
    -- The CAST: H2 types a recursive column only after this part is compiled, and refuses DATE + INT until then.
    SELECT CAST(c.week_start AS DATE) + 7, c.n + 1 FROM calendar c, p WHERE c.n < p.weeks
),
-- Each athlete's week from weekly, and a 0 for every athlete (not deleted) and calendar week; a week then has one
-- or two rows to merge. (A NOT EXISTS or LEFT JOIN on weekly would have H2 run weekly again for every week.)
merged(athlete_id, week_start, sessions, seconds) AS (
    SELECT athlete_id, week_start, sessions, seconds FROM weekly
    UNION ALL
    SELECT a.athlete_id, c.week_start, 0, 0
    FROM calendar c, athletes a, bounds b
    WHERE a.deleted_at IS NULL AND (b.athlete IS NULL OR a.athlete_id IN (SELECT athlete_id FROM chosen))
)
SELECT TO_CHAR(w.week_start, 'IYYY') || '-W' || TO_CHAR(w.week_start, 'IW') AS iso_week,
       w.week_start,
       w.athlete_id,
       TRIM(CONCAT(a.first_name, ' ', a.last_name)) AS athlete_name,
       w.sessions,
       ROUND(w.seconds / 60.0, 2)                   AS total_min
FROM (SELECT athlete_id, week_start, MAX(sessions) AS sessions, MAX(seconds) AS seconds
      FROM merged GROUP BY athlete_id, week_start) w
LEFT JOIN athletes a ON a.athlete_id = w.athlete_id
ORDER BY w.week_start, athlete_name, w.athlete_id;
