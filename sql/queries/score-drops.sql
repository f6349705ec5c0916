-- Athletes whose latest score on a metric dropped versus their previous one (same exercise, metric and side), biggest drop first.
-- param metric: metric name exactly as the API sends it (default: every metric)
-- param athlete: athlete id or full name (default: every athlete)
WITH ranked AS (
    -- The previous session's values come from the same window (LEAD, newest first) rather than
    -- from joining ranked to itself, which H2 runs as a nested loop over every metric row.
    SELECT session_id, recorded_at, athlete_id, athlete_name, exercise_id, exercise_name, section, metric_group, metric, side,
           avg_max, score,
           ROW_NUMBER() OVER (PARTITION BY athlete_id, exercise_id, section, metric_group, metric, side
                              ORDER BY recorded_at DESC, session_id DESC) AS recency,
           LEAD(recorded_at) OVER (PARTITION BY athlete_id, exercise_id, section, metric_group, metric, side
                                   ORDER BY recorded_at DESC, session_id DESC) AS previous_at,
           LEAD(score) OVER (PARTITION BY athlete_id, exercise_id, section, metric_group, metric, side
                             ORDER BY recorded_at DESC, session_id DESC) AS previous_score,
           LEAD(avg_max) OVER (PARTITION BY athlete_id, exercise_id, section, metric_group, metric, side
                               ORDER BY recorded_at DESC, session_id DESC) AS previous_avg_max
    FROM report_metric_details
    WHERE score IS NOT NULL
      AND (CAST(:metric AS VARCHAR) IS NULL OR metric = CAST(:metric AS VARCHAR))
      AND (CAST(:athlete AS VARCHAR) IS NULL OR athlete_id = CAST(:athlete AS VARCHAR) OR LOWER(athlete_name) = LOWER(CAST(:athlete AS VARCHAR)))
)
SELECT athlete_name,
       athlete_id,
       exercise_name,
       metric_group,
       metric,
       side,
       previous_at,
       previous_score,
       recorded_at             AS latest_at,
       score                   AS latest_score,
       score - previous_score  AS score_change,
       avg_max - previous_avg_max AS avg_max_change,
       session_id              AS latest_session_id
FROM ranked
WHERE recency = 1
  AND athlete_id IS NOT NULL -- as the self-join's athlete_id = athlete_id had it
  AND score < previous_score
ORDER BY score_change, athlete_name, exercise_name, metric, side;
