-- How each run paged /sessions: 'full' (the whole organisation in one pass), 'partitioned' (one
-- pass per athlete, several at a time) or 'athletes' (a run limited with --athlete). A full pass
-- is due when no run completed one within --full-pass-every (lib/sync/SessionPlan.java).
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS sessions_pass VARCHAR;
COMMENT ON COLUMN sync_runs.sessions_pass IS 'How the run paged sessions: full (one pass over the organisation), partitioned (one pass per athlete, several at a time) or athletes (limited with --athlete)';
