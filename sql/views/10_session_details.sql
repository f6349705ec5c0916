-- Sessions with the names analysts want beside them, without the joins. Deleted sessions are
-- left out (they stay in the sessions table, with deleted_at set).
CREATE OR REPLACE VIEW session_details AS
SELECT s.session_id,
       s.recorded_at,
       CAST(s.recorded_at AS DATE)                        AS recorded_on,
       s.duration_s,
       -- Minutes typed NUMERIC(18,2) so that both engines state the scale the values have (H2 would
       -- say DECFLOAT of scale 0, PostgreSQL double precision) and an export keeps the decimals. A
       -- length NUMERIC(18,2) cannot hold (over 10^15 minutes, or not finite) is NULL, not an error.
       CAST(CASE WHEN ABS(s.duration_s) < 6E16 THEN ROUND(s.duration_s / 60.0, 2) END AS NUMERIC(18,2)) AS duration_min,
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

-- What valor-sql --describe shows. H2 forgets a view's column comments when the view is re-created or the
-- database closes, so valor-sql reads them from this file (lib/query/TableDescription.java); running them checks the names.
COMMENT ON VIEW session_details IS 'Sessions with athlete and exercise names beside them; deleted sessions left out';
COMMENT ON COLUMN session_details.session_id IS 'The session''s id in the Valor API';
COMMENT ON COLUMN session_details.recorded_at IS 'When the session was recorded (UTC)';
COMMENT ON COLUMN session_details.recorded_on IS 'The day it was recorded (UTC)';
COMMENT ON COLUMN session_details.duration_s IS 'Length of the recording in seconds';
COMMENT ON COLUMN session_details.duration_min IS 'Length of the recording in minutes, rounded to 2 decimals';
COMMENT ON COLUMN session_details.athlete_id IS 'The athlete who recorded it';
COMMENT ON COLUMN session_details.athlete_name IS 'The athlete''s first and last name';
COMMENT ON COLUMN session_details.exercise_id IS 'The exercise recorded';
COMMENT ON COLUMN session_details.exercise_name IS 'The exercise''s name (the session''s name if the exercise has none)';
COMMENT ON COLUMN session_details.session_name IS 'The session''s name as the API sends it';
COMMENT ON COLUMN session_details.assessment_id IS 'The assessment it was part of; NULL for a standalone recording';
COMMENT ON COLUMN session_details.single_exercise IS 'TRUE for a standalone recording, outside any assessment';
COMMENT ON COLUMN session_details.s3_key IS 'Key of the recording''s data at the vendor';
