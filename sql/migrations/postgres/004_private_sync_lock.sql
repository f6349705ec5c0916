-- PostgreSQL version of ../004_private_sync_lock.sql: one sync at a time is a session-level advisory
-- lock there (lib/store/PostgresStore.java), so the lock row of 001 is not needed.
DROP TABLE IF EXISTS sync_lock;
