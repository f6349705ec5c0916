-- Longest and shortest session of each exercise, with who recorded them and the average duration.
-- param athlete: an athlete id or full name (default: every athlete)
WITH p AS (
    SELECT CAST(:athlete AS VARCHAR) AS athlete
),
ranked AS (
    SELECT d.*,
           ROW_NUMBER() OVER (PARTITION BY d.exercise_id ORDER BY d.duration_s, d.recorded_at, d.session_id)            AS shortest_rank,
           ROW_NUMBER() OVER (PARTITION BY d.exercise_id ORDER BY d.duration_s DESC, d.recorded_at, d.session_id)       AS longest_rank,
           COUNT(*) OVER (PARTITION BY d.exercise_id)                                                                  AS sessions,
           AVG(d.duration_s) OVER (PARTITION BY d.exercise_id)                                                         AS avg_s
    FROM session_details d, p
    WHERE d.duration_s IS NOT NULL
      AND (p.athlete IS NULL OR d.athlete_id = p.athlete OR LOWER(d.athlete_name) = LOWER(p.athlete))
)
SELECT s.exercise_id,
       s.exercise_name,
       s.sessions,
       s.duration_s           AS shortest_s,
       s.athlete_name         AS shortest_by,
       s.session_id           AS shortest_session_id,
       l.duration_s           AS longest_s,
       l.athlete_name         AS longest_by,
       l.session_id           AS longest_session_id,
       ROUND(s.avg_s, 1)      AS avg_s
FROM ranked s
JOIN ranked l ON l.exercise_id = s.exercise_id AND l.longest_rank = 1
WHERE s.shortest_rank = 1
ORDER BY s.exercise_name, s.exercise_id;
