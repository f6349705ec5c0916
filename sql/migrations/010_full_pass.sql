-- Every sync exact (issue 24). A first sync used to start one pass over the organisation and hand
-- over to per-athlete partitions part way ('learned' in sessions_pass): partitions cannot see the
-- sessions of an athlete /athletes does not list, so it could end short. A first sync now makes one
-- full pass, and later runs make one when it is due, when the athlete list shrank since the last
-- one began, or when /athletes is not available (lib/sync/SessionPlan.java). Each run records why
-- it paged as it did, and when the last complete full pass began, which is what decides the next.
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS sessions_pass_reason VARCHAR;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS last_full_pass_at TIMESTAMP;
-- Runs before this one: a 'full' pass of a run that ended ok was complete; a 'learned' one was not,
-- so a store whose only full passes were learned makes a full pass on its next run.
UPDATE sync_runs SET last_full_pass_at = (SELECT MAX(f.started_at) FROM sync_runs f
    WHERE f.status = 'ok' AND f.sessions_pass = 'full' AND f.run_id <= sync_runs.run_id)
WHERE last_full_pass_at IS NULL;
COMMENT ON COLUMN sync_runs.sessions_pass IS 'How the run paged sessions: full (one pass over the organisation), partitioned (one pass per athlete, several at a time) or athletes (limited with --athlete); learned in runs before migration 010 (a first sync that handed over to partitions part way)';
COMMENT ON COLUMN sync_runs.sessions_pass_reason IS 'Why it paged so: one of these, perhaps with details in brackets: first sync, no full pass yet, resuming an interrupted full pass, athlete list shrank, /athletes not available, full pass due, --parallel 1, --restart, --athlete, resuming partitions, storing sets the pace, partitions do not pay, partitions pay';
COMMENT ON COLUMN sync_runs.last_full_pass_at IS 'When the last complete full pass over the organisation''s sessions began (UTC), as of this run: its own if it made one; NULL before the first';
