-- Report metrics with the session's date, athlete and exercise beside them, one row per session,
-- metric and side. Deleted sessions are left out (their metrics stay in report_metrics).
CREATE OR REPLACE VIEW report_metric_details AS
SELECT m.session_id,
       d.recorded_at,
       d.recorded_on,
       d.athlete_id,
       d.athlete_name,
       d.exercise_id,
       d.exercise_name,
       d.assessment_id,
       m.section,
       m.metric_group,
       m.metric,
       m.side,
       m.avg_max,
       m.score
FROM report_metrics m
JOIN session_details d ON d.session_id = m.session_id;

-- What valor-sql --describe shows. H2 forgets a view's column comments when the view is re-created or the
-- database closes, so valor-sql reads them from this file (lib/query/TableDescription.java); running them checks the names.
COMMENT ON VIEW report_metric_details IS 'Report metrics with the session''s date, athlete and exercise beside them; deleted sessions left out';
COMMENT ON COLUMN report_metric_details.session_id IS 'The session';
COMMENT ON COLUMN report_metric_details.recorded_at IS 'When the session was recorded (UTC)';
COMMENT ON COLUMN report_metric_details.recorded_on IS 'The day it was recorded (UTC)';
COMMENT ON COLUMN report_metric_details.athlete_id IS 'The athlete who recorded it';
COMMENT ON COLUMN report_metric_details.athlete_name IS 'The athlete''s first and last name';
COMMENT ON COLUMN report_metric_details.exercise_id IS 'The exercise recorded';
COMMENT ON COLUMN report_metric_details.exercise_name IS 'The exercise''s name';
COMMENT ON COLUMN report_metric_details.assessment_id IS 'The assessment the session was part of; NULL for a standalone recording';
COMMENT ON COLUMN report_metric_details.section IS 'Top-level key of the report, e.g. WorkoutMetrics';
COMMENT ON COLUMN report_metric_details.metric_group IS 'Group of the metric as sent, e.g. Ang';
COMMENT ON COLUMN report_metric_details.metric IS 'Metric name exactly as sent, e.g. Knee Flex. (°)';
COMMENT ON COLUMN report_metric_details.side IS 'L, R, F or B as sent; empty for a metric without sides';
COMMENT ON COLUMN report_metric_details.avg_max IS 'The metric''s AvgMax value, in the metric''s unit';
COMMENT ON COLUMN report_metric_details.score IS 'The metric''s Score (0.0, 0.5 or 1.0)';

-- Left beside right for every metric reported for both sides, per session, with their percentage
-- difference: 100 * (L - R) / mean(L, R), positive when the left side is larger, to 2 decimals.
CREATE OR REPLACE VIEW report_metric_asymmetry AS
SELECT l.session_id,
       l.recorded_at,
       l.recorded_on,
       l.athlete_id,
       l.athlete_name,
       l.exercise_id,
       l.exercise_name,
       l.section,
       l.metric_group,
       l.metric,
       l.avg_max                                                                  AS left_avg_max,
       r.avg_max                                                                  AS right_avg_max,
       ROUND(100 * (l.avg_max - r.avg_max) / NULLIF((l.avg_max + r.avg_max) / 2, 0), 2) AS asymmetry_pct
FROM report_metric_details l
JOIN report_metrics r ON r.session_id = l.session_id AND r.section = l.section AND r.metric_group = l.metric_group
                     AND r.metric = l.metric AND r.side = 'R'
WHERE l.side = 'L';

COMMENT ON VIEW report_metric_asymmetry IS 'Left beside right per session and metric reported for both sides, with their percentage difference';
COMMENT ON COLUMN report_metric_asymmetry.session_id IS 'The session';
COMMENT ON COLUMN report_metric_asymmetry.recorded_at IS 'When the session was recorded (UTC)';
COMMENT ON COLUMN report_metric_asymmetry.recorded_on IS 'The day it was recorded (UTC)';
COMMENT ON COLUMN report_metric_asymmetry.athlete_id IS 'The athlete who recorded it';
COMMENT ON COLUMN report_metric_asymmetry.athlete_name IS 'The athlete''s first and last name';
COMMENT ON COLUMN report_metric_asymmetry.exercise_id IS 'The exercise recorded';
COMMENT ON COLUMN report_metric_asymmetry.exercise_name IS 'The exercise''s name';
COMMENT ON COLUMN report_metric_asymmetry.section IS 'Top-level key of the report, e.g. WorkoutMetrics';
COMMENT ON COLUMN report_metric_asymmetry.metric_group IS 'Group of the metric as sent, e.g. Ang';
COMMENT ON COLUMN report_metric_asymmetry.metric IS 'Metric name exactly as sent, e.g. Knee Flex. (°)';
COMMENT ON COLUMN report_metric_asymmetry.left_avg_max IS 'AvgMax of the left side (L)';
COMMENT ON COLUMN report_metric_asymmetry.right_avg_max IS 'AvgMax of the right side (R)';
COMMENT ON COLUMN report_metric_asymmetry.asymmetry_pct IS '100 * (left - right) / mean(left, right), positive when the left is larger, rounded to 2 decimals';
