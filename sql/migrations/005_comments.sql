-- What every table and column means, in the schema itself: `valor-sql --describe NAME` prints it
-- (H2 keeps it as REMARKS in INFORMATION_SCHEMA.TABLES and COLUMNS), and so do SQL tools that
-- browse the schema. Views are re-created whenever a view file changes, and H2 keeps no comment on a
-- view's column once the database closes, so views have theirs beside them in sql/views/. A later
-- migration that adds a table or column comments it in the same file. COMMENT ON can be re-run, so a
-- half-applied file is harmless.

-- ---- synced records ----

COMMENT ON TABLE athletes IS 'One row per athlete the API has listed (or that sessions refer to); deleted ones stay, with deleted_at set';
COMMENT ON COLUMN athletes.athlete_id IS 'The athlete''s id in the Valor API';
COMMENT ON COLUMN athletes.first_name IS 'First name, as the API sends it';
COMMENT ON COLUMN athletes.last_name IS 'Last name, as the API sends it';
COMMENT ON COLUMN athletes.email IS 'Email address, as the API sends it';
COMMENT ON COLUMN athletes.source IS 'api, or sessions for a row derived from sessions because the API listed none';
COMMENT ON COLUMN athletes.raw IS 'The record exactly as the API sent it (JSON); NULL for derived rows';
COMMENT ON COLUMN athletes.content_hash IS 'Hash of raw, so an unchanged record is not rewritten (NULL for derived rows)';
COMMENT ON COLUMN athletes.first_seen_at IS 'When a sync first stored the record (UTC)';
COMMENT ON COLUMN athletes.updated_at IS 'When its content last changed (UTC); an unchanged record keeps it';
COMMENT ON COLUMN athletes.deleted_at IS 'When a complete sync stopped seeing it (UTC); NULL while the API lists it';

COMMENT ON TABLE sessions IS 'One row per recorded session: one exercise by one athlete; deleted ones stay, with deleted_at set';
COMMENT ON COLUMN sessions.session_id IS 'The session''s id in the Valor API';
COMMENT ON COLUMN sessions.recorded_at IS 'When the session was recorded (UTC)';
COMMENT ON COLUMN sessions.s3_key IS 'Key of the recording''s data at the vendor; a new key means new report and IK data';
COMMENT ON COLUMN sessions.duration_s IS 'Length of the recording in seconds';
COMMENT ON COLUMN sessions.athlete_id IS 'The athlete who recorded it (athletes.athlete_id)';
COMMENT ON COLUMN sessions.assessment_id IS 'The assessment it was part of (assessments.assessment_id); NULL for a standalone recording';
COMMENT ON COLUMN sessions.single_exercise IS 'TRUE for a standalone recording, outside any assessment (the API''s singleExercise)';
COMMENT ON COLUMN sessions.exercise_id IS 'The exercise recorded (exercises.exercise_id)';
COMMENT ON COLUMN sessions.session_name IS 'The session''s name as the API sends it (usually the exercise''s name)';
COMMENT ON COLUMN sessions.source IS 'Always api: sessions are never derived';
COMMENT ON COLUMN sessions.raw IS 'The record exactly as the API sent it (JSON)';
COMMENT ON COLUMN sessions.content_hash IS 'Hash of raw, so an unchanged record is not rewritten';
COMMENT ON COLUMN sessions.first_seen_at IS 'When a sync first stored the record (UTC)';
COMMENT ON COLUMN sessions.updated_at IS 'When its content last changed (UTC); an unchanged record keeps it';
COMMENT ON COLUMN sessions.deleted_at IS 'When a complete sync stopped seeing it (UTC); NULL while the API lists it';

