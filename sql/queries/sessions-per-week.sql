-- Sessions and total minutes per athlete per ISO week.
-- param athlete: an athlete id or full name (default: every athlete)
-- param weeks = 12: how many ISO weeks to show, ending with the week of as_of
-- param as_of: the last day to count, YYYY-MM-DD (default: today, UTC)
WITH p AS (
    SELECT COALESCE(CAST(:as_of AS DATE), CURRENT_DATE) AS as_of,
           CAST(:weeks AS INT)                          AS weeks,
           CAST(:athlete AS VARCHAR)                    AS athlete
),
bounds AS (
    SELECT as_of + 1 - CAST(EXTRACT(ISODOW FROM as_of) AS INT) + 7 * (1 - weeks) AS first_week,
           as_of + 1 - CAST(EXTRACT(ISODOW FROM as_of) AS INT)                   AS last_week,
           CAST(as_of + 1 AS TIMESTAMP)                                          AS end_moment,
           athlete
    FROM p
),
-- From the parameter, not from bounds: a subquery naming another CTE is run again for every row it filters.
chosen AS (
    SELECT a.athlete_id FROM athletes a
    WHERE a.athlete_id = CAST(:athlete AS VARCHAR) OR LOWER(TRIM(CONCAT(a.first_name, ' ', a.last_name))) = LOWER(CAST(:athlete AS VARCHAR))
),
weekly AS (
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
)
SELECT TO_CHAR(w.week_start, 'IYYY') || '-W' || TO_CHAR(w.week_start, 'IW') AS iso_week,
       w.week_start,
       w.athlete_id,
       TRIM(CONCAT(a.first_name, ' ', a.last_name)) AS athlete_name,
       w.sessions,
       ROUND(w.seconds / 60.0, 2)                   AS total_min
FROM weekly w
LEFT JOIN athletes a ON a.athlete_id = w.athlete_id
ORDER BY w.week_start, athlete_name, w.athlete_id;
