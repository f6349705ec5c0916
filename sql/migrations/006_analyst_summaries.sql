-- The analyst's side at scale (issue 13): what a store of a million sessions needs for its saved
-- queries to answer in about a second.
--
-- 1. Covering indexes. A session row carries its raw JSON, so H2 reading sessions through an
--    index that lacks a column looks up each wide row (10-15 us a row at this size). These
--    indexes hold every column analysts aggregate by that key, so H2 answers from the index
--    alone. They replace the one-column indexes of 001_store.sql on the same leading columns:
--    a sync still maintains five indexes on sessions. A first sync drops and rebuilds them like
--    any other (lib/sync/DeferredIndexes.java finds them in INFORMATION_SCHEMA).
-- 2. Summary tables, per athlete, athlete-week, athlete-exercise and exercise, that the saved
--    queries and views read instead of every session. valor-sync keeps them exact: after each
--    run it recomputes the rows of the athletes and exercises whose sessions changed
--    (lib/sync/SummaryTables.java). This file fills them once for a store synced before.
--    Only live sessions (deleted_at IS NULL) are counted; names are joined at query time.

DROP INDEX IF EXISTS sessions_by_date;
DROP INDEX IF EXISTS sessions_by_athlete_date;
DROP INDEX IF EXISTS sessions_by_exercise;
DROP INDEX IF EXISTS sessions_by_assessment;
-- A first sync interrupted before it rebuilt its indexes would otherwise bring back the old ones.
DELETE FROM sync_deferred_indexes WHERE table_name = 'sessions'
    AND index_name IN ('SESSIONS_BY_DATE', 'SESSIONS_BY_ATHLETE_DATE', 'SESSIONS_BY_EXERCISE', 'SESSIONS_BY_ASSESSMENT');
-- Date ranges: ad hoc counts and sums, sessions-per-week's current week, athlete-calendar, exercise-mix -p since.
-- session_name is there for exercise names (COALESCE(e.name, s.session_name)): H2 reads the row for any column missing.
CREATE INDEX IF NOT EXISTS sessions_by_date_cover ON sessions (recorded_at, athlete_id, exercise_id, duration_s, assessment_id, deleted_at, session_name);
-- One athlete's sessions: the summaries' recomputation, and what valor-sync checks for changes (updated_at).
CREATE INDEX IF NOT EXISTS sessions_by_athlete_cover ON sessions (athlete_id, recorded_at, exercise_id, duration_s, deleted_at, updated_at);
-- One exercise's shortest and longest session is the first entry of its range (ties: earliest, then lowest id).
CREATE INDEX IF NOT EXISTS sessions_by_exercise_cover ON sessions (exercise_id, duration_s, recorded_at, session_id, athlete_id, deleted_at);
-- An assessment's sessions in the order they were done, for assessment_details.
CREATE INDEX IF NOT EXISTS sessions_by_assessment_cover ON sessions (assessment_id, recorded_at, session_id, exercise_id, duration_s, deleted_at, session_name);
-- An athlete's assessments, for athlete_summary's count, latest date and latest name.
DROP INDEX IF EXISTS assessments_by_athlete;
DELETE FROM sync_deferred_indexes WHERE table_name = 'assessments' AND index_name = 'ASSESSMENTS_BY_ATHLETE';
CREATE INDEX IF NOT EXISTS assessments_by_athlete_cover ON assessments (athlete_id, assessed_at, assessment_id, deleted_at, name);

CREATE TABLE IF NOT EXISTS athlete_totals (
    athlete_id       VARCHAR,            -- NULL for sessions without an athlete
    sessions         BIGINT NOT NULL,
    seconds          DOUBLE PRECISION,
    first_session_at TIMESTAMP,
    last_session_at  TIMESTAMP
);
CREATE INDEX IF NOT EXISTS athlete_totals_by_athlete ON athlete_totals (athlete_id);