COMMENT ON TABLE exercises IS 'One row per exercise, from the API or derived from sessions (source = sessions)';
COMMENT ON COLUMN exercises.exercise_id IS 'The exercise''s id in the Valor API';
COMMENT ON COLUMN exercises.name IS 'The exercise''s name (for a derived row, the name its sessions carry most often)';
COMMENT ON COLUMN exercises.source IS 'api, or sessions for a row derived from sessions because the API listed none';
COMMENT ON COLUMN exercises.raw IS 'The record exactly as the API sent it (JSON); NULL for derived rows';
COMMENT ON COLUMN exercises.content_hash IS 'Hash of raw, so an unchanged record is not rewritten (NULL for derived rows)';
COMMENT ON COLUMN exercises.first_seen_at IS 'When a sync first stored the record (UTC)';
COMMENT ON COLUMN exercises.updated_at IS 'When its content last changed (UTC); an unchanged record keeps it';
COMMENT ON COLUMN exercises.deleted_at IS 'When a complete sync stopped seeing it (UTC); NULL while the API lists it';

COMMENT ON TABLE assessments IS 'One row per assessment (sessions recorded together as one test), from the API or derived from sessions';
COMMENT ON COLUMN assessments.assessment_id IS 'The assessment''s id in the Valor API';
COMMENT ON COLUMN assessments.name IS 'The assessment''s name (NULL for a derived row)';
COMMENT ON COLUMN assessments.athlete_id IS 'The athlete assessed (athletes.athlete_id)';
COMMENT ON COLUMN assessments.assessed_at IS 'When it took place (UTC): from the API, or its first session''s time when derived';
COMMENT ON COLUMN assessments.source IS 'api, or sessions for a row derived from sessions because the API listed none';
COMMENT ON COLUMN assessments.raw IS 'The record exactly as the API sent it (JSON); NULL for derived rows';
COMMENT ON COLUMN assessments.content_hash IS 'Hash of raw, so an unchanged record is not rewritten (NULL for derived rows)';
COMMENT ON COLUMN assessments.first_seen_at IS 'When a sync first stored the record (UTC)';
COMMENT ON COLUMN assessments.updated_at IS 'When its content last changed (UTC); an unchanged record keeps it';
COMMENT ON COLUMN assessments.deleted_at IS 'When a complete sync stopped seeing it (UTC); NULL while the API lists it';

-- ---- report metrics and joint angles (valor-sync --with reports,ik) ----

COMMENT ON TABLE session_reports IS 'One row per session whose report (/reportData) is stored: the report as the API sent it';
COMMENT ON COLUMN session_reports.session_id IS 'The session (sessions.session_id)';
COMMENT ON COLUMN session_reports.s3_key IS 'The session''s s3_key the report was fetched for';
COMMENT ON COLUMN session_reports.metric_rows IS 'Rows the report gave in report_metrics';
COMMENT ON COLUMN session_reports.raw IS 'The report exactly as the API sent it (JSON)';
COMMENT ON COLUMN session_reports.fetched_at IS 'When it was fetched (UTC)';

COMMENT ON TABLE report_metrics IS 'Report metrics: one row per session, section, metric group, metric and side';
COMMENT ON COLUMN report_metrics.session_id IS 'The session (sessions.session_id)';
COMMENT ON COLUMN report_metrics.section IS 'Top-level key of the report, e.g. WorkoutMetrics';
COMMENT ON COLUMN report_metrics.metric_group IS 'Group of the metric as sent, e.g. Ang';
COMMENT ON COLUMN report_metrics.metric IS 'Metric name exactly as sent, e.g. Knee Flex. (°)';
COMMENT ON COLUMN report_metrics.side IS 'L, R, F or B as sent; empty for a metric without sides';
COMMENT ON COLUMN report_metrics.avg_max IS 'The metric''s AvgMax value, in the metric''s unit';
COMMENT ON COLUMN report_metrics.score IS 'The metric''s Score (0.0, 0.5 or 1.0)';
COMMENT ON COLUMN report_metrics.fields IS 'How many numeric fields the API sent for it; all are in report_metric_fields';

