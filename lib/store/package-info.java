//SOURCES AnalystConnections.java
//SOURCES Database.java
//SOURCES Engine.java
//SOURCES DatabaseLocation.java
//SOURCES H2Errors.java
//SOURCES H2Url.java
//SOURCES Migrations.java
//SOURCES PgPass.java
//SOURCES PostgresLogin.java
//SOURCES PostgresStore.java
//SOURCES PostgresUrl.java
//SOURCES ReadOnlyFiles.java
//SOURCES RefreshingConnection.java
//SOURCES StoreCompaction.java
//SOURCES StoreKey.java
//SOURCES StoreOptions.java
//SOURCES StorePermissions.java
//SOURCES StoreSchema.java
//SOURCES Views.java
//SOURCES ../base/package-info.java
// H2 loads the IK_SAMPLES and IK_SAMPLES_OF functions the migrations and views declare by class name, at query time:
// every command that opens a store carries it.
//SOURCES ../IkSamples.java
//FILES sql/migrations/001_store.sql=../../sql/migrations/001_store.sql
//FILES sql/migrations/002_session_data.sql=../../sql/migrations/002_session_data.sql
//FILES sql/migrations/003_read_only_user.sql=../../sql/migrations/003_read_only_user.sql
//FILES sql/migrations/004_private_sync_lock.sql=../../sql/migrations/004_private_sync_lock.sql
//FILES sql/migrations/005_comments.sql=../../sql/migrations/005_comments.sql
//FILES sql/migrations/006_analyst_summaries.sql=../../sql/migrations/006_analyst_summaries.sql
//FILES sql/migrations/007_sessions_pass.sql=../../sql/migrations/007_sessions_pass.sql
//FILES sql/migrations/008_portable_functions.sql=../../sql/migrations/008_portable_functions.sql
//FILES sql/migrations/009_assessment_totals.sql=../../sql/migrations/009_assessment_totals.sql
//FILES sql/migrations/010_full_pass.sql=../../sql/migrations/010_full_pass.sql
//FILES sql/migrations/011_raw_hash.sql=../../sql/migrations/011_raw_hash.sql
//FILES sql/migrations/012_sessions_pace.sql=../../sql/migrations/012_sessions_pace.sql
//FILES sql/migrations/013_athlete_changes.sql=../../sql/migrations/013_athlete_changes.sql
//FILES sql/migrations/014_assessment_listing.sql=../../sql/migrations/014_assessment_listing.sql
//FILES sql/migrations/025_athlete_pages.sql=../../sql/migrations/025_athlete_pages.sql
//FILES sql/migrations/postgres/002_session_data.sql=../../sql/migrations/postgres/002_session_data.sql
//FILES sql/migrations/postgres/003_read_only_user.sql=../../sql/migrations/postgres/003_read_only_user.sql
//FILES sql/migrations/postgres/004_private_sync_lock.sql=../../sql/migrations/postgres/004_private_sync_lock.sql
//FILES sql/migrations/postgres/008_portable_functions.sql=../../sql/migrations/postgres/008_portable_functions.sql
//FILES sql/views/10_session_details.sql=../../sql/views/10_session_details.sql
//FILES sql/views/20_athlete_summary.sql=../../sql/views/20_athlete_summary.sql
//FILES sql/views/21_assessment_details.sql=../../sql/views/21_assessment_details.sql
//FILES sql/views/30_report_metric_details.sql=../../sql/views/30_report_metric_details.sql
//FILES sql/views/31_ik_joint_details.sql=../../sql/views/31_ik_joint_details.sql
//FILES sql/views/32_session_data_failures.sql=../../sql/views/32_session_data_failures.sql
//FILES sql/views/33_ik_samples_of.sql=../../sql/views/33_ik_samples_of.sql
//FILES sql/views/postgres/33_ik_samples_of.sql=../../sql/views/postgres/33_ik_samples_of.sql

/**
 * The store: where the H2 file is (--db, VALOR_DB, the demo) and who may use it (private files,
 * passwords from the store key), opening it for writing or for reading as the read-only user,
 * numbered migrations, and the views analysts query.
 */
package valor.store;
