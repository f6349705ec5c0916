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

-- What valor-sql --describe shows. H2 forgets a view's column comments when the view is re-created or the
-- database closes, so valor-sql reads them from this file (lib/query/TableDescription.java); running them checks the names.
COMMENT ON VIEW session_data_failures IS 'Sessions whose report or IK data could not be fetched on the last attempt, and why';
COMMENT ON COLUMN session_data_failures.kind IS 'reports or ik';
COMMENT ON COLUMN session_data_failures.session_id IS 'The session';
COMMENT ON COLUMN session_data_failures.recorded_at IS 'When the session was recorded (UTC)';
COMMENT ON COLUMN session_data_failures.athlete_name IS 'The athlete''s first and last name';
COMMENT ON COLUMN session_data_failures.exercise_name IS 'The exercise''s name';
COMMENT ON COLUMN session_data_failures.s3_key IS 'The s3_key of the failed attempt';
COMMENT ON COLUMN session_data_failures.attempts IS 'Failed attempts in a row';
COMMENT ON COLUMN session_data_failures.http_status IS 'HTTP status of the last failure, when the API answered one';
COMMENT ON COLUMN session_data_failures.error IS 'What went wrong';
COMMENT ON COLUMN session_data_failures.last_attempt_at IS 'When it was last tried (UTC); the next valor-sync --with run tries again';
COMMENT ON COLUMN session_data_failures.older_data_kept IS 'TRUE if data fetched for an earlier s3_key is still stored';
