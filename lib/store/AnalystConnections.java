package valor.store;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.ErrorCode;
import valor.base.Failure;

/**
 * Opens the store for the analyst's commands (valor-sql, valor-shell, valor-console): as the
 * read-only VALOR_READER user unless the user asked to write, never creating a database, and
 * refusing a store nothing has been synced into yet.
 *
 * <p>An SA connection always comes first: it opens the file with the toolkit's settings (H2's
 * compatibility mode belongs to the database and only an admin may change it) and brings an
 * older store's schema up to date, then makes way for the reader's.
 * Plain JDBC on purpose: this is the path a one-liner pays for on every run.
 */
public final class AnalystConnections {
    public static final String READER = "VALOR_READER";

    private AnalystConnections() {}

    /**
     * The store, open for one command. A reader opens the file read-only when nothing else has it
     * open ({@link DatabaseLocation#readOnly}); otherwise, and with --write, it goes through H2's
     * auto-server, where the first process to open the file serves it to the others: a valor-sync
     * that starts while this command runs may then be writing through this very process, and
     * {@link #close(PrintStream, String)} waits for such a writer before letting go of the file.
     */
    public static final class Session implements AutoCloseable {
        private final DatabaseLocation requested;
        private final boolean reader;
        private DatabaseLocation location;
        private Connection connection;
        private boolean readOnlyFile;
        private FileState opened;
        private Connection refreshing;

        private Session(DatabaseLocation requested, DatabaseLocation location, Connection connection, boolean readOnlyFile, boolean reader) {
            this.requested = requested;
            this.reader = reader;
            take(location, connection, readOnlyFile);
        }

        private void take(DatabaseLocation location, Connection connection, boolean readOnlyFile) {
            this.location = location;
            this.connection = connection;
            this.readOnlyFile = readOnlyFile;
            this.opened = FileState.of(location);
        }

        /** The connection to run the user's SQL on: the reader's, or SA's with --write. */
        public Connection connection() {
            return connection;
        }

        /**
         * For readers that stay open across syncs (valor-shell, valor-console): a connection that,
         * before each use, reopens the store when it has changed hands since (a sync started, so
         * reads go through it; or ended, so the file can be read directly again) or was rewritten.
         * A read-only view of the file would otherwise show the store as it was when it opened.
         */
        public synchronized Connection refreshingConnection() {
            if (refreshing == null) refreshing = RefreshingConnection.over(this);
            return refreshing;
        }

        /** The current connection, reopened first if the store changed under it (readers only; see {@link #refreshingConnection}). */
        public synchronized Connection current() {
            if (reader && stale()) {
                closeQuietly(connection);
                Session fresh = open(requested, false);
                take(fresh.location, fresh.connection, fresh.readOnlyFile);
            }
            return connection;
        }

        private boolean stale() {
            if (location.isPostgres()) return false; // the server shows every reader the latest commits (MVCC)
            FileState now = FileState.of(location);
            return readOnlyFile ? now.locked() || !now.equals(opened) : !now.locked();
        }

        /** What tells a store file changed hands or was written: its lock file, identity, size and time. */
        private record FileState(boolean locked, Object key, long size, long modified) {
            static FileState of(DatabaseLocation location) {
                if (location.file() == null) return new FileState(false, null, 0, 0);
                try {
                    BasicFileAttributes file = Files.readAttributes(location.file(), BasicFileAttributes.class);
                    return new FileState(location.inUse(), file.fileKey(), file.size(), file.lastModifiedTime().toMillis());
                } catch (IOException gone) {
                    return new FileState(location.inUse(), null, -1, -1);
                }
            }
        }

        /**
         * How many writers (SA sessions of other processes: a valor-sync, a --write command) reach
         * the file through this process; 0 when another process serves it. Readers are not
         * counted: H2 reconnects them by itself when the file changes hands.
         */
        public int writersServedHere() {
            if (location.isPostgres() || readOnlyFile || servedByAnotherProcess(connection)) return 0;
            // Other sessions are visible to an admin only. While this process has the file open this
            // is a local connection; once it has let go (H2's console closes the connection it was
            // given), it finds the file served elsewhere or opens and closes it again, idle.
            try (Connection admin = Database.connect(location);
                 Statement statement = admin.createStatement()) {
                if (servedByAnotherProcess(admin)) return 0;
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE SERVER IS NOT NULL AND USER_NAME <> '" + READER + "'")) {
                    rows.next();
                    return rows.getInt(1);
                }
            } catch (SQLException | RuntimeException e) {
                return 0; // the file is gone or unreadable: nobody is left to wait for
            }
        }

        /** Whether this connection reaches the file over TCP, through another process's auto-server. */
        private static boolean servedByAnotherProcess(Connection connection) {
            try (Statement statement = connection.createStatement();
                 ResultSet own = statement.executeQuery("SELECT SERVER FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()")) {
                return own.next() && own.getString(1) != null;
            } catch (SQLException e) {
                return false; // closed: ask a new connection
            }
        }

