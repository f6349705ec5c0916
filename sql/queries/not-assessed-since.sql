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
       (SELECT l.assessment_name FROM assessment_details l
        WHERE l.athlete_id = a.athlete_id AND l.assessed_at = x.assessed_at AND l.sessions > 0
        ORDER BY l.assessment_id FETCH FIRST ROW ONLY)      AS last_assessment,
       DATEDIFF('DAY', CAST(x.assessed_at AS DATE), p.as_of) AS days_since,
       COALESCE(x.assessments, 0)                           AS assessments,
       a.last_session_at
FROM athlete_summary a
CROSS JOIN p
-- Each athlete's latest assessment up to as_of that has a session, and how many there were. Grouped,
-- not ranked: H2 runs this once per athlete, and only a GROUP BY lets it read just that athlete's
-- assessments from their index (a window function read all 133,334 of a million-session store for
-- each of 300 athletes: 75 s).
LEFT JOIN (SELECT d.athlete_id, MAX(d.assessed_at) AS assessed_at, COUNT(*) AS assessments
           FROM assessment_details d, p
           WHERE d.sessions > 0 AND d.assessed_on <= p.as_of
           GROUP BY d.athlete_id) x
       ON x.athlete_id = a.athlete_id
WHERE x.assessed_at IS NULL OR CAST(x.assessed_at AS DATE) < p.as_of - 7 * p.weeks
ORDER BY x.assessed_at NULLS FIRST, a.athlete_name, a.athlete_id;
