-- One session's joint-angle series as rows (sample, time_s, joint, angle, velocity, acceleration), for plotting or export.
-- param session (required): session id (see ik_series or ik_joint_details)
-- param joint: joint name as the API sends it, e.g. left_knee_flexion (default: every joint)
SELECT * FROM IK_SAMPLES(:session, :joint);
