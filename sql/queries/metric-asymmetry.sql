-- Left/right asymmetry per athlete, exercise and metric: mean left and right AvgMax (to 2 decimals) and the mean percentage difference 100*(L-R)/mean(L,R), largest first, for pairs recorded in at least min_sessions sessions.
-- param athlete: athlete id or full name (default: every athlete)
-- param since: only sessions from this day on, YYYY-MM-DD (default: all time, as valor-report's page)
-- param days: only sessions of the last N days, UTC (default: all time)
-- param metric: metric name exactly as the API sends it (default: every metric with a left and right side)
-- param min_pct = 0: leave out asymmetries smaller than this many percent (either way)
-- param min_sessions = 2: leave out an exercise and metric recorded in fewer sessions (one session's difference is not a pattern)
-- column asymmetry_pct: Mean asymmetry, % (L > R above 0)
-- column sessions: Sessions with both sides
WITH pairs AS (
    -- Per session, the percentage from both sides: averaging the rounded asymmetry_pct of the view would be off.
    SELECT athlete_name, athlete_id, exercise_id, exercise_name, metric_group, metric, recorded_at, left_avg_max, right_avg_max,
           100 * (left_avg_max - right_avg_max) / NULLIF((left_avg_max + right_avg_max) / 2, 0) AS pct
    FROM report_metric_asymmetry
    WHERE (CAST(:since AS DATE) IS NULL OR recorded_at >= CAST(CAST(:since AS DATE) AS TIMESTAMP))
      AND (CAST(:days AS INT) IS NULL OR recorded_at >= CURRENT_DATE - CAST(:days AS INT))
      AND (CAST(:athlete AS VARCHAR) IS NULL OR athlete_id = CAST(:athlete AS VARCHAR) OR LOWER(athlete_name) = LOWER(CAST(:athlete AS VARCHAR)))
      AND (CAST(:metric AS VARCHAR) IS NULL OR metric = CAST(:metric AS VARCHAR))
)
SELECT athlete_name,
       athlete_id,
       exercise_name,
       metric_group,
       metric,
       COUNT(*)                                          AS sessions,
       -- Means to 2 decimals: H2 averages doubles as exact decimals, PostgreSQL in double precision, and
       -- unrounded they differ in the last digit (197.15 and 197.14999999999998).
       CAST(ROUND(AVG(left_avg_max), 2) AS DOUBLE PRECISION)  AS mean_left,
       CAST(ROUND(AVG(right_avg_max), 2) AS DOUBLE PRECISION) AS mean_right,
       ROUND(CAST(AVG(pct) AS DOUBLE PRECISION), 2)      AS asymmetry_pct,
       MAX(recorded_at)                                  AS latest_session_at
FROM pairs
GROUP BY athlete_name, athlete_id, exercise_id, exercise_name, metric_group, metric
HAVING ABS(ROUND(CAST(AVG(pct) AS DOUBLE PRECISION), 2)) >= CAST(:min_pct AS DOUBLE PRECISION)
   AND COUNT(*) >= CAST(:min_sessions AS INT)
ORDER BY ABS(AVG(pct)) DESC, athlete_name, athlete_id, exercise_name, exercise_id, metric_group, metric;
