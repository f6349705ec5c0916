-- Sessions with the names analysts want beside them, without the joins. Deleted sessions are
-- left out (they stay in the sessions table, with deleted_at set).
CREATE OR REPLACE VIEW session_details AS
SELECT s.session_id,
       s.recorded_at,
       CAST(s.recorded_at AS DATE)                        AS recorded_on,
       s.duration_s,
       s.duration_s / 60.0                                AS duration_min,
       s.athlete_id,
       TRIM(CONCAT(a.first_name, ' ', a.last_name))       AS athlete_name,
       s.exercise_id,
       COALESCE(e.name, s.session_name)                   AS exercise_name,
       s.session_name,
       s.assessment_id,
       s.single_exercise,
       s.s3_key
FROM sessions s
LEFT JOIN athletes a ON a.athlete_id = s.athlete_id
LEFT JOIN exercises e ON e.exercise_id = s.exercise_id
WHERE s.deleted_at IS NULL;