COMMENT ON TABLE report_metric_fields IS 'Every numeric field of every report metric, by its name as sent (AvgMax, Score and any the vendor adds)';
COMMENT ON COLUMN report_metric_fields.session_id IS 'The session (sessions.session_id)';
COMMENT ON COLUMN report_metric_fields.section IS 'Top-level key of the report, e.g. WorkoutMetrics';
COMMENT ON COLUMN report_metric_fields.metric_group IS 'Group of the metric as sent, e.g. Ang';
COMMENT ON COLUMN report_metric_fields.metric IS 'Metric name exactly as sent, e.g. Knee Flex. (°)';
COMMENT ON COLUMN report_metric_fields.side IS 'L, R, F or B as sent; empty for a metric without sides';
COMMENT ON COLUMN report_metric_fields.field IS 'The field''s name as sent, e.g. AvgMax or Score';
COMMENT ON COLUMN report_metric_fields.field_value IS 'The field''s value';

COMMENT ON TABLE ik_series IS 'One row per session whose joint-angle series (/ikData) is stored; read the samples with IK_SAMPLES(session)';
COMMENT ON COLUMN ik_series.session_id IS 'The session (sessions.session_id)';
COMMENT ON COLUMN ik_series.s3_key IS 'The session''s s3_key the series was fetched for';
COMMENT ON COLUMN ik_series.samples IS 'Samples in the longest array (60 per second)';
COMMENT ON COLUMN ik_series.duration_s IS 'Seconds from the first time stamp to the last';
COMMENT ON COLUMN ik_series.joints IS 'How many joints the series has';
COMMENT ON COLUMN ik_series.time_data IS 'The time array, encoded (read it with IK_SAMPLES); NULL if the API sent none';
COMMENT ON COLUMN ik_series.extra IS 'Fields of the body that are not numeric arrays, as JSON; NULL if none';
COMMENT ON COLUMN ik_series.json_bytes IS 'Size in bytes of the body as the API sent it';
COMMENT ON COLUMN ik_series.stored_bytes IS 'Size in bytes of all its encoded arrays';
COMMENT ON COLUMN ik_series.fetched_at IS 'When it was fetched (UTC)';

COMMENT ON TABLE ik_joint_series IS 'One session''s arrays for one joint, encoded; read them as rows with IK_SAMPLES(session, joint)';
COMMENT ON COLUMN ik_joint_series.session_id IS 'The session (sessions.session_id)';
COMMENT ON COLUMN ik_joint_series.joint IS 'Joint as the API names it, e.g. left_knee_flexion';
COMMENT ON COLUMN ik_joint_series.position IS 'Order of the joint in the API''s body';
COMMENT ON COLUMN ik_joint_series.angle_data IS 'Angles in degrees, encoded; NULL if the API sent none';
COMMENT ON COLUMN ik_joint_series.velocity_data IS 'Angular velocities in degrees per second (the API''s <joint>_vel), encoded';
COMMENT ON COLUMN ik_joint_series.acceleration_data IS 'Angular accelerations in degrees per second squared (<joint>_acc), encoded';

COMMENT ON TABLE ik_joint_summary IS 'Per session and joint, computed when the series was stored: samples, duration, angle range and peaks';
COMMENT ON COLUMN ik_joint_summary.session_id IS 'The session (sessions.session_id)';
COMMENT ON COLUMN ik_joint_summary.joint IS 'Joint as the API names it, e.g. left_knee_flexion';
COMMENT ON COLUMN ik_joint_summary.samples IS 'Samples in the joint''s series';
COMMENT ON COLUMN ik_joint_summary.duration_s IS 'Seconds the series covers';
COMMENT ON COLUMN ik_joint_summary.min_angle IS 'Smallest angle, in degrees';
COMMENT ON COLUMN ik_joint_summary.max_angle IS 'Largest angle, in degrees';
COMMENT ON COLUMN ik_joint_summary.range_of_motion IS 'max_angle minus min_angle, in degrees';
COMMENT ON COLUMN ik_joint_summary.mean_angle IS 'Mean angle, in degrees';
COMMENT ON COLUMN ik_joint_summary.peak_abs_velocity IS 'Largest absolute angular velocity, in degrees per second';
COMMENT ON COLUMN ik_joint_summary.peak_abs_acceleration IS 'Largest absolute angular acceleration, in degrees per second squared';

