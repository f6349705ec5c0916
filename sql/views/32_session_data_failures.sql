-- Sessions whose report or IK data could not be fetched on their last attempt, and why. They are
-- tried again on the next valor-sync --with run; older_data_kept says data fetched for an earlier
-- s3Key is still stored.
CREATE OR REPLACE VIEW session_data_failures AS
SELECT f.kind,
       f.session_id,
       d.recorded_at,
       d.athlete_name,
       d.exercise_name,
       f.s3_key,
       f.attempts,
       f.http_status,
       f.error,
       f.last_attempt_at,
       f.stored_s3_key IS NOT NULL AS older_data_kept
FROM session_data_fetches f
LEFT JOIN session_details d ON d.session_id = f.session_id
WHERE f.status = 'failed';
