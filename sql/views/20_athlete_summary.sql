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
       COALESCE(s.total_min, 0)                             AS total_min,
       COALESCE(x.assessments, 0)                           AS assessments,
       x.last_assessment_at,
       (SELECT l.name FROM assessments l
        WHERE l.athlete_id = a.athlete_id AND l.deleted_at IS NULL
        ORDER BY l.assessed_at DESC, l.assessment_id
        LIMIT 1)                                            AS last_assessment_name
FROM athletes a
LEFT JOIN (SELECT athlete_id,
                  MIN(recorded_at)                    AS first_session_at,
                  MAX(recorded_at)                    AS last_session_at,
                  COUNT(*)                            AS sessions,
                  ROUND(SUM(duration_s) / 60.0, 1)    AS total_min
           FROM sessions
           WHERE deleted_at IS NULL
           GROUP BY athlete_id) s ON s.athlete_id = a.athlete_id
LEFT JOIN (SELECT athlete_id,
                  COUNT(*)                            AS assessments,
                  MAX(assessed_at)                    AS last_assessment_at
           FROM assessments
           WHERE deleted_at IS NULL
           GROUP BY athlete_id) x ON x.athlete_id = a.athlete_id
WHERE a.deleted_at IS NULL;
