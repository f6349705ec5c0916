-- The planner decides from measurements (issue 24): how long the API takes (a request's fixed
-- latency and its time per megabyte, from requests sent while no other was in flight), and what this process spent
-- per session (CPU, storing), on this run and the previous ones, instead of a fixed ratio of the
-- round trip to a page's store time (lib/sync/SessionPlan.java, lib/sync/SessionsPace.java).
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS sessions_ms BIGINT;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS sessions_cpu_ms BIGINT;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS sessions_wait_ms BIGINT;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS sessions_store_ms BIGINT;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS sessions_records BIGINT;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS sessions_bytes BIGINT;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS sessions_requests BIGINT;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS api_latency_ms DOUBLE PRECISION;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS api_ms_per_mb DOUBLE PRECISION;
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS one_pass_estimate_ms BIGINT;
COMMENT ON COLUMN sync_runs.sessions_ms IS 'Wall time of the run''s paging of sessions, in milliseconds';
COMMENT ON COLUMN sync_runs.sessions_cpu_ms IS 'CPU time valor-sync spent meanwhile (all its threads), in milliseconds';
COMMENT ON COLUMN sync_runs.sessions_wait_ms IS 'Of a full pass: time the storing thread waited for the API, in milliseconds (0 for partitions)';
COMMENT ON COLUMN sync_runs.sessions_store_ms IS 'Time spent storing pages of sessions, in milliseconds';
COMMENT ON COLUMN sync_runs.sessions_records IS 'Session records the run paged';
COMMENT ON COLUMN sync_runs.sessions_bytes IS 'Bytes of the API''s answers meanwhile';
COMMENT ON COLUMN sync_runs.sessions_requests IS 'Requests meanwhile';
COMMENT ON COLUMN sync_runs.api_latency_ms IS 'What an API request took whatever its size, in milliseconds (from the run''s requests sent while no other was in flight)';
COMMENT ON COLUMN sync_runs.api_ms_per_mb IS 'What each megabyte of an answer added, in milliseconds; NULL when the answers were too alike in size to tell';
COMMENT ON COLUMN sync_runs.one_pass_estimate_ms IS 'What the planner estimated one pass would take, in milliseconds (NULL when it did not estimate): a partitioned run that took longer makes the next one a full pass';
COMMENT ON COLUMN sync_runs.sessions_pass_reason IS 'Why it paged so: one of these, perhaps with details in brackets: first sync, no full pass yet, resuming an interrupted full pass, athlete list shrank, /athletes not available, full pass due, --parallel 1, --restart, --athlete, resuming partitions, no measurements yet, one pass is as fast, partitions were slower last time, partitions pay';
