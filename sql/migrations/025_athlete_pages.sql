-- Whether the API serves athleteID from an index or filters a page of the whole organisation after
-- reading it (DynamoDB's FilterExpression; nothing published says which, see valor-api.md): in the
-- second case every athlete's pass takes as many requests as one pass over everyone, and per-athlete
-- partitions never pay. The planner asks once, with one request, and goes by the answer after
-- (lib/sync/AthletePages.java, issue 24).
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS athlete_pages_filtered BOOLEAN;
COMMENT ON COLUMN sync_runs.athlete_pages_filtered IS 'Whether a page of one athlete''s sessions came short with more to come, as when the API filters a page of the whole organisation after reading it (then partitions never pay); NULL when the run did not ask';
