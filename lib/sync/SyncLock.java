package valor.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import valor.base.Failure;
import valor.store.Database;
import valor.store.DatabaseLocation;
import valor.store.PostgresStore;

/**
 * Keeps two syncs from writing one database at once. On H2 the running sync holds a row lock on
 * VALOR_PRIVATE.SYNC_LOCK (where the read-only user has no rights) in a transaction it never
 * commits. The lock dies with the process, kill -9 included, because H2 rolls back the
 * transaction of a connection that is gone. While it is held, no reader's row lock can block the
 * sync ({@link ReaderLockBreaker}).
 */
public final class SyncLock implements AutoCloseable {
    private final Connection connection;
    private final ReaderLockBreaker readerLocks;

    private SyncLock(Connection connection, ReaderLockBreaker readerLocks) {
        this.connection = connection;
        this.readerLocks = readerLocks;
    }

    /** How many read-only sessions were ended because they held a row lock the sync needed. */
    public int readerSessionsEnded() {
        return readerLocks == null ? 0 : readerLocks.ended();
    }

    public static SyncLock acquire(DatabaseLocation location) {
        return location.isPostgres() ? acquireOnPostgres(location) : acquireOnH2(location);
    }

    /**
     * PostgreSQL: a session-level advisory lock on a connection of its own, gone with the
     * connection (the server ends the session of a killed process). Readers there take no locks
     * a sync waits for (read-only transactions, MVCC), so there is nothing to break.
     */
    private static SyncLock acquireOnPostgres(DatabaseLocation location) {
        Connection connection = PostgresStore.connect(location, false);
        try {
            if (!PostgresStore.tryLockSync(connection)) {
                close(connection);
                throw Failure.failed("another valor-sync is already running on " + location.display() + "; wait for it to finish");
            }
            return new SyncLock(connection, null);
        } catch (SQLException e) {
            close(connection);
            throw Failure.failed("cannot lock " + location.display() + " for syncing: " + e.getMessage(), e);
        }
    }

    private static SyncLock acquireOnH2(DatabaseLocation location) {
        Connection connection = null;
        try {
            connection = Database.connect(location);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCK_TIMEOUT 200");
                statement.executeQuery("SELECT id FROM VALOR_PRIVATE.SYNC_LOCK WHERE id = 1 FOR UPDATE").close();
            }
            return new SyncLock(connection, ReaderLockBreaker.start(connection));
        } catch (SQLException e) {
            close(connection);
            if (e.getErrorCode() == org.h2.api.ErrorCode.LOCK_TIMEOUT_1) {
                throw Failure.failed("another valor-sync is already running on " + location.display()
                        + "; wait for it to finish");
            }
            throw Failure.failed("cannot lock " + location.display() + " for syncing: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (readerLocks != null) readerLocks.close();
        close(connection);
    }

    private static void close(Connection connection) {
        if (connection == null) return;
        try (connection) {
            if (!connection.getAutoCommit()) connection.rollback();
        } catch (SQLException ignored) {
            // the lock goes with the connection either way
        }
    }
}
