package valor.sync;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import valor.base.DaemonThreads;
import valor.store.AnalystConnections;

/**
 * Ends read-only sessions that hold a row lock a writer is waiting for. H2 lets every user who
 * may read a table lock its rows ({@code SELECT ... FOR UPDATE} in a transaction left open), the
 * read-only account included, and a sync waiting on such a lock would fail at H2's lock timeout.
 * A reader has changed nothing, so ending its session loses nothing; it sees its connection
 * closed. Watches while the sync holds the sync lock, on the lock's own (admin) connection.
 */
final class ReaderLockBreaker implements AutoCloseable {
    /** Well inside H2's default lock timeout (2 s), so a waiting writer never times out. */
    private static final long POLL_MILLIS = 200;
    private static final String BLOCKING_READERS = "SELECT DISTINCT blocker.SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS waiting"
            + " JOIN INFORMATION_SCHEMA.SESSIONS blocker ON blocker.SESSION_ID = waiting.BLOCKER_ID"
            + " WHERE blocker.USER_NAME = '" + AnalystConnections.READER + "'";

    private final Connection admin;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicInteger ended = new AtomicInteger();
    private final Thread thread;

    private ReaderLockBreaker(Connection admin) {
        this.admin = admin;
        this.thread = DaemonThreads.named("valor-reader-locks").newThread(this::watch);
    }

    static ReaderLockBreaker start(Connection admin) {
        ReaderLockBreaker breaker = new ReaderLockBreaker(admin);
        breaker.thread.start();
        return breaker;
    }

    /** How many reader sessions it has ended. */
    int ended() {
        return ended.get();
    }

    private void watch() {
        try {
            while (!stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                try (Statement statement = admin.createStatement()) {
                    List<Integer> blockers = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery(BLOCKING_READERS)) {
                        while (rows.next()) blockers.add(rows.getInt(1));
                    }
                    for (int session : blockers) {
                        statement.execute("CALL ABORT_SESSION(" + session + ")");
                        ended.incrementAndGet();
                    }
                } catch (SQLException e) {
                    // the store is closing under the sync (which reports why); nothing left to watch
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops watching and waits for the watcher, which is never interrupted: an interrupt during
     * H2's file I/O closes the file channel under the database.
     */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