CREATE TABLE IF NOT EXISTS athlete_weeks (
    athlete_id VARCHAR,
    week_start DATE NOT NULL,            -- the Monday of the ISO week
    sessions   BIGINT NOT NULL,
    seconds    DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS athlete_weeks_by_athlete ON athlete_weeks (athlete_id, week_start);

CREATE TABLE IF NOT EXISTS athlete_exercises (
    athlete_id       VARCHAR,
    exercise_id      VARCHAR,
    sessions         BIGINT NOT NULL,    -- live sessions; 0 when all of the pair's sessions are deleted
    seconds          DOUBLE PRECISION,
    last_recorded_at TIMESTAMP,
    stored_rows      BIGINT NOT NULL     -- rows in sessions, deleted ones included: a drop means a session moved away
);
CREATE INDEX IF NOT EXISTS athlete_exercises_by_athlete ON athlete_exercises (athlete_id, exercise_id);

CREATE TABLE IF NOT EXISTS exercise_extremes (
    exercise_id         VARCHAR,
    sessions            BIGINT NOT NULL, -- live sessions with a duration
    avg_s               DECFLOAT,        -- what AVG of a DOUBLE PRECISION gives in H2 (NUMERIC on PostgreSQL)
    shortest_s          DOUBLE PRECISION,
    shortest_session_id VARCHAR,
    shortest_athlete_id VARCHAR,
    longest_s           DOUBLE PRECISION,
    longest_session_id  VARCHAR,
    longest_athlete_id  VARCHAR
);
CREATE INDEX IF NOT EXISTS exercise_extremes_by_exercise ON exercise_extremes (exercise_id);

-- One row: the newest change to sessions (updated_at or deleted_at) the summaries count. Changes
-- stamped at or after it are looked at again on the next refresh, so none falls between two.
CREATE TABLE IF NOT EXISTS summary_state (
    id              INT PRIMARY KEY,
    changes_through TIMESTAMP NOT NULL,
    run_id          BIGINT                -- the sync run that last brought them up to date
);

-- The first fill, for a store synced before this migration; the same definitions as SummaryTables.java.
DELETE FROM athlete_totals;
INSERT INTO athlete_totals (athlete_id, sessions, seconds, first_session_at, last_session_at)
SELECT athlete_id, COUNT(*), SUM(duration_s), MIN(recorded_at), MAX(recorded_at)
FROM sessions WHERE deleted_at IS NULL GROUP BY athlete_id;

DELETE FROM athlete_weeks;
INSERT INTO athlete_weeks (athlete_id, week_start, sessions, seconds)
SELECT athlete_id, CAST(recorded_at AS DATE) + 1 - CAST(EXTRACT(ISODOW FROM recorded_at) AS INT), COUNT(*), SUM(duration_s)
FROM sessions WHERE deleted_at IS NULL AND recorded_at IS NOT NULL
GROUP BY athlete_id, CAST(recorded_at AS DATE) + 1 - CAST(EXTRACT(ISODOW FROM recorded_at) AS INT);

DELETE FROM athlete_exercises;
INSERT INTO athlete_exercises (athlete_id, exercise_id, sessions, seconds, last_recorded_at, stored_rows)
SELECT athlete_id, exercise_id, COUNT(CASE WHEN deleted_at IS NULL THEN 1 END),
       SUM(CASE WHEN deleted_at IS NULL THEN duration_s END), MAX(CASE WHEN deleted_at IS NULL THEN recorded_at END), COUNT(*)
FROM sessions GROUP BY athlete_id, exercise_id;

DELETE FROM exercise_extremes;
INSERT INTO exercise_extremes (exercise_id, sessions, avg_s, shortest_s, shortest_session_id, shortest_athlete_id,
                               longest_s, longest_session_id, longest_athlete_id)
SELECT exercise_id, MAX(sessions), MAX(avg_s),
       MAX(CASE WHEN from_shortest = 1 THEN duration_s END), MAX(CASE WHEN from_shortest = 1 THEN session_id END),
       MAX(CASE WHEN from_shortest = 1 THEN athlete_id END),
       MAX(CASE WHEN from_longest = 1 THEN duration_s END), MAX(CASE WHEN from_longest = 1 THEN session_id END),
       MAX(CASE WHEN from_longest = 1 THEN athlete_id END)
FROM (SELECT exercise_id, session_id, athlete_id, duration_s,
             ROW_NUMBER() OVER (PARTITION BY exercise_id ORDER BY duration_s, recorded_at, session_id)      AS from_shortest,
             ROW_NUMBER() OVER (PARTITION BY exercise_id ORDER BY duration_s DESC, recorded_at, session_id) AS from_longest,
             COUNT(*) OVER (PARTITION BY exercise_id)                                                      AS sessions,
             AVG(duration_s) OVER (PARTITION BY exercise_id)                                               AS avg_s
      FROM sessions WHERE deleted_at IS NULL AND duration_s IS NOT NULL) ranked
WHERE from_shortest = 1 OR from_longest = 1
GROUP BY exercise_id;

DELETE FROM summary_state;
INSERT INTO summary_state (id, changes_through, run_id)
SELECT 1, COALESCE(MAX(GREATEST(updated_at, COALESCE(deleted_at, updated_at))), TIMESTAMP '1970-01-01 00:00:00'),
       (SELECT MAX(run_id) FROM sync_runs)
FROM sessions;

COMMENT ON TABLE athlete_totals IS 'Per athlete: live sessions, seconds, first and last; kept up to date by valor-sync (deleted sessions left out)';
COMMENT ON COLUMN athlete_totals.athlete_id IS 'The athlete (NULL for sessions without one)';
COMMENT ON COLUMN athlete_totals.sessions IS 'Sessions recorded';
COMMENT ON COLUMN athlete_totals.seconds IS 'Seconds recorded in all sessions';
COMMENT ON COLUMN athlete_totals.first_session_at IS 'When the first session was recorded (UTC)';
COMMENT ON COLUMN athlete_totals.last_session_at IS 'When the latest session was recorded (UTC)';
COMMENT ON TABLE athlete_weeks IS 'Per athlete and ISO week: live sessions and seconds; kept up to date by valor-sync';
COMMENT ON COLUMN athlete_weeks.athlete_id IS 'The athlete (NULL for sessions without one)';
COMMENT ON COLUMN athlete_weeks.week_start IS 'The Monday the ISO week starts on (UTC)';
COMMENT ON COLUMN athlete_weeks.sessions IS 'Sessions recorded that week';
COMMENT ON COLUMN athlete_weeks.seconds IS 'Seconds recorded that week';
COMMENT ON TABLE athlete_exercises IS 'Per athlete and exercise: live sessions, seconds, the latest; kept up to date by valor-sync';
COMMENT ON COLUMN athlete_exercises.athlete_id IS 'The athlete (NULL for sessions without one)';
COMMENT ON COLUMN athlete_exercises.exercise_id IS 'The exercise (NULL for sessions without one)';
COMMENT ON COLUMN athlete_exercises.sessions IS 'Sessions recorded (0 when all of them are deleted)';
COMMENT ON COLUMN athlete_exercises.seconds IS 'Seconds recorded';
COMMENT ON COLUMN athlete_exercises.last_recorded_at IS 'When the latest was recorded (UTC)';
COMMENT ON COLUMN athlete_exercises.stored_rows IS 'Rows in sessions, deleted ones included: how valor-sync notices a session that moved to another athlete or exercise';
COMMENT ON TABLE exercise_extremes IS 'Per exercise: the shortest and longest live session (ties: recorded first, then lowest id) and the average; kept up to date by valor-sync';
COMMENT ON COLUMN exercise_extremes.exercise_id IS 'The exercise (NULL for sessions without one)';
COMMENT ON COLUMN exercise_extremes.sessions IS 'Sessions with a duration';
COMMENT ON COLUMN exercise_extremes.avg_s IS 'Average duration in seconds';
COMMENT ON COLUMN exercise_extremes.shortest_s IS 'Shortest duration in seconds';
COMMENT ON COLUMN exercise_extremes.shortest_session_id IS 'The shortest session';
COMMENT ON COLUMN exercise_extremes.shortest_athlete_id IS 'Who recorded the shortest session';
COMMENT ON COLUMN exercise_extremes.longest_s IS 'Longest duration in seconds';
COMMENT ON COLUMN exercise_extremes.longest_session_id IS 'The longest session';
COMMENT ON COLUMN exercise_extremes.longest_athlete_id IS 'Who recorded the longest session';
COMMENT ON TABLE summary_state IS 'Up to which change to sessions the summary tables count; valor-sync keeps it';
COMMENT ON COLUMN summary_state.id IS 'Always 1';
COMMENT ON COLUMN summary_state.changes_through IS 'The newest change to sessions (updated_at or deleted_at) the summaries count; later ones are looked at on the next sync (UTC)';
COMMENT ON COLUMN summary_state.run_id IS 'The sync run that last brought the summaries up to date';
