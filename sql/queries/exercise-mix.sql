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
    -- All time: athlete_exercises, the per-athlete and exercise totals valor-sync keeps up to date.
    SELECT x.athlete_id, x.exercise_id, x.sessions, x.seconds, x.last_recorded_at
    FROM p, athlete_exercises x
    WHERE p.since IS NULL AND x.sessions > 0
      AND (p.athlete IS NULL OR x.athlete_id IN (SELECT athlete_id FROM chosen))
    UNION ALL
    -- From a day on: the sessions themselves, aggregated before the names are joined.
    SELECT s.athlete_id, s.exercise_id, COUNT(*), SUM(s.duration_s), MAX(s.recorded_at)
    FROM p, sessions s
    WHERE p.since IS NOT NULL AND s.deleted_at IS NULL AND s.recorded_at >= p.since
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
