-- The saved query `assessments` on a million sessions (issue 24): 2.7-3.1 s through a launcher, most of
-- it joining each of 133,000 assessments, read with their raw JSON, to its totals and its athlete and
-- sorting them by the athlete's name. assessment_totals now holds, beside the totals, what that query
-- shows of the assessment and its athlete, so the query reads this table alone, in an index that is
-- already in the order it prints. valor-sync keeps these columns exact too (lib/sync/SummaryTables.java):
-- a row is recomputed when its sessions change, and when its assessment's row or its athlete's row
-- changes (listings_through), as a rename, a new date or a deletion does.

ALTER TABLE assessment_totals ADD COLUMN IF NOT EXISTS listed BOOLEAN NOT NULL DEFAULT FALSE; -- in assessments, not deleted
ALTER TABLE assessment_totals ADD COLUMN IF NOT EXISTS assessment_name VARCHAR;
ALTER TABLE assessment_totals ADD COLUMN IF NOT EXISTS assessed_athlete_id VARCHAR;            -- the assessment's own athlete_id
ALTER TABLE assessment_totals ADD COLUMN IF NOT EXISTS athlete_name VARCHAR;
ALTER TABLE assessment_totals ADD COLUMN IF NOT EXISTS assessed_at TIMESTAMP;
-- In the order `assessments` prints (sql/queries/assessments.sql), with every column it reads: the query reads
-- this index alone, no row of the table (2.7 s of CPU instead of 4.5 s for the 133,000 rows of a million sessions).
CREATE INDEX IF NOT EXISTS assessment_totals_listing ON assessment_totals (athlete_name, assessed_athlete_id, assessed_at DESC, assessment_id,
                                                                           listed, assessment_name, sessions, seconds, exercises);

-- The newest change to assessments or athletes (updated_at or deleted_at) the listing columns count.
ALTER TABLE summary_state ADD COLUMN IF NOT EXISTS listings_through TIMESTAMP;

-- The first fill, for a store synced before this migration; the same definition as SummaryTables.java.
UPDATE summary_state SET listings_through = (
    SELECT MAX(GREATEST(updated_at, COALESCE(deleted_at, updated_at)))
    FROM (SELECT updated_at, deleted_at FROM assessments UNION ALL SELECT updated_at, deleted_at FROM athletes) changes);
UPDATE assessment_totals t SET (listed, assessment_name, assessed_athlete_id, athlete_name, assessed_at) = (
    SELECT x.deleted_at IS NULL, x.name, x.athlete_id, TRIM(CONCAT(a.first_name, ' ', a.last_name)), x.assessed_at
    FROM assessments x LEFT JOIN athletes a ON a.athlete_id = x.athlete_id
    WHERE x.assessment_id = t.assessment_id)
WHERE EXISTS (SELECT 1 FROM assessments x WHERE x.assessment_id = t.assessment_id);

COMMENT ON COLUMN summary_state.listings_through IS 'The newest change to assessments or athletes (updated_at or deleted_at) assessment_totals counts: a later one has its assessments recomputed (UTC)';
COMMENT ON COLUMN assessment_totals.listed IS 'The assessment is in assessments and not deleted: assessment_details shows it';
COMMENT ON COLUMN assessment_totals.assessment_name IS 'The assessment''s name';
COMMENT ON COLUMN assessment_totals.assessed_athlete_id IS 'The athlete the assessment names (assessments.athlete_id)';
COMMENT ON COLUMN assessment_totals.athlete_name IS 'That athlete''s first and last name';
COMMENT ON COLUMN assessment_totals.assessed_at IS 'When the assessment took place (UTC)';
COMMENT ON TABLE assessment_totals IS 'Per assessment: live sessions, seconds and exercises in order, with the assessment''s name, date and athlete as the saved query assessments lists them; kept up to date by valor-sync (deleted sessions left out)';
