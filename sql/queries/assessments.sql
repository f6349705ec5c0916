-- Assessments completed per athlete, with the exercises recorded in each, newest first.
-- param athlete: an athlete id or full name (default: every athlete)
-- param since: assessments from this day on, YYYY-MM-DD (default: all time)
-- What assessment_details shows, read from the summary valor-sync keeps alone, in the order of its
-- index assessment_totals_listing (sql/migrations/014_assessment_listing.sql): no join, no sort.
WITH p AS (
    SELECT CAST(:since AS DATE) AS since, CAST(:athlete AS VARCHAR) AS athlete
)
SELECT t.assessed_athlete_id                                AS athlete_id,
       t.athlete_name,
       CAST(t.assessed_at AS DATE)                          AS assessed_on,
       t.assessment_name,
       t.sessions,
       t.exercises,
       -- As assessment_details.total_min (sql/views/21_assessment_details.sql).
       CAST(CASE WHEN t.seconds IS NULL THEN 0
                 WHEN ABS(t.seconds) < 6E16 THEN ROUND(t.seconds / 60.0, 2) END AS NUMERIC(18,2)) AS total_min,
       t.assessment_id
FROM assessment_totals t, p
WHERE t.listed
  AND (p.since IS NULL OR t.assessed_at >= p.since)
  AND (p.athlete IS NULL OR t.assessed_athlete_id = p.athlete OR LOWER(t.athlete_name) = LOWER(p.athlete))
ORDER BY t.athlete_name, t.assessed_athlete_id, t.assessed_at DESC, t.assessment_id;
