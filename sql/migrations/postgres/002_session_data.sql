-- PostgreSQL version of ../002_session_data.sql: TEXT for H2's CLOB, native arrays for the IK series.
-- Per-session data behind each session's s3Key: the vendor's report metrics (/reportData) and
-- the 60 Hz joint-angle time series (/ikData), fetched by `valor-sync --with reports,ik`.
-- A session's rows in these tables are written in one transaction together with its row in
-- session_data_fetches, so a session is either fully stored or not at all.

-- One row per session whose report was fetched: the report exactly as the API sent it.
CREATE TABLE IF NOT EXISTS session_reports (
    session_id  VARCHAR PRIMARY KEY,
    s3_key      VARCHAR NOT NULL,          -- the key the report was fetched with
    metric_rows INT NOT NULL,              -- rows it gave in report_metrics
    raw         TEXT NOT NULL,
    fetched_at  TIMESTAMP NOT NULL
);

-- The report flattened: one row per session, section, group, metric and side. Names are kept
-- exactly as the API sends them (e.g. metric 'Knee Flex. (°)'); '' where a level is absent.
CREATE TABLE IF NOT EXISTS report_metrics (
    session_id   VARCHAR NOT NULL,
    section      VARCHAR NOT NULL,         -- top-level key, e.g. WorkoutMetrics
    metric_group VARCHAR NOT NULL,         -- e.g. Ang
    metric       VARCHAR NOT NULL,         -- e.g. Knee Flex. (°)
    side         VARCHAR NOT NULL,         -- L, R, F, B as sent; '' for a metric without sides
    avg_max      DOUBLE PRECISION,         -- the AvgMax field
    score        DOUBLE PRECISION,         -- the Score field (0.0, 0.5, 1.0)
    fields       INT NOT NULL              -- numeric fields the API sent; all are in report_metric_fields
);
CREATE INDEX IF NOT EXISTS report_metrics_by_session ON report_metrics (session_id);
CREATE INDEX IF NOT EXISTS report_metrics_by_metric ON report_metrics (metric, side);

