-- The most recent sync runs: when, how they ended and why (a failed or interrupted run's error), what they changed, and any warnings.
-- param runs = 10: how many runs to show, newest first
SELECT r.run_id,
       r.started_at,
       r.finished_at,
       r.status,
       r.error,
       r.scope,
       r.pages,
       r.api_calls,
       r.retries,
       SUM(c.added)   AS added,
       SUM(c.updated) AS updated,
       SUM(c.deleted) AS deleted,
       r.warnings
FROM sync_runs r
LEFT JOIN sync_run_counts c ON c.run_id = r.run_id
GROUP BY r.run_id, r.started_at, r.finished_at, r.status, r.error, r.scope, r.pages, r.api_calls, r.retries, r.warnings
ORDER BY r.run_id DESC
LIMIT CAST(:runs AS INT);
