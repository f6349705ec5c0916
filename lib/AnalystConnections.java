package valor;

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
 * compatibility mode belongs to the database and only an admin may change it), brings an older
 * store's schema up to date, and is then swapped for the reader's. Plain JDBC on purpose: this
 * is the path a one-liner pays for on every run.
 */
public final class AnalystConnections {
    static final String READER = "VALOR_READER";
    private static final String READER_PASSWORD = "valor-reader"; // not a secret; see 003_read_only_user.sql

    private AnalystConnections() {}

    public static Connection open(DatabaseLocation location, boolean write) {
        DatabaseLocation existing = new DatabaseLocation(location.jdbcUrl() + ";IFEXISTS=TRUE", location.file());
        Connection admin = null;
        try {
            admin = Database.connect(existing);
            requireSyncedStore(admin, location);
            if (!StoreSchema.isCurrent(admin)) {
                Database.openForWriting(existing).close();
            }
            if (write) return admin;
            Connection reader = connectReader(existing);
            admin.close();
            return reader;
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
            // already failing; the first error is the one to report
        }
    }
}
