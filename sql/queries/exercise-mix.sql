-- Exercise mix per athlete: how often each exercise was recorded and its share of the athlete's sessions.
-- param athlete: an athlete id or full name (default: every athlete)
-- param since: count sessions from this day on, YYYY-MM-DD (default: all time)
WITH p AS (
    SELECT CAST(CAST(:since AS DATE) AS TIMESTAMP) AS since,
           CAST(:athlete AS VARCHAR)                                           AS athlete
),
chosen AS (
    SELECT a.athlete_id FROM athletes a, p
    WHERE a.athlete_id = p.athlete OR LOWER(TRIM(CONCAT(a.first_name, ' ', a.last_name))) = LOWER(p.athlete)
),
mix AS (
    -- Aggregated before the names are joined, so the join is per group, not per session.
    SELECT s.athlete_id, s.exercise_id,
           COUNT(*)           AS sessions,
           SUM(s.duration_s)  AS seconds,
           MAX(s.recorded_at) AS last_recorded_at
    FROM p, sessions s
    WHERE s.deleted_at IS NULL
      AND (p.since IS NULL OR s.recorded_at >= p.since) -- a plain scan: H2 would look up every row through the date index
      AND (p.athlete IS NULL OR s.athlete_id IN (SELECT athlete_id FROM chosen))
    GROUP BY s.athlete_id, s.exercise_id
)
SELECT m.athlete_id,
       TRIM(CONCAT(a.first_name, ' ', a.last_name))                                        AS athlete_name,
       m.exercise_id,
       e.name                                                                             AS exercise_name,
       m.sessions,
       ROUND(100.0 * m.sessions / SUM(m.sessions) OVER (PARTITION BY m.athlete_id), 2)   AS share_pct,
       ROUND(m.seconds / 60.0, 2)                                                         AS total_min,
       m.last_recorded_at
FROM mix m
LEFT JOIN athletes a ON a.athlete_id = m.athlete_id
LEFT JOIN exercises e ON e.exercise_id = m.exercise_id
ORDER BY athlete_name, m.athlete_id, m.sessions DESC, exercise_name;
