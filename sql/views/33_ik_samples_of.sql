-- IK_SAMPLES_OF(athlete, since, until, joint): the joint-angle samples of many sessions in long form,
-- one row per session, joint and sample, with the session's athlete, date and exercise on each:
-- athlete_id, athlete_name, session_id, recorded_at, exercise_id, exercise_name, joint, sample,
-- time_s, angle, velocity (the columns of valor-export's ik_samples, in its order). athlete is an id
-- or a full name in any case; since and until are days (UTC, both included); joint a name as the
-- API sends it; NULL, or a left-out argument, is no limit: IK_SAMPLES_OF('Noah Cohen'),
-- IK_SAMPLES_OF('Noah Cohen', DATE '2025-01-01', NULL), IK_SAMPLES_OF(NULL, NULL, NULL, 'left_knee_flexion').
-- Deleted sessions are left out. H2 has no LATERAL, so join the rows to other tables on session_id.
-- Decoded by lib/IkSamples.java, which every valor-* command has on its classpath; PostgreSQL's
-- version is sql/views/postgres/33_ik_samples_of.sql. Here with the views because it reads session_details.
DROP ALIAS IF EXISTS IK_SAMPLES_OF;
CREATE ALIAS IK_SAMPLES_OF FOR "valor.IkSamples.of";
