-- Assessments completed per athlete, with the exercises recorded in each, newest first.
-- param athlete: an athlete id or full name (default: every athlete)
-- param since: assessments from this day on, YYYY-MM-DD (default: all time)
WITH p AS (
    SELECT CAST(:since AS DATE) AS since, CAST(:athlete AS VARCHAR) AS athlete
)
SELECT x.athlete_id,
       x.athlete_name,
       x.assessed_on,
       x.assessment_name,
       x.sessions,
       x.exercises,
       x.total_min,
       x.assessment_id
FROM assessment_details x, p
WHERE x.sessions > 0
  AND (p.since IS NULL OR x.assessed_on >= p.since)
  AND (p.athlete IS NULL OR x.athlete_id = p.athlete OR LOWER(x.athlete_name) = LOWER(p.athlete))
ORDER BY x.athlete_name, x.athlete_id, x.assessed_at DESC, x.assessment_id;
