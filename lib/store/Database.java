//DEPS com.h2database:h2:2.3.232
//DEPS org.jdbi:jdbi3-core:3.55.0
//DEPS org.slf4j:slf4j-nop:2.0.17
package valor.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.h2.api.ErrorCode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import valor.base.Failure;

/**
 * Opens the store for writing: the H2 file (loopback-only auto-server, clear errors for the usual
 * ways it fails) or a PostgreSQL team store ({@link PostgresStore}), schema up to date. (slf4j-nop: Jdbi logs through SLF4J, which otherwise warns on stderr at every run.)
 */
public final class Database {
    static {
        // AUTO_SERVER lets valor-sql read while valor-sync writes, but H2 binds that port on every
        // interface unless told otherwise. This must be set before H2's SysProperties is loaded.
        System.setProperty("h2.bindAddress", "127.0.0.1");
        // Jdbi logs through SLF4J, and with no SLF4J backend on the class path SLF4J warns about that
        // on stderr in every command; nothing the toolkit logs goes through it.
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    private Database() {}

    /** Opens a writable connection and brings the schema up to date. The caller closes the handle. */
    public static Handle openForWriting(DatabaseLocation location) {
        return retryWhileChangingHands(location, () -> openForWritingOnce(location));
    }

    private static Handle openForWritingOnce(DatabaseLocation location) {
        Handle handle = Jdbi.create(() -> connect(location)).open();
        try {
            Migrations.apply(handle);
            Views.apply(handle);
            if (location.isPostgres()) return handle; // roles and their rights are the server's (docs/team-store.md)
            setReaderPassword(handle.getConnection(), location.key()); // 003 created the reader with a public one
            StorePermissions.restrictCreated(location);
            return handle;
        } catch (SQLException e) {
            handle.close();
            throw Failure.failed("cannot set up " + location.display() + ": " + H2Errors.firstLine(e), e);
        } catch (StatementException e) {
            handle.close();
            if (location.isPostgres() && e.getCause() instanceof SQLException refused) throw PostgresStore.cannotSetUp(refused, location);
            throw e;
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /** How often {@link #retryWhileChangingHands} tries. */
    private static final int HAND_OVER_ATTEMPTS = 10;

    /**
     * Runs {@code open} again while the file changes hands between processes: the one serving it
     * (with AUTO_SERVER, whichever opened it first) may close it just as this one connects, and
     * H2 then answers "database is already closed" or breaks the connection; a moment later the
     * file is free or served by another process.
     */
    static <T> T retryWhileChangingHands(DatabaseLocation location, Supplier<T> open) {
        for (int attempt = 1; ; attempt++) {
            try {
                return open.get();
            } catch (RuntimeException e) {
                if (attempt == HAND_OVER_ATTEMPTS || !changingHands(e)) throw e;
            }
            try {
                Thread.sleep(100L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Failure.failed("interrupted while opening " + location.display(), e);
            }
        }
    }

    /** Whether a failure is H2 saying the file is changing hands: closed by the process serving it, or the link to it broken. */
    public static boolean changingHands(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getErrorCode() == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
                    || sql.getErrorCode() == ErrorCode.CONNECTION_BROKEN_1)) {
                return true;
            }
        }
        return false;
    }

    /** An admin (SA) connection; on PostgreSQL, one as the login's role. The caller closes it. */
    public static Connection connect(DatabaseLocation location) throws SQLException {
        if (location.isPostgres()) return PostgresStore.connect(location, false);
        try {
            Connection connection = connectAsAdmin(location);
            try (var statement = connection.createStatement()) {
                statement.execute("SET TIME ZONE 'UTC'"); // every timestamp we store is UTC
            }
            return connection;
        } catch (SQLException e) {
            throw explain(e, location);
        }
    }

    private static Connection connectAsAdmin(DatabaseLocation location) throws SQLException {
        try {
            return DriverManager.getConnection(location.jdbcUrl(), "sa", location.key().adminPassword());
        } catch (SQLException refused) {
            if (refused.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) throw refused;
            return upgradeFromEmptyPassword(location, refused);
        }
    }

    /**
     * Stores made before the store key existed have an SA with an empty password, which anyone who
     * reached the file or its auto-server could use: they get the key's passwords on their next open.
     */
    private static Connection upgradeFromEmptyPassword(DatabaseLocation location, SQLException refused) throws SQLException {
        Connection connection;
        try {
            connection = DriverManager.getConnection(location.jdbcUrl(), "sa", "");
        } catch (SQLException notEmptyEither) {
            throw refused;
        }
        try (PreparedStatement statement = connection.prepareStatement("ALTER USER SA SET PASSWORD ?")) {
            statement.setString(1, location.key().adminPassword());
            statement.execute();
            setReaderPassword(connection, location.key());
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Gives the read-only user its password from the key; also how a password the reader changed
     * itself is undone (H2 lets every user run SET PASSWORD). A store without the user yet is left alone.
     */
    static void setReaderPassword(Connection admin, StoreKey key) throws SQLException {
        try (Statement statement = admin.createStatement();
             ResultSet user = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = '"
                     + AnalystConnections.READER + "'")) {
            user.next();
            if (user.getInt(1) == 0) return;
        }
        try (PreparedStatement statement = admin.prepareStatement("ALTER USER " + AnalystConnections.READER + " SET PASSWORD ?")) {
            statement.setString(1, key.readerPassword());
            statement.execute();
        }
    }

    /** Maps H2's opening errors to the one line a user needs; other errors pass through. */
    static RuntimeException explain(SQLException e, DatabaseLocation location) {
        String where = location.display();
        switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1:
                return Failure.failed("database " + where + " is locked by another program that opened it without"
                        + " AUTO_SERVER (an H2 console or tool?); close that program and try again");
            case ErrorCode.FILE_CORRUPTED_1:
            case ErrorCode.FILE_VERSION_ERROR_1:
                return Failure.usage(where + " is not an H2 database this toolkit can open (" + H2Errors.firstLine(e) + ")");
            case ErrorCode.WRONG_USER_OR_PASSWORD:
                return Failure.usage(location.key().lockedOut(where));
            case ErrorCode.DATABASE_NOT_FOUND_1:
            case ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1:
                return Failure.usage("no database at " + where + "; run valor-sync first (or valor-sync --demo)");
            case ErrorCode.CONNECTION_BROKEN_1:
                return Failure.failed("cannot reach the process that has " + where + " open (" + H2Errors.firstLine(e) + ")", e);
            default:
                return Failure.failed("cannot open database " + where + ": " + H2Errors.firstLine(e), e);
        }
    }
}
