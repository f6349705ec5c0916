package valor;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens the store for the analyst's commands (valor-sql, valor-shell, valor-console): as the
 * read-only VALOR_READER user unless the user asked to write, never creating a database, and
 * refusing a store nothing has been synced into yet.
 *
 * <p>An SA connection always comes first: it opens the file with the toolkit's settings (H2's
 * compatibility mode belongs to the database and only an admin may change it) and brings an
 * older store's schema up to date. It stays open beside the reader's for {@link Session#close}.
 * Plain JDBC on purpose: this is the path a one-liner pays for on every run.
 */
public final class AnalystConnections {
    static final String READER = "VALOR_READER";
    private static final String READER_PASSWORD = "valor-reader"; // not a secret; see 003_read_only_user.sql

    private AnalystConnections() {}

    /**
     * The store, open for one command. With AUTO_SERVER the first process to open the file serves
     * it to the others, so a valor-sync that starts while this command runs may be writing through
     * this very process; {@link #close} therefore waits for such a writer before letting go.
     */
    public static final class Session implements AutoCloseable {
        private final Connection admin;
        private final Connection connection;
        private final String display;

        private Session(Connection admin, Connection connection, String display) {
            this.admin = admin;
            this.connection = connection;
            this.display = display;
        }

        /** The connection to run the user's SQL on: the reader's, or SA's with --write. */
        public Connection connection() {
            return connection;
        }

        /** Writers (another process's SA sessions: a valor-sync, a --write command) reaching the file through this process. */
        public int writersServedHere() {
            try (Statement statement = admin.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT (SELECT SERVER FROM INFORMATION_SCHEMA.SESSIONS"
                         + " WHERE SESSION_ID = SESSION_ID()) IS NULL, COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                         + " WHERE SERVER IS NOT NULL AND USER_NAME <> '" + READER + "'")) {
                rows.next();
                return rows.getBoolean(1) ? rows.getInt(2) : 0; // only when this process has the file open itself
            } catch (SQLException e) {
                return 0; // the database is already closed or unreachable: nobody left to wait for
            }
        }

        /** Closes, first waiting (with a note on {@code notes}) while a writer reaches the file through this process. */
        public void close(PrintStream notes, String command) {
            boolean told = false;
            while (writersServedHere() > 0) {
                if (!told && notes != null) {
                    notes.println(command + ": a valor-sync (or another writer) is using " + display
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
            if (admin != connection) closeQuietly(admin);
        }
    }

    public static Session open(DatabaseLocation location, boolean write) {
        DatabaseLocation existing = new DatabaseLocation(location.jdbcUrl() + ";IFEXISTS=TRUE", location.file());
        Connection admin = null;
        try {
            admin = Database.connect(existing);
            requireSyncedStore(admin, location);
            if (!StoreSchema.isCurrent(admin)) {
                Database.openForWriting(existing).close();
            }
            return new Session(admin, write ? admin : connectReader(existing), location.display());
        } catch (SQLException e) {
            closeQuietly(admin);
            throw Failure.failed("cannot read " + location.display() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(admin);
            throw e;
        }
    }

    /** The reader's URL leaves out the settings only an admin may send (H2 runs each as SET on connecting). */
    static String readerUrl(String url) {
        return url.replaceAll("(?i);\\s*(WRITE_DELAY|MODE)=[^;]*", "");
    }

    private static Connection connectReader(DatabaseLocation location) throws SQLException {
        try {
            Connection reader = DriverManager.getConnection(readerUrl(location.jdbcUrl()), READER, READER_PASSWORD);
            try (Statement statement = reader.createStatement()) {
                statement.execute("SET TIME ZONE 'UTC'");
            }
            return reader;
        } catch (SQLException e) {
            throw Database.explain(e, location);
        }
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
