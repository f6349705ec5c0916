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

-- What valor-sql --describe shows. H2 forgets a view's column comments when the view is re-created or the
-- database closes, so valor-sql reads them from this file (lib/query/TableDescription.java); running them checks the names.
COMMENT ON VIEW ik_joint_details IS 'Per session and joint, the joint-angle summary with the session''s date, athlete and exercise; deleted sessions left out';
COMMENT ON COLUMN ik_joint_details.session_id IS 'The session';
COMMENT ON COLUMN ik_joint_details.recorded_at IS 'When the session was recorded (UTC)';
COMMENT ON COLUMN ik_joint_details.recorded_on IS 'The day it was recorded (UTC)';
COMMENT ON COLUMN ik_joint_details.athlete_id IS 'The athlete who recorded it';
COMMENT ON COLUMN ik_joint_details.athlete_name IS 'The athlete''s first and last name';
COMMENT ON COLUMN ik_joint_details.exercise_id IS 'The exercise recorded';
COMMENT ON COLUMN ik_joint_details.exercise_name IS 'The exercise''s name';
COMMENT ON COLUMN ik_joint_details.joint IS 'Joint as the API names it, e.g. left_knee_flexion';
COMMENT ON COLUMN ik_joint_details.samples IS 'Samples in the joint''s series (60 per second)';
COMMENT ON COLUMN ik_joint_details.duration_s IS 'Seconds the series covers';
COMMENT ON COLUMN ik_joint_details.min_angle IS 'Smallest angle, in degrees';
COMMENT ON COLUMN ik_joint_details.max_angle IS 'Largest angle, in degrees';
COMMENT ON COLUMN ik_joint_details.range_of_motion IS 'max_angle minus min_angle, in degrees';
COMMENT ON COLUMN ik_joint_details.mean_angle IS 'Mean angle, in degrees';
COMMENT ON COLUMN ik_joint_details.peak_abs_velocity IS 'Largest absolute angular velocity, in degrees per second';
COMMENT ON COLUMN ik_joint_details.peak_abs_acceleration IS 'Largest absolute angular acceleration, in degrees per second squared';