COMMENT ON TABLE session_data_fetches IS 'Per session and kind (reports, ik): what is stored and how the last fetch went';
COMMENT ON COLUMN session_data_fetches.session_id IS 'The session (sessions.session_id)';
COMMENT ON COLUMN session_data_fetches.kind IS 'reports or ik';
COMMENT ON COLUMN session_data_fetches.status IS 'stored, or failed (tried again on the next run)';
COMMENT ON COLUMN session_data_fetches.s3_key IS 'The s3_key of the last attempt';
COMMENT ON COLUMN session_data_fetches.stored_s3_key IS 'The s3_key of the data stored; NULL if nothing is stored';
COMMENT ON COLUMN session_data_fetches.attempts IS 'Failed attempts in a row (0 once stored)';
COMMENT ON COLUMN session_data_fetches.http_status IS 'HTTP status of the last failure, when the API answered one';
COMMENT ON COLUMN session_data_fetches.error IS 'What went wrong last; NULL once stored';
COMMENT ON COLUMN session_data_fetches.last_attempt_at IS 'When it was last fetched or tried (UTC)';
COMMENT ON COLUMN session_data_fetches.stored_at IS 'When the stored data was stored (UTC)';
COMMENT ON COLUMN session_data_fetches.run_id IS 'The run of the last attempt (sync_runs.run_id)';

-- ---- sync runs ----

COMMENT ON TABLE sync_runs IS 'One row per valor-sync run: when, how it ended, how much it asked the API';
COMMENT ON COLUMN sync_runs.run_id IS 'Number of the run, counting up from 1';
COMMENT ON COLUMN sync_runs.started_at IS 'When the run started (UTC)';
COMMENT ON COLUMN sync_runs.finished_at IS 'When it ended (UTC); NULL while it runs or if it was killed';
COMMENT ON COLUMN sync_runs.status IS 'running, ok, failed, or interrupted (killed before it could finish)';
COMMENT ON COLUMN sync_runs.scope IS 'all, or the athlete ids a run limited with --athlete synced';
COMMENT ON COLUMN sync_runs.api_url IS 'The API root it synced from';
COMMENT ON COLUMN sync_runs.page_size IS 'Records asked for per request (--page-size)';
COMMENT ON COLUMN sync_runs.pages IS 'Pages of records fetched';
COMMENT ON COLUMN sync_runs.api_calls IS 'Requests sent to the API, retries included';
COMMENT ON COLUMN sync_runs.retries IS 'Requests sent again after a transient failure';
COMMENT ON COLUMN sync_runs.warnings IS 'What the run warned about, one per line; NULL if nothing';
COMMENT ON COLUMN sync_runs.error IS 'Why the run failed; NULL if it did not';

COMMENT ON TABLE sync_run_counts IS 'Per run and entity: records added, updated, unchanged, deleted and rejected';
COMMENT ON COLUMN sync_run_counts.run_id IS 'The run (sync_runs.run_id)';
COMMENT ON COLUMN sync_run_counts.entity IS 'athletes, sessions, exercises or assessments';
COMMENT ON COLUMN sync_run_counts.added IS 'Records stored for the first time';
COMMENT ON COLUMN sync_run_counts.updated IS 'Records whose content changed';
COMMENT ON COLUMN sync_run_counts.unchanged IS 'Records seen again unchanged';
COMMENT ON COLUMN sync_run_counts.deleted IS 'Records marked deleted (the API stopped listing them)';
COMMENT ON COLUMN sync_run_counts.rejected IS 'Records without an id, kept in sync_rejects';

COMMENT ON TABLE sync_run_fetches IS 'Per run and kind (reports, ik): sessions whose data was fetched, skipped or failed';
COMMENT ON COLUMN sync_run_fetches.run_id IS 'The run (sync_runs.run_id)';
COMMENT ON COLUMN sync_run_fetches.kind IS 'reports or ik';
COMMENT ON COLUMN sync_run_fetches.fetched IS 'Sessions whose data was fetched and stored';
COMMENT ON COLUMN sync_run_fetches.skipped IS 'Sessions skipped: their data is stored for their current s3_key';
COMMENT ON COLUMN sync_run_fetches.failed IS 'Sessions whose fetch failed (see session_data_failures)';

