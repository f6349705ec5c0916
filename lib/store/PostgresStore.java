//DEPS org.postgresql:postgresql:42.7.14
package valor.store;

import java.io.File;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jdbi.v3.core.Handle;
import valor.base.Failure;

/**
 * A team store on a PostgreSQL server: connecting as the PostgreSQL login says, readers in
 * read-only transactions (the server refuses them every change, whatever the SQL), the advisory
 * locks that keep one sync (and one schema upgrade) at a time, and one line for each way a
 * connection fails. Passwords go to the driver only; no message here can contain one.
 */
public final class PostgresStore {
    /** pg_advisory_lock keys, per database: "VALOR" and 1 (the sync), 2 (schema upgrades). */
    static final long SYNC_LOCK = 0x56414C4F52_01L;
    static final long SCHEMA_LOCK = 0x56414C4F52_02L;

    /**
     * The driver reads a password file by itself (PGPASSFILE, which may even be a URL, else ~/.pgpass)
     * whenever it is given no password, with no check of who else can read or write it: a file
     * {@link PostgresLogin} passed over would log in all the same. Its own lookup is pointed at an
     * empty file, so PostgresLogin, which reads it the libpq way, is the only reader.
     */
    static {
        System.setProperty("org.postgresql.pgpassfile", File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    private PostgresStore() {}

    /** A connection as the login's role; {@code readOnly} makes every transaction on it read-only. */
    public static Connection connect(DatabaseLocation location, boolean readOnly) {
        Properties properties = new Properties();
        PostgresLogin login = location.login();
        if (login.user() != null) properties.setProperty("user", login.user());
        if (login.password() != null) properties.setProperty("password", login.password());
        properties.setProperty("ApplicationName", readOnly ? "valor reader" : "valor");
        // Parameters (-p) are bound as text; "unspecified" lets the server type them from where they are used, as H2 does.
        properties.setProperty("stringtype", "unspecified");
        // A page's rows go as one multi-row INSERT instead of one statement each: most of a first sync's time otherwise.
        properties.setProperty("reWriteBatchedInserts", "true");
        if (!location.jdbcUrl().contains("connectTimeout=")) properties.setProperty("connectTimeout", "10");
        if (readOnly) properties.setProperty("options", "-c default_transaction_read_only=on");
        // The driver's default (prefer) goes on in clear when a server declines TLS, and trusts any
        // certificate: to another machine, only a verified server gets the password, unless the URL says otherwise.
        if (!location.postgres().loopback() && !location.postgres().setsSslMode()) properties.setProperty("sslmode", "verify-full");
        try {
            Connection connection = DriverManager.getConnection(location.jdbcUrl(), properties);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TIME ZONE 'UTC'"); // every timestamp we store is UTC
            }
            if (readOnly) connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            throw explain(e, location);
        }
    }

    /** Holds the schema lock until the transaction ends: migrations and views are applied by one process at a time. */
    static void lockSchema(Handle tx) {
        tx.createQuery("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ") IS NULL").mapTo(Boolean.class).one(); // the function returns void
    }

    /** Takes the sync lock on this connection (held until it closes, kill -9 included); false if another session holds it. */
    public static boolean tryLockSync(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet locked = statement.executeQuery("SELECT pg_try_advisory_lock(" + SYNC_LOCK + ")")) {
            locked.next();
            return locked.getBoolean(1);
        }
    }

    /** Refuses a database nothing has been synced into, or whose schema this toolkit must first upgrade (a writer's job). */
    static void requireSyncedStore(Connection connection, DatabaseLocation location) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("SELECT to_regclass('sync_runs') IS NOT NULL")) {
            tables.next();
            if (!tables.getBoolean(1)) {
                throw Failure.usage("the database " + location.display() + " has no Valor store; run valor-sync --db "
                        + location.jdbcUrl() + " first (as the role that writes it)");
            }
        }
        if (!StoreSchema.isCurrent(connection)) {
            throw Failure.usage("the store in " + location.display() + " was made by an older valor toolkit; run valor-sync"
                    + " (as the role that writes it) to bring it up to date");
        }
    }

    /** Maps the driver's connection errors to the one line a user needs, by SQLSTATE. */
    static RuntimeException explain(SQLException e, DatabaseLocation location) {
        String where = location.display();
        String user = location.login().user();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String notes = location.login().notes().isEmpty() ? "" : " (" + String.join("; ", location.login().notes()) + ")";
        if (state.equals("28P01")) {
            return Failure.auth("PostgreSQL at " + where + " refused the password of role " + user
                    + "; check PGPASSWORD, ~/.pgpass or --db-password-file" + notes);
        }
        if (state.equals("08004") && e.getMessage() != null && e.getMessage().contains("no password was provided")) {
            return Failure.auth("PostgreSQL at " + where + " asks a password for role " + user
                    + " and none was given: set PGPASSWORD, add a line to ~/.pgpass, or use --db-password-file" + notes);
        }
        if (state.equals("28000")) {
            return Failure.auth("PostgreSQL at " + where + " does not let role " + user + " in: " + H2Errors.firstLine(e));
        }
        if (state.equals("42501")) { // no CONNECT on the database
            return Failure.auth("PostgreSQL at " + where + " does not let role " + user + " connect to the database "
                    + location.postgres().database() + " (" + H2Errors.firstLine(e) + "); its admin can GRANT CONNECT (docs/team-store.md)");
        }
        if (state.equals("3D000")) {
            return Failure.usage("there is no database " + location.postgres().database() + " on " + location.postgres().host() + ":"
                    + location.postgres().port() + "; create it first (docs/team-store.md)");
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("does not support SSL")) {
            return Failure.failed("PostgreSQL at " + where + " does not offer TLS, and a password goes to another machine only over TLS"
                    + " with the server's certificate verified; turn TLS on at the server, or add sslmode=disable to --db if the network"
                    + " is trusted (the password then travels in clear)", e);
        }
        if (message.contains("SSL root certificate") || message.contains("PKIX") || message.contains("could not be verified")) {
            return Failure.failed("cannot verify the certificate of PostgreSQL at " + where + " (" + H2Errors.firstLine(e) + "); put the"
                    + " certificate of the authority that signed it in ~/.postgresql/root.crt or name it with sslrootcert=FILE in --db"
                    + " (sslmode=require encrypts without checking who answers)", e);
        }
        if (unreachable(e)) {
            return Failure.failed("cannot reach PostgreSQL at " + location.postgres().host() + ":" + location.postgres().port()
                    + " (" + H2Errors.firstLine(e) + "); is the server running, and the host and port right?", e);
        }
        return Failure.failed("cannot open " + where + ": " + H2Errors.firstLine(e), e);
    }

    /** Why a role could not create or upgrade the store's schema: one line, naming the role and what to do. */
    static Failure cannotSetUp(SQLException e, DatabaseLocation location) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String role = location.login().user();
        if (state.equals("25006")) {
            return Failure.failed("PostgreSQL role " + role + " may only read " + location.display()
                    + " (its transactions are read-only); run valor-sync as the role that writes the store (docs/team-store.md)");
        }
        if (state.equals("42501")) {
            return Failure.failed("PostgreSQL role " + role + " may not create the store's tables in " + location.display() + " ("
                    + H2Errors.firstLine(e).replaceFirst("^ERROR: ", "") + "); run valor-sync as the database's owner (docs/team-store.md)");
        }
        return Failure.failed("cannot set up " + location.display() + ": " + H2Errors.firstLine(e), e);
    }

    private static boolean unreachable(SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) return true;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) return true;
        }
        return false;
    }
}
