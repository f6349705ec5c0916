-- The per-joint summary of each session's joint-angle series, with the session's date, athlete
-- and exercise beside it. Deleted sessions are left out. For the samples themselves, use
-- SELECT * FROM IK_SAMPLES('<session id>'[, '<joint>']).
CREATE OR REPLACE VIEW ik_joint_details AS
SELECT j.session_id,
       d.recorded_at,
       d.recorded_on,
       d.athlete_id,
       d.athlete_name,
       d.exercise_id,
       d.exercise_name,
       j.joint,
       j.samples,
       j.duration_s,
       j.min_angle,
       j.max_angle,
       j.range_of_motion,
       j.mean_angle,
       j.peak_abs_velocity,
       j.peak_abs_acceleration
FROM ik_joint_summary j
JOIN session_details d ON d.session_id = j.session_id;