COMMENT ON TABLE sync_rejects IS 'Records the API sent that could not be stored as rows (no id), kept whole';
COMMENT ON COLUMN sync_rejects.reject_id IS 'Number of the reject, counting up from 1';
COMMENT ON COLUMN sync_rejects.run_id IS 'The run that received it (sync_runs.run_id)';
COMMENT ON COLUMN sync_rejects.entity IS 'athletes, sessions, exercises or assessments';
COMMENT ON COLUMN sync_rejects.reason IS 'Why it could not be stored';
COMMENT ON COLUMN sync_rejects.raw IS 'The record exactly as the API sent it (JSON)';
COMMENT ON COLUMN sync_rejects.seen_at IS 'When it was received (UTC)';

COMMENT ON TABLE sync_endpoints IS 'Whether each optional API endpoint answered on the last run';
COMMENT ON COLUMN sync_endpoints.endpoint IS 'The endpoint, e.g. exercises';
COMMENT ON COLUMN sync_endpoints.available IS 'TRUE if it answered; FALSE if it did not (404 or 403) and its rows come from sessions';
COMMENT ON COLUMN sync_endpoints.http_status IS 'The HTTP status it answered with';
COMMENT ON COLUMN sync_endpoints.message IS 'What was wrong, when it was not available';
COMMENT ON COLUMN sync_endpoints.checked_at IS 'When it was last asked (UTC)';

-- ---- the sync's own bookkeeping ----

COMMENT ON TABLE sync_passes IS 'Internal: a paging pass in progress, committed with each page so a killed sync resumes there';
COMMENT ON COLUMN sync_passes.entity IS 'athletes, sessions, exercises or assessments';
COMMENT ON COLUMN sync_passes.scope IS 'all, or athlete: and an athlete id';
COMMENT ON COLUMN sync_passes.run_id IS 'The run that started the pass (sync_runs.run_id)';
COMMENT ON COLUMN sync_passes.next_token IS 'The continuation token to send next (JSON-encoded)';
COMMENT ON COLUMN sync_passes.pages IS 'Pages committed so far';
COMMENT ON COLUMN sync_passes.records IS 'Records committed so far';
COMMENT ON COLUMN sync_passes.started_at IS 'When the pass started (UTC)';
COMMENT ON COLUMN sync_passes.updated_at IS 'When its last page was committed (UTC)';

COMMENT ON TABLE sync_pass_pages IS 'Internal: the ids each committed page of a pass carried, to find deleted records when it completes';
COMMENT ON COLUMN sync_pass_pages.entity IS 'athletes, sessions, exercises or assessments';
COMMENT ON COLUMN sync_pass_pages.scope IS 'all, or athlete: and an athlete id';
COMMENT ON COLUMN sync_pass_pages.page_no IS 'Number of the page in its pass';
COMMENT ON COLUMN sync_pass_pages.ids IS 'The ids the page carried, one per line';

COMMENT ON TABLE sync_deferred_indexes IS 'Internal: indexes a first sync dropped to load a table fast, and how to rebuild them';
COMMENT ON COLUMN sync_deferred_indexes.table_name IS 'The table the index belongs to';
COMMENT ON COLUMN sync_deferred_indexes.index_name IS 'The index or constraint dropped';
COMMENT ON COLUMN sync_deferred_indexes.rebuild IS 'The SQL that rebuilds it';

COMMENT ON TABLE schema_migrations IS 'Internal: the numbered files of sql/migrations applied to this store';
COMMENT ON COLUMN schema_migrations.version IS 'The file''s number';
COMMENT ON COLUMN schema_migrations.name IS 'The file''s name after its number';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When it was applied (UTC)';
