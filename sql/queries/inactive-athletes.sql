-- Athletes with no session in the last N days, including those who never recorded one.
-- param days = 14: how many days without a session make an athlete inactive
-- param as_of: the day to count back from, YYYY-MM-DD (default: today, UTC)
WITH p AS (
    SELECT COALESCE(CAST(:as_of AS DATE), CURRENT_DATE) AS as_of, CAST(:days AS INT) AS days
)
SELECT a.athlete_id,
       a.athlete_name,
       a.email,
       a.last_session_at,
       DATEDIFF('DAY', CAST(a.last_session_at AS DATE), p.as_of) AS days_since,
       a.sessions
FROM athlete_summary a, p
WHERE a.last_session_at IS NULL
   OR CAST(a.last_session_at AS DATE) < p.as_of - p.days
ORDER BY a.last_session_at NULLS FIRST, a.athlete_name, a.athlete_id;
