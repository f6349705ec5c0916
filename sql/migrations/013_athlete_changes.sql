-- A partition reads what the store holds of one athlete's sessions (id, both hashes, live) at its
-- start (lib/sync/StoredRows.java). sessions_by_athlete_cover found the athlete's rows but held
-- neither hash, so each partition read every row it found, raw JSON included: a no-change
-- partitioned run of 200,000 sessions spent more time there than a full pass took whole (issue 24).
-- With the hashes in the index, the read touches no row; with source too, neither does the plan's count
-- of each athlete's live sessions (lib/sync/SessionPlan.java), which read every row: 5 s a run at 200,000.
DROP INDEX IF EXISTS sessions_by_athlete_cover;
-- A first sync interrupted before it rebuilt its indexes would otherwise bring back the old one.
DELETE FROM sync_deferred_indexes WHERE table_name = 'sessions'
    AND index_name IN ('SESSIONS_BY_ATHLETE_COVER', 'sessions_by_athlete_cover');
CREATE INDEX IF NOT EXISTS sessions_by_athlete_cover ON sessions (athlete_id, recorded_at, exercise_id, duration_s, deleted_at, updated_at,
                                                                  assessment_id, session_id, session_name, content_hash, raw_hash, source);
