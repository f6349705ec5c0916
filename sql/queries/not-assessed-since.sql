-- Athletes not assessed in the last N weeks, counting assessments with a recorded session (not any session: inactive-athletes counts those); never assessed first, then the longest ago.
-- param weeks = 4: how many weeks without an assessment
-- param as_of: the day to count back from, YYYY-MM-DD (default: today, UTC)
-- column last_assessed_at: Latest assessment (UTC)
-- column days_since: Days since the latest assessment
-- column assessments: Assessments up to as_of
WITH p AS (
    SELECT COALESCE(CAST(:as_of AS DATE), CURRENT_DATE) AS as_of, CAST(:weeks AS INT) AS weeks
)
SELECT a.athlete_id,
       a.athlete_name,
       x.assessed_at                                        AS last_assessed_at,
       x.assessment_name                                    AS last_assessment,
       DATEDIFF('DAY', x.assessed_on, p.as_of)              AS days_since,
       COALESCE(x.assessments, 0)                           AS assessments,
       a.last_session_at
FROM athlete_summary a
CROSS JOIN p
-- Each athlete's latest assessment up to as_of that has a session, and how many there were.
LEFT JOIN (SELECT d.athlete_id, d.assessed_at, d.assessed_on, d.assessment_name,
                  ROW_NUMBER() OVER (PARTITION BY d.athlete_id ORDER BY d.assessed_at DESC, d.assessment_id) AS newest,
                  COUNT(*) OVER (PARTITION BY d.athlete_id)                                              AS assessments
           FROM assessment_details d, p
           WHERE d.sessions > 0 AND d.assessed_on <= p.as_of) x
       ON x.athlete_id = a.athlete_id AND x.newest = 1
WHERE x.assessed_on IS NULL OR x.assessed_on < p.as_of - 7 * p.weeks
ORDER BY x.assessed_at NULLS FIRST, a.athlete_name, a.athlete_id;
