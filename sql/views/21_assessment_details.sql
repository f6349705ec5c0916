-- One row per assessment with the athlete's name and what was recorded in it: its sessions,
-- their exercises in the order they were done, and the minutes recorded. Deleted assessments
-- and deleted sessions are left out.
CREATE OR REPLACE VIEW assessment_details AS
SELECT x.assessment_id,
       x.name                                               AS assessment_name,
       x.athlete_id,
       TRIM(CONCAT(a.first_name, ' ', a.last_name))         AS athlete_name,
       x.assessed_at,
       CAST(x.assessed_at AS DATE)                          AS assessed_on,
       COUNT(s.session_id)                                  AS sessions,
       LISTAGG(COALESCE(e.name, s.session_name), ', ')
           WITHIN GROUP (ORDER BY s.recorded_at, s.session_id) AS exercises,
       ROUND(COALESCE(SUM(s.duration_s), 0) / 60.0, 1)      AS total_min
FROM assessments x
LEFT JOIN athletes a ON a.athlete_id = x.athlete_id
LEFT JOIN sessions s ON s.assessment_id = x.assessment_id AND s.deleted_at IS NULL
LEFT JOIN exercises e ON e.exercise_id = s.exercise_id
WHERE x.deleted_at IS NULL
GROUP BY x.assessment_id, x.name, x.athlete_id, a.first_name, a.last_name, x.assessed_at;
