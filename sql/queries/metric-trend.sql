-- A report metric's trend per athlete over time: every session's value, the change since the athlete's previous session of the same exercise, and the mean of the last five (to 2 decimals).
-- param metric = Knee Flex. (°): metric name exactly as the API sends it
-- param side: L, R, F or B (default: every side)
-- param athlete: athlete id or full name (default: every athlete)
-- param exercise: exercise name (default: every exercise)
SELECT athlete_name,
       athlete_id,
       exercise_name,
       metric_group,
       metric,
       side,
       recorded_at,
       avg_max,
       score,
       avg_max - LAG(avg_max) OVER (PARTITION BY athlete_id, exercise_id, metric_group, metric, side
                                    ORDER BY recorded_at, session_id) AS change_since_previous,
       -- To 2 decimals, as metric-asymmetry's means: unrounded, the engines differ in the last digit.
       CAST(ROUND(AVG(avg_max) OVER (PARTITION BY athlete_id, exercise_id, metric_group, metric, side
                                     ORDER BY recorded_at, session_id ROWS BETWEEN 4 PRECEDING AND CURRENT ROW), 2)
            AS DOUBLE PRECISION) AS mean_last_5,
       session_id
FROM report_metric_details
WHERE metric = CAST(:metric AS VARCHAR)
  AND (CAST(:side AS VARCHAR) IS NULL OR side = CAST(:side AS VARCHAR))
  AND (CAST(:athlete AS VARCHAR) IS NULL OR athlete_id = CAST(:athlete AS VARCHAR) OR LOWER(athlete_name) = LOWER(CAST(:athlete AS VARCHAR)))
  AND (CAST(:exercise AS VARCHAR) IS NULL OR exercise_name = CAST(:exercise AS VARCHAR))
ORDER BY athlete_name, athlete_id, exercise_name, metric_group, side, recorded_at, session_id;
