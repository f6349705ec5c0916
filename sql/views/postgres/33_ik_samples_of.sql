-- ik_samples_of(athlete, since, until, joint): the joint-angle samples of many sessions in long form,
-- the same columns, rows and order as H2's IK_SAMPLES_OF (see sql/views/33_ik_samples_of.sql). Here a
-- plain SQL function over ik_samples: the server runs no code of ours. (PostgreSQL also has LATERAL:
-- FROM session_details d CROSS JOIN LATERAL ik_samples(d.session_id) works here, and only here.)
CREATE OR REPLACE FUNCTION ik_samples_of(athlete VARCHAR DEFAULT NULL, since DATE DEFAULT NULL, until DATE DEFAULT NULL,
                                         joint_name VARCHAR DEFAULT NULL)
RETURNS TABLE (athlete_id VARCHAR, athlete_name VARCHAR, session_id VARCHAR, recorded_at TIMESTAMP, exercise_id VARCHAR,
               exercise_name VARCHAR, joint VARCHAR, sample INT, time_s DOUBLE PRECISION, angle DOUBLE PRECISION,
               velocity DOUBLE PRECISION)
LANGUAGE SQL STABLE AS $$
    SELECT d.athlete_id, d.athlete_name, d.session_id, d.recorded_at, d.exercise_id, d.exercise_name,
           k.joint, k.sample, k.time_s, k.angle, k.velocity
    FROM session_details d
    JOIN ik_series i ON i.session_id = d.session_id
    CROSS JOIN LATERAL ik_samples(d.session_id, joint_name) WITH ORDINALITY AS k(sample, time_s, joint, angle, velocity, acceleration, n)
    WHERE (athlete IS NULL OR d.athlete_id IN (SELECT a.athlete_id FROM athletes a
                                               WHERE a.athlete_id = athlete OR LOWER(TRIM(CONCAT(a.first_name, ' ', a.last_name))) = LOWER(athlete)))
      AND (since IS NULL OR d.recorded_at >= since)
      AND (until IS NULL OR d.recorded_at < until + 1)
    ORDER BY d.athlete_name, d.athlete_id, d.recorded_at, d.session_id, k.n
$$;
