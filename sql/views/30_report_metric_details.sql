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

-- Left beside right for every metric reported for both sides, per session, with their percentage
-- difference: 100 * (L - R) / mean(L, R), positive when the left side is larger.
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
       100 * (l.avg_max - r.avg_max) / NULLIF((l.avg_max + r.avg_max) / 2, 0)     AS asymmetry_pct
FROM report_metric_details l
JOIN report_metrics r ON r.session_id = l.session_id AND r.section = l.section AND r.metric_group = l.metric_group
                     AND r.metric = l.metric AND r.side = 'R'
WHERE l.side = 'L';
