-- Left/right asymmetry per athlete, exercise and metric over recent sessions: mean left and right AvgMax and the mean percentage difference 100*(L-R)/mean(L,R), largest first.
-- param days = 90: only sessions of the last N days (UTC)
-- param athlete: athlete id (default: every athlete)
-- param metric: metric name exactly as the API sends it (default: every metric with a left and right side)
-- param min_pct = 0: leave out asymmetries smaller than this many percent (either way)
SELECT athlete_name,
       athlete_id,
       exercise_name,
       metric_group,
       metric,
       COUNT(*)                                     AS sessions,
       CAST(AVG(left_avg_max) AS DOUBLE PRECISION)  AS mean_left,
       CAST(AVG(right_avg_max) AS DOUBLE PRECISION) AS mean_right,
       CAST(AVG(asymmetry_pct) AS DOUBLE PRECISION) AS asymmetry_pct,
       MAX(recorded_at)                             AS latest_session_at
FROM report_metric_asymmetry
WHERE recorded_at >= DATEADD(DAY, -CAST(:days AS INT), CURRENT_DATE)
  AND (:athlete IS NULL OR athlete_id = :athlete)
  AND (:metric IS NULL OR metric = :metric)
GROUP BY athlete_name, athlete_id, exercise_id, exercise_name, metric_group, metric
HAVING ABS(AVG(asymmetry_pct)) >= CAST(:min_pct AS DOUBLE PRECISION)
ORDER BY ABS(AVG(asymmetry_pct)) DESC, athlete_name, exercise_name, metric;
