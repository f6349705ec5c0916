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
    SELECT CAST(DATEADD(WEEK, 1 - weeks, DATEADD(DAY, 1 - EXTRACT(ISO_DAY_OF_WEEK FROM as_of), as_of)) AS TIMESTAMP) AS first_moment,
           CAST(DATEADD(DAY, 1, as_of) AS TIMESTAMP)                                                               AS end_moment,
           athlete
    FROM p
),
chosen AS (
    SELECT a.athlete_id FROM athletes a, bounds b
    WHERE a.athlete_id = b.athlete OR LOWER(TRIM(CONCAT(a.first_name, ' ', a.last_name))) = LOWER(b.athlete)
),
weekly AS (
    -- Aggregated before the names are joined, so the join is per group, not per session.
    SELECT s.athlete_id,
           DATEADD(DAY, 1 - EXTRACT(ISO_DAY_OF_WEEK FROM s.recorded_at), CAST(s.recorded_at AS DATE)) AS week_start,
           COUNT(*)                                                                                AS sessions,
           SUM(s.duration_s)                                                                       AS seconds
    FROM bounds b, sessions s
    WHERE s.deleted_at IS NULL
      AND s.recorded_at >= b.first_moment AND s.recorded_at < b.end_moment
      AND (b.athlete IS NULL OR s.athlete_id IN (SELECT athlete_id FROM chosen))
    GROUP BY s.athlete_id, DATEADD(DAY, 1 - EXTRACT(ISO_DAY_OF_WEEK FROM s.recorded_at), CAST(s.recorded_at AS DATE))
)
SELECT CONCAT(EXTRACT(ISO_WEEK_YEAR FROM w.week_start), '-W', LPAD(EXTRACT(ISO_WEEK FROM w.week_start), 2, '0')) AS iso_week,
       w.week_start,
       w.athlete_id,
       TRIM(CONCAT(a.first_name, ' ', a.last_name)) AS athlete_name,
       w.sessions,
       ROUND(w.seconds / 60.0, 2)                   AS total_min
FROM weekly w
LEFT JOIN athletes a ON a.athlete_id = w.athlete_id
ORDER BY w.week_start, athlete_name, w.athlete_id;
