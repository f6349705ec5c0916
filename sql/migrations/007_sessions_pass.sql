-- How each run paged /sessions: 'full' (the whole organisation in one pass), 'partitioned' (one
-- pass per athlete, several at a time), 'learned' (a first sync's pass that handed over to
-- partitions) or 'athletes' (a run limited with --athlete); and what the pace was made of: the
-- mean round trip of the run's requests and the mean time to store a page of sessions. A full
-- pass is due when no run completed one within --full-pass-every; partitions pay only where round
-- trips, not storing, set the pace (lib/sync/SessionPlan.java).
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS sessions_pass VARCHAR;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS round_trip_ms INT;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS page_store_ms INT;
COMMENT ON COLUMN sync_runs.sessions_pass IS 'How the run paged sessions: full (one pass over the organisation), partitioned (one pass per athlete, several at a time), learned (a first sync that handed over to partitions) or athletes (limited with --athlete)';
COMMENT ON COLUMN sync_runs.round_trip_ms IS 'Mean time from sending a request to having its whole answer, in milliseconds';
COMMENT ON COLUMN sync_runs.page_store_ms IS 'Mean time to store a page of sessions, in milliseconds';
