-- One row per assessment with the athlete's name and what was recorded in it: its sessions,
-- their exercises in the order they were done, and the minutes recorded. Deleted assessments
-- and deleted sessions are left out. The session totals are read from assessment_totals, which
-- valor-sync keeps.
CREATE OR REPLACE VIEW assessment_details AS
SELECT x.assessment_id,
       x.name                                               AS assessment_name,
       x.athlete_id,
       TRIM(CONCAT(a.first_name, ' ', a.last_name))         AS athlete_name,
       x.assessed_at,
       CAST(x.assessed_at AS DATE)                          AS assessed_on,
       COALESCE(t.sessions, 0)                              AS sessions,
       t.exercises,
       -- NUMERIC(18,2) as session_details.duration_min (sql/views/10_session_details.sql says why).
       CAST(CASE WHEN t.seconds IS NULL THEN 0
                 WHEN ABS(t.seconds) < 6E16 THEN ROUND(t.seconds / 60.0, 2) END AS NUMERIC(18,2)) AS total_min
FROM assessments x
LEFT JOIN athletes a ON a.athlete_id = x.athlete_id
LEFT JOIN assessment_totals t ON t.assessment_id = x.assessment_id
WHERE x.deleted_at IS NULL;

-- What valor-sql --describe shows. H2 forgets a view's column comments when the view is re-created or the
-- database closes, so valor-sql reads them from this file (lib/query/TableDescription.java); running them checks the names.
COMMENT ON VIEW assessment_details IS 'One row per assessment: the athlete, its sessions, their exercises in order and minutes; deleted rows left out';
COMMENT ON COLUMN assessment_details.assessment_id IS 'The assessment''s id in the Valor API';
COMMENT ON COLUMN assessment_details.assessment_name IS 'The assessment''s name';
COMMENT ON COLUMN assessment_details.athlete_id IS 'The athlete assessed';
COMMENT ON COLUMN assessment_details.athlete_name IS 'The athlete''s first and last name';
COMMENT ON COLUMN assessment_details.assessed_at IS 'When it took place (UTC)';
COMMENT ON COLUMN assessment_details.assessed_on IS 'The day it took place (UTC)';
COMMENT ON COLUMN assessment_details.sessions IS 'Sessions recorded in it (0 if none)';
COMMENT ON COLUMN assessment_details.exercises IS 'Exercises recorded in it, comma-separated, in the order they were done';
COMMENT ON COLUMN assessment_details.total_min IS 'Minutes recorded in it, rounded to 2 decimals';
