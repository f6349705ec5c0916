-- Athletes whose latest score on a metric dropped versus their previous one (same exercise, metric and side), biggest drop first.
-- param metric: metric name exactly as the API sends it (default: every metric)
-- param athlete: athlete id or full name (default: every athlete)
WITH ranked AS (
    SELECT session_id, recorded_at, athlete_id, athlete_name, exercise_id, exercise_name, section, metric_group, metric, side,
           avg_max, score,
           ROW_NUMBER() OVER (PARTITION BY athlete_id, exercise_id, section, metric_group, metric, side
                              ORDER BY recorded_at DESC, session_id DESC) AS recency
    FROM report_metric_details
    WHERE score IS NOT NULL
      AND (:metric IS NULL OR metric = :metric)
      AND (:athlete IS NULL OR athlete_id = :athlete OR LOWER(athlete_name) = LOWER(:athlete))
)
SELECT latest.athlete_name,
       latest.athlete_id,
       latest.exercise_name,
       latest.metric_group,
       latest.metric,
       latest.side,
       previous.recorded_at          AS previous_at,
       previous.score                AS previous_score,
       latest.recorded_at            AS latest_at,
       latest.score                  AS latest_score,
       latest.score - previous.score AS score_change,
       latest.avg_max - previous.avg_max AS avg_max_change,
       latest.session_id             AS latest_session_id
FROM ranked latest
JOIN ranked previous
  ON previous.recency = 2 AND previous.athlete_id = latest.athlete_id
 AND previous.exercise_id IS NOT DISTINCT FROM latest.exercise_id AND previous.section = latest.section
 AND previous.metric_group = latest.metric_group AND previous.metric = latest.metric AND previous.side = latest.side
WHERE latest.recency = 1
  AND latest.score < previous.score
ORDER BY score_change, latest.athlete_name, latest.exercise_name, latest.metric, latest.side;
