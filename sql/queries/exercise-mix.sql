-- Exercise mix per athlete: how often each exercise was recorded and its share of the athlete's sessions.
-- param athlete: an athlete id or full name (default: every athlete)
-- param since: count sessions from this day on, YYYY-MM-DD (default: all time)
WITH p AS (
    SELECT CAST(:since AS DATE) AS since, CAST(:athlete AS VARCHAR) AS athlete
)
SELECT d.athlete_id,
       d.athlete_name,
       d.exercise_id,
       d.exercise_name,
       COUNT(*)                                                                      AS sessions,
       ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (PARTITION BY d.athlete_id), 1)   AS share_pct,
       ROUND(SUM(d.duration_s) / 60.0, 1)                                            AS total_min,
       MAX(d.recorded_at)                                                            AS last_recorded_at
FROM session_details d, p
WHERE (p.since IS NULL OR d.recorded_on >= p.since)
  AND (p.athlete IS NULL OR d.athlete_id = p.athlete OR LOWER(d.athlete_name) = LOWER(p.athlete))
GROUP BY d.athlete_id, d.athlete_name, d.exercise_id, d.exercise_name
ORDER BY d.athlete_name, d.athlete_id, sessions DESC, d.exercise_name;
