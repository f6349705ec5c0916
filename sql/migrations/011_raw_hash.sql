-- A no-change sync at the least work per record (issue 24). A record whose bytes are the bytes the
-- API sent last time is unchanged, and a sync that keeps the hash of those bytes decides so without
-- reading the record into a JSON tree: raw_hash. content_hash stays (the hash of the content,
-- whatever the order of its fields): a record whose bytes differ is compared by it, so an API that
-- reorders fields between calls rewrites nothing. Rows stored before this migration have no
-- raw_hash; the next sync stores it, with raw as the bytes the API sent, for rows whose content
-- did not change (without touching updated_at), once. Both hashes are in each table's _changes
-- index, which a sync reads at the start of each pass (lib/sync/StoredRows.java).
ALTER TABLE athletes ADD COLUMN IF NOT EXISTS raw_hash BIGINT;
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS raw_hash BIGINT;
ALTER TABLE exercises ADD COLUMN IF NOT EXISTS raw_hash BIGINT;
ALTER TABLE assessments ADD COLUMN IF NOT EXISTS raw_hash BIGINT;

-- A first sync interrupted before it rebuilt its indexes would otherwise bring back the old ones.
DELETE FROM sync_deferred_indexes WHERE index_name IN ('ATHLETES_CHANGES', 'athletes_changes', 'SESSIONS_CHANGES', 'sessions_changes',
    'EXERCISES_CHANGES', 'exercises_changes', 'ASSESSMENTS_CHANGES', 'assessments_changes');
DROP INDEX IF EXISTS athletes_changes;
CREATE INDEX IF NOT EXISTS athletes_changes ON athletes (athlete_id, content_hash, raw_hash, deleted_at);
DROP INDEX IF EXISTS sessions_changes;
CREATE INDEX IF NOT EXISTS sessions_changes ON sessions (session_id, content_hash, raw_hash, deleted_at);
DROP INDEX IF EXISTS exercises_changes;
CREATE INDEX IF NOT EXISTS exercises_changes ON exercises (exercise_id, content_hash, raw_hash, deleted_at);
DROP INDEX IF EXISTS assessments_changes;
CREATE INDEX IF NOT EXISTS assessments_changes ON assessments (assessment_id, content_hash, raw_hash, deleted_at);

-- The ids each page of a pass carried were kept here until the pass completed, to find what it
-- had not seen; only the pages of the run that completes it ever counted, so the sync now keeps
-- them in memory (a page's transaction no longer writes its ids).
DROP TABLE IF EXISTS sync_pass_pages;

COMMENT ON COLUMN athletes.raw_hash IS 'Internal: hash of the record''s bytes as the API last sent them, for a sync to skip it unread when they come again';
COMMENT ON COLUMN sessions.raw_hash IS 'Internal: hash of the record''s bytes as the API last sent them, for a sync to skip it unread when they come again';
COMMENT ON COLUMN exercises.raw_hash IS 'Internal: hash of the record''s bytes as the API last sent them, for a sync to skip it unread when they come again';
COMMENT ON COLUMN assessments.raw_hash IS 'Internal: hash of the record''s bytes as the API last sent them, for a sync to skip it unread when they come again';
