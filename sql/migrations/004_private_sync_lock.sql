-- The row valor-sync locks to keep a second sync out moves to a schema VALOR_READER has no rights
-- on: in PUBLIC, a reader's SELECT ... FOR UPDATE held it, and the next sync wrongly reported
-- another sync running. (Row locks a reader takes on other tables are ended by the sync itself,
-- see ReaderLockBreaker.)
CREATE SCHEMA IF NOT EXISTS VALOR_PRIVATE;
CREATE TABLE IF NOT EXISTS VALOR_PRIVATE.SYNC_LOCK (id INT PRIMARY KEY);
MERGE INTO VALOR_PRIVATE.SYNC_LOCK KEY (id) VALUES (1);
DROP TABLE IF EXISTS PUBLIC.SYNC_LOCK;
