-- Joint angles in long form, one row per session, joint and sample, with the athlete, date and exercise on each: the rows valor-export writes as ik_samples.
-- param athlete: athlete id or full name (default: every athlete)
-- param since: only sessions from this day on, YYYY-MM-DD (UTC)
-- param until: only sessions up to this day, YYYY-MM-DD (UTC, included)
-- param joint: joint name as the API sends it, e.g. left_knee_flexion (default: every joint)
-- column sample: Sample number within the joint's series, from 0 (60 per second)
-- column time_s: Seconds from the start of the session
-- column angle: Joint angle, degrees
-- column velocity: Angular velocity, degrees per second
SELECT * FROM IK_SAMPLES_OF(CAST(:athlete AS VARCHAR), CAST(:since AS DATE), CAST(:until AS DATE), CAST(:joint AS VARCHAR));
