-- Sessions and total minutes per athlete per ISO week.
-- param athlete: an athlete id or full name (default: every athlete)
-- param weeks = 12: how many ISO weeks to show, ending with the week of as_of
-- param as_of: the last day to count, YYYY-MM-DD (default: today, UTC)
WITH p AS (
    SELECT COALESCE(CAST(:as_of AS DATE), CURRENT_DATE) AS as_of,
           CAST(:weeks AS INT)                          AS weeks,
           CAST(:athlete AS VARCHAR)                    AS athlete
),
s AS (
    SELECT d.*,
           DATEADD(DAY, 1 - EXTRACT(ISO_DAY_OF_WEEK FROM d.recorded_on), d.recorded_on) AS week_start
    FROM session_details d, p
    WHERE d.recorded_on <= p.as_of
      AND (p.athlete IS NULL OR d.athlete_id = p.athlete OR LOWER(d.athlete_name) = LOWER(p.athlete))
)
SELECT CONCAT(EXTRACT(ISO_WEEK_YEAR FROM s.week_start), '-W', LPAD(EXTRACT(ISO_WEEK FROM s.week_start), 2, '0')) AS iso_week,
       s.week_start,
       s.athlete_id,
       s.athlete_name,
       COUNT(*)                         AS sessions,
       ROUND(SUM(s.duration_s) / 60.0, 1) AS total_min
FROM s, p
WHERE s.week_start > DATEADD(DAY, -7 * p.weeks, DATEADD(DAY, 1 - EXTRACT(ISO_DAY_OF_WEEK FROM p.as_of), p.as_of))
GROUP BY s.week_start, s.athlete_id, s.athlete_name
ORDER BY s.week_start, s.athlete_name, s.athlete_id;
