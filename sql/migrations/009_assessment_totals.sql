-- Assessments at scale (issue 13): assessment_details, and the saved query `assessments` that reads
-- it, aggregated every session of every assessment on each query (6.5 s of the query's 7.8 s on a
-- million sessions). This summary holds, per assessment, what that view shows of its sessions;
-- valor-sync keeps it exact with the other summaries, recomputing the assessments of the athletes
-- whose sessions changed or who did an exercise whose name changed (lib/sync/SummaryTables.java).
-- athlete_id and athletes say whose sessions a row counts, so that an assessment an athlete's
-- sessions left is recomputed too.
--
-- The covering index sessions_by_assessment_cover existed for that aggregation only; it was one of
-- the five indexes a first sync builds (2 s and 50 MB of 200,000 sessions). A one-column index keeps
-- "the sessions of this assessment" quick for ad hoc SQL. sessions_by_athlete_cover gains the three
-- columns the summary reads, so building it (a first sync) or an athlete's rows of it reads no
-- session row: 1.0 s instead of 2.2 s for 200,000 sessions.

CREATE TABLE IF NOT EXISTS assessment_totals (
    assessment_id     VARCHAR NOT NULL,
    athlete_id        VARCHAR,            -- the athlete of its sessions (the first by id if several)
    athletes          INT NOT NULL,       -- how many athletes its sessions name
    sessions          BIGINT NOT NULL,    -- live sessions
    seconds           DOUBLE PRECISION,
    exercises         VARCHAR             -- exercise names (else session names) in the order done, ', '-separated
);
CREATE INDEX IF NOT EXISTS assessment_totals_by_assessment ON assessment_totals (assessment_id);
CREATE INDEX IF NOT EXISTS assessment_totals_by_athlete ON assessment_totals (athlete_id);

DROP INDEX IF EXISTS sessions_by_assessment_cover;
-- A first sync interrupted before it rebuilt its indexes would otherwise bring it back.
DELETE FROM sync_deferred_indexes WHERE table_name = 'sessions'
    AND index_name IN ('SESSIONS_BY_ASSESSMENT_COVER', 'sessions_by_assessment_cover');
CREATE INDEX IF NOT EXISTS sessions_by_assessment ON sessions (assessment_id);
DROP INDEX IF EXISTS sessions_by_athlete_cover;
DELETE FROM sync_deferred_indexes WHERE table_name = 'sessions'
    AND index_name IN ('SESSIONS_BY_ATHLETE_COVER', 'sessions_by_athlete_cover');
CREATE INDEX IF NOT EXISTS sessions_by_athlete_cover ON sessions (athlete_id, recorded_at, exercise_id, duration_s, deleted_at, updated_at,
                                                                  assessment_id, session_id, session_name);

-- The newest change to exercises the summaries count: a later one may be a new name.
ALTER TABLE summary_state ADD COLUMN IF NOT EXISTS exercises_through TIMESTAMP;

-- The first fill, for a store synced before this migration; the same definition as SummaryTables.java.
UPDATE summary_state SET exercises_through = (SELECT MAX(GREATEST(updated_at, COALESCE(deleted_at, updated_at))) FROM exercises);
DELETE FROM assessment_totals;
INSERT INTO assessment_totals (assessment_id, athlete_id, athletes, sessions, seconds, exercises)
SELECT s.assessment_id, MIN(s.athlete_id), COUNT(DISTINCT s.athlete_id), COUNT(*), SUM(s.duration_s),
       STRING_AGG(COALESCE(e.name, s.session_name), ', ' ORDER BY s.recorded_at, s.session_id)
FROM sessions s LEFT JOIN exercises e ON e.exercise_id = s.exercise_id
WHERE s.deleted_at IS NULL AND s.assessment_id IS NOT NULL
GROUP BY s.assessment_id;

COMMENT ON COLUMN summary_state.exercises_through IS 'The newest change to exercises (updated_at or deleted_at) the summaries count: a later one marks the athletes who did that exercise (UTC)';
COMMENT ON TABLE assessment_totals IS 'Per assessment: live sessions, seconds and exercises in order; kept up to date by valor-sync (deleted sessions left out)';
COMMENT ON COLUMN assessment_totals.assessment_id IS 'The assessment';
COMMENT ON COLUMN assessment_totals.athlete_id IS 'The athlete of its sessions (the first by id if they name several; NULL if none)';
COMMENT ON COLUMN assessment_totals.athletes IS 'How many athletes its sessions name (1 but for inconsistent data)';
COMMENT ON COLUMN assessment_totals.sessions IS 'Sessions recorded';
COMMENT ON COLUMN assessment_totals.seconds IS 'Seconds recorded';
COMMENT ON COLUMN assessment_totals.exercises IS 'Exercises recorded (the exercise''s name, else the session''s), comma-separated, in the order they were done';
