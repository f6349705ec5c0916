-- Longest and shortest session of each exercise, with who recorded them and the average duration.
-- param athlete: an athlete id or full name (default: every athlete)
WITH p AS (
    SELECT CAST(:athlete AS VARCHAR) AS athlete
),
chosen AS (
    SELECT a.athlete_id FROM athletes a, p
    WHERE a.athlete_id = p.athlete OR LOWER(TRIM(CONCAT(a.first_name, ' ', a.last_name))) = LOWER(p.athlete)
),
ranked AS (
    -- One athlete: one pass over their sessions; ties go to the session recorded first, then to the lowest id.
    SELECT s.exercise_id, s.session_id, s.athlete_id, s.duration_s,
           ROW_NUMBER() OVER (PARTITION BY s.exercise_id ORDER BY s.duration_s, s.recorded_at, s.session_id)      AS from_shortest,
           ROW_NUMBER() OVER (PARTITION BY s.exercise_id ORDER BY s.duration_s DESC, s.recorded_at, s.session_id) AS from_longest,
           COUNT(*) OVER (PARTITION BY s.exercise_id)                                                            AS sessions,
           AVG(s.duration_s) OVER (PARTITION BY s.exercise_id)                                                   AS avg_s
    FROM chosen c
    JOIN sessions s ON s.athlete_id = c.athlete_id -- a join, not IN (...): H2 then reads none when no athlete is chosen
    WHERE s.deleted_at IS NULL AND s.duration_s IS NOT NULL
),
ends AS (
    -- Every athlete: exercise_extremes, which valor-sync keeps up to date with the same ties.
    SELECT exercise_id, sessions, shortest_s, shortest_athlete_id, shortest_session_id,
           longest_s, longest_athlete_id, longest_session_id, avg_s
    FROM p, exercise_extremes
    WHERE p.athlete IS NULL
    UNION ALL
    SELECT exercise_id,
           MAX(sessions)                                                AS sessions,
           MAX(CASE WHEN from_shortest = 1 THEN duration_s END)        AS shortest_s,
           MAX(CASE WHEN from_shortest = 1 THEN athlete_id END)        AS shortest_athlete_id,
           MAX(CASE WHEN from_shortest = 1 THEN session_id END)        AS shortest_session_id,
           MAX(CASE WHEN from_longest = 1 THEN duration_s END)         AS longest_s,
           MAX(CASE WHEN from_longest = 1 THEN athlete_id END)         AS longest_athlete_id,
           MAX(CASE WHEN from_longest = 1 THEN session_id END)         AS longest_session_id,
           MAX(avg_s)                                                   AS avg_s
    FROM ranked
    WHERE from_shortest = 1 OR from_longest = 1
    GROUP BY exercise_id
)
SELECT n.exercise_id,
       e.name                                          AS exercise_name,
       n.sessions,
       n.shortest_s,
       TRIM(CONCAT(sa.first_name, ' ', sa.last_name))  AS shortest_by,
       n.shortest_session_id,
       n.longest_s,
       TRIM(CONCAT(la.first_name, ' ', la.last_name))  AS longest_by,
       n.longest_session_id,
       ROUND(n.avg_s, 1)                               AS avg_s
FROM ends n
LEFT JOIN exercises e ON e.exercise_id = n.exercise_id
LEFT JOIN athletes sa ON sa.athlete_id = n.shortest_athlete_id
LEFT JOIN athletes la ON la.athlete_id = n.longest_athlete_id
ORDER BY exercise_name, n.exercise_id;