        /** Closes, first waiting (with a note on {@code notes}) while a writer reaches the file through this process. */
        public void close(PrintStream notes, String command) {
            boolean told = false;
            while (writersServedHere() > 0) {
                if (!told && notes != null) {
                    notes.println(command + ": a valor-sync (or another writer) is using " + location.display()
                            + " through this process; waiting for it to finish before exiting, so it is not cut off");
                    notes.flush();
                    told = true;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            close();
        }

        @Override
        public void close() {
            closeQuietly(connection);
        }
    }

    /** Opens the store, trying again while the file changes hands between processes. */
    public static Session open(DatabaseLocation location, boolean write) {
        return Database.retryWhileChangingHands(location, () -> openOnce(location, write));
    }

    private static Session openOnce(DatabaseLocation location, boolean write) {
        if (location.isPostgres()) return openOnPostgres(location, write);
        DatabaseLocation existing = location.ifExists();
        if (!write && location.file() != null && !location.inUse()) {
            Session readOnly = openReadOnly(location, existing);
            if (readOnly != null) return readOnly;
        }
        Connection admin = null;
        try {
            admin = Database.connect(existing);
            requireSyncedStore(admin, location);
            if (!StoreSchema.isCurrent(admin)) {
                Database.openForWriting(existing).close();
            }
            if (write) return new Session(location, existing, admin, false, false);
            Connection reader = connectReader(existing, admin);
            admin.close(); // a reader process holds no SA session, or others would take it for a writer
            return new Session(location, existing, reader, false, true);
        } catch (SQLException e) {
            closeQuietly(admin);
            throw Failure.failed("cannot read " + location.display() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(admin);
            throw e;
        }
    }

    /**
     * A team store: readers connect with every transaction read-only (the server refuses them any
     * change; the analysts' role should have only SELECT too, docs/team-store.md); --write
     * connects as the login's role as it is.
     */
    private static Session openOnPostgres(DatabaseLocation location, boolean write) {
        Connection connection = PostgresStore.connect(location, !write);
        try {
            PostgresStore.requireSyncedStore(connection, location);
            return new Session(location, location, connection, false, !write);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw Failure.failed("cannot read " + location.display() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Opens the file read-only, as the reader: nothing is written to the store or beside it. Null
     * when a writer must come first: a schema to bring up to date, an older store's passwords, or
     * a reader password the reader changed (all set right on the auto-server path, once).
     */
    private static Session openReadOnly(DatabaseLocation requested, DatabaseLocation location) {
        ReadOnlyFiles.register();
        DatabaseLocation readOnly = location.readOnly();
        Connection admin = null;
        try {
            admin = DriverManager.getConnection(readOnly.jdbcUrl(), "sa", location.key().adminPassword());
            requireSyncedStore(admin, location);
            if (!StoreSchema.isCurrent(admin)) {
                admin.close();
                return null;
            }
            Connection reader = readerConnection(readOnly);
            admin.close();
            return new Session(requested, readOnly, reader, true, true);
        } catch (SQLException e) {
            closeQuietly(admin);
            if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) return null;
            throw Database.explain(e, location);
        } catch (RuntimeException e) {
            closeQuietly(admin);
            throw e;
        }
    }

    /** The reader's URL leaves out the settings only an admin may send (H2 runs each as SET on connecting). */
    static String readerUrl(String url) {
        return url.replaceAll("(?i);\\s*(WRITE_DELAY|MODE|CACHE_SIZE|DB_CLOSE_DELAY|TRACE_LEVEL_FILE)=[^;]*", "");
    }

    /**
     * Connects as the reader. If its password was changed (H2 lets any user SET PASSWORD, the
     * reader included), the admin sets the key's again and the reader connects with it.
     */
    private static Connection connectReader(DatabaseLocation location, Connection admin) throws SQLException {
        try {
            try {
                return readerConnection(location);
            } catch (SQLException e) {
                if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) throw e;
                Database.setReaderPassword(admin, location.key());
                return readerConnection(location);
            }
        } catch (SQLException e) {
            throw Database.explain(e, location);
        }
    }

    private static Connection readerConnection(DatabaseLocation location) throws SQLException {
        Connection reader = DriverManager.getConnection(readerUrl(location.jdbcUrl()), READER, location.key().readerPassword());
        try (Statement statement = reader.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        }
        return reader;
    }

    private static void requireSyncedStore(Connection admin, DatabaseLocation location) throws SQLException {
        try (Statement statement = admin.createStatement();
             ResultSet tables = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'SYNC_RUNS'")) {
            tables.next();
            boolean synced = tables.getLong(1) > 0;
            if (synced) {
                try (ResultSet runs = statement.executeQuery("SELECT COUNT(*) FROM sync_runs")) {
                    runs.next();
                    synced = runs.getLong(1) > 0;
                }
            }
            if (!synced) {
                throw Failure.usage("the database " + location.display()
                        + " is empty: nothing has been synced into it; run valor-sync first (or valor-sync --demo)");
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is all that is left to do; the first error is the one to report
        }
    }
}
