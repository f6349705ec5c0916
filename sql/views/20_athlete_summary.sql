-- One row per athlete: name, first and last session, how many sessions and minutes in all, and
-- the most recent assessment. Deleted athletes, sessions and assessments are left out (the base
-- tables keep them, with deleted_at set). Athletes who never recorded have 0 sessions.
CREATE OR REPLACE VIEW athlete_summary AS
SELECT a.athlete_id,
       TRIM(CONCAT(a.first_name, ' ', a.last_name))         AS athlete_name,
       a.email,
       s.first_session_at,
       s.last_session_at,
       COALESCE(s.sessions, 0)                              AS sessions,
       -- NUMERIC(18,2) as session_details.duration_min (sql/views/10_session_details.sql says why).
       CAST(CASE WHEN s.seconds IS NULL THEN 0
                 WHEN ABS(s.seconds) < 6E16 THEN ROUND(s.seconds / 60.0, 2) END AS NUMERIC(18,2)) AS total_min,
       COALESCE(x.assessments, 0)                           AS assessments,
       x.last_assessment_at,
       (SELECT l.name FROM assessments l
        WHERE l.athlete_id = a.athlete_id AND l.deleted_at IS NULL
        ORDER BY l.assessed_at DESC, l.assessment_id
        LIMIT 1)                                            AS last_assessment_name
FROM athletes a
-- Per-athlete totals valor-sync keeps up to date (sql/migrations/006_analyst_summaries.sql), not every session.
LEFT JOIN athlete_totals s ON s.athlete_id = a.athlete_id
LEFT JOIN (SELECT athlete_id,
                  COUNT(*)                            AS assessments,
                  MAX(assessed_at)                    AS last_assessment_at
           FROM assessments
           WHERE deleted_at IS NULL
           GROUP BY athlete_id) x ON x.athlete_id = a.athlete_id
WHERE a.deleted_at IS NULL;

-- What valor-sql --describe shows. H2 forgets a view's column comments when the view is re-created or the
-- database closes, so valor-sql reads them from this file (lib/query/TableDescription.java); running them checks the names.
COMMENT ON VIEW athlete_summary IS 'One row per athlete: first and last session, sessions, minutes and the latest assessment; deleted rows left out';
COMMENT ON COLUMN athlete_summary.athlete_id IS 'The athlete''s id in the Valor API';
COMMENT ON COLUMN athlete_summary.athlete_name IS 'First and last name';
COMMENT ON COLUMN athlete_summary.email IS 'Email address';
COMMENT ON COLUMN athlete_summary.first_session_at IS 'When the first session was recorded (UTC); NULL if none';
COMMENT ON COLUMN athlete_summary.last_session_at IS 'When the latest session was recorded (UTC); NULL if none';
COMMENT ON COLUMN athlete_summary.sessions IS 'Sessions recorded (0 if none)';
COMMENT ON COLUMN athlete_summary.total_min IS 'Minutes recorded in all sessions, rounded to 2 decimals';
COMMENT ON COLUMN athlete_summary.assessments IS 'Assessments taken (0 if none)';
COMMENT ON COLUMN athlete_summary.last_assessment_at IS 'When the latest assessment took place (UTC); NULL if none';
COMMENT ON COLUMN athlete_summary.last_assessment_name IS 'The latest assessment''s name';