-- Every numeric field of every report row, by its name as sent (AvgMax, Score, and any field the
-- vendor adds later, queryable without a schema change).
CREATE TABLE IF NOT EXISTS report_metric_fields (
    session_id   VARCHAR NOT NULL,
    section      VARCHAR NOT NULL,
    metric_group VARCHAR NOT NULL,
    metric       VARCHAR NOT NULL,
    side         VARCHAR NOT NULL,
    field        VARCHAR NOT NULL,
    field_value  DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS report_metric_fields_by_session ON report_metric_fields (session_id);
CREATE INDEX IF NOT EXISTS report_metric_fields_by_field ON report_metric_fields (field, metric);

-- One row per session whose IK series was fetched. On PostgreSQL the arrays are native
-- DOUBLE PRECISION[] (NaN for a null sample), read as rows with ik_samples('<session id>') below,
-- a plain SQL function: the server runs no code of ours. (On H2 they are encoded by lib/ik/IkCodec.java.)
CREATE TABLE IF NOT EXISTS ik_series (
    session_id   VARCHAR PRIMARY KEY,
    s3_key       VARCHAR NOT NULL,
    samples      INT NOT NULL,             -- longest array's length
    duration_s   DOUBLE PRECISION,         -- last time stamp minus first
    joints       INT NOT NULL,
    time_data    DOUBLE PRECISION[], -- the time array; NULL if the API sent none
    extra        TEXT,   -- body fields that are not numeric arrays, as JSON; NULL if none
    json_bytes   BIGINT NOT NULL,          -- size of the body as the API sent it
    stored_bytes BIGINT NOT NULL,          -- size of all its encoded arrays
    fetched_at   TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS ik_joint_series (
    session_id        VARCHAR NOT NULL,
    joint             VARCHAR NOT NULL,    -- as the API names it, e.g. left_knee_flexion
    position          INT NOT NULL,        -- order in the API's body
    angle_data        DOUBLE PRECISION[], -- degrees; NULL if the API sent no such array
    velocity_data     DOUBLE PRECISION[], -- degrees per second (<joint>_vel)
    acceleration_data DOUBLE PRECISION[], -- degrees per second squared (<joint>_acc)
    PRIMARY KEY (session_id, joint)
);

-- Computed at ingest from the same arrays: what is asked of a joint most often, as plain numbers.
CREATE TABLE IF NOT EXISTS ik_joint_summary (
    session_id            VARCHAR NOT NULL,
    joint                 VARCHAR NOT NULL,
    samples               INT NOT NULL,
    duration_s            DOUBLE PRECISION,
    min_angle             DOUBLE PRECISION,
    max_angle             DOUBLE PRECISION,
    range_of_motion       DOUBLE PRECISION,   -- max_angle - min_angle
    mean_angle            DOUBLE PRECISION,
    peak_abs_velocity     DOUBLE PRECISION,
    peak_abs_acceleration DOUBLE PRECISION,
    PRIMARY KEY (session_id, joint)
);
CREATE INDEX IF NOT EXISTS ik_joint_summary_by_joint ON ik_joint_summary (joint);

-- Per session and kind ('reports', 'ik'): what is stored and how the last fetch went. A session
-- is fetched when stored_s3_key differs from its current s3_key (never stored, failed, or the
-- key changed); failures keep whatever was stored before and are retried on the next run.
CREATE TABLE IF NOT EXISTS session_data_fetches (
    session_id      VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,      -- stored, failed
    s3_key          VARCHAR NOT NULL,      -- the key of the last attempt
    stored_s3_key   VARCHAR,               -- the key of the stored data; NULL if nothing is stored
    attempts        INT NOT NULL,          -- failed attempts in a row (0 once stored)
    http_status     INT,                   -- of the last failure, when the API answered one
    error           VARCHAR,               -- what went wrong last; NULL once stored
    last_attempt_at TIMESTAMP NOT NULL,
    stored_at       TIMESTAMP,
    run_id          BIGINT NOT NULL,       -- the run of the last attempt
    PRIMARY KEY (session_id, kind)
);

-- Per run and kind: sessions fetched, skipped (already stored for their current s3Key), failed.
CREATE TABLE IF NOT EXISTS sync_run_fetches (
    run_id  BIGINT NOT NULL,
    kind    VARCHAR NOT NULL,
    fetched INT NOT NULL DEFAULT 0,
    skipped INT NOT NULL DEFAULT 0,
    failed  INT NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, kind)
);

-- SELECT * FROM ik_samples('<session id>') or ik_samples('<session id>', '<joint>'): one row per
-- sample and joint (sample, time_s, joint, angle, velocity, acceleration), ordered by joint (in the
-- API's order), then sample; a sample missing from an array, or null in it, is NULL. The same
-- columns and rows as H2's IK_SAMPLES.
CREATE OR REPLACE FUNCTION ik_samples(session VARCHAR, joint_name VARCHAR DEFAULT NULL)
RETURNS TABLE (sample INT, time_s DOUBLE PRECISION, joint VARCHAR, angle DOUBLE PRECISION, velocity DOUBLE PRECISION,
               acceleration DOUBLE PRECISION)
LANGUAGE SQL STABLE AS $$
    -- unnest, not array[n]: a subscript reads the whole (compressed) array again for every sample.
    -- unnest of several arrays runs to the longest, NULL beyond the end of the others, as IK_SAMPLES does.
    WITH times AS (
        SELECT t.n, t.time_s FROM ik_series s CROSS JOIN LATERAL unnest(s.time_data) WITH ORDINALITY AS t(time_s, n)
        WHERE s.session_id = session
    )
    SELECT CAST(u.n - 1 AS INT), NULLIF(times.time_s, 'NaN'), j.joint, NULLIF(u.angle, 'NaN'), NULLIF(u.velocity, 'NaN'),
           NULLIF(u.acceleration, 'NaN')
    FROM ik_joint_series j
    CROSS JOIN LATERAL unnest(j.angle_data, j.velocity_data, j.acceleration_data) WITH ORDINALITY AS u(angle, velocity, acceleration, n)
    LEFT JOIN times ON times.n = u.n
    WHERE j.session_id = session AND (joint_name IS NULL OR j.joint = joint_name)
    ORDER BY j.position, u.n
$$;
