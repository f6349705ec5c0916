package valor.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import valor.base.ClasspathResources;

/**
 * The database engine a store lives in, and the little SQL that differs between them. Everything
 * else is written once: the SQL both engines accept the same way.
 *
 * <p>A SQL file that cannot be portable has an engine's own version beside it, in a folder named
 * after the engine (sql/migrations/postgres/002_session_data.sql replaces
 * sql/migrations/002_session_data.sql on PostgreSQL), so both engines apply the same numbered
 * migrations and views.
 */
public enum Engine {
    H2(null),
    POSTGRES("postgres");

    private final String folder;

    Engine(String folder) {
        this.folder = folder;
    }

    public static Engine of(Handle handle) {
        return of(handle.getConnection());
    }

    public static Engine of(Connection connection) {
        // Asked per statement on hot paths: the driver's class answers without a metadata call (a
        // round trip on some H2 connections); wrappers (valor-shell's) fall back to the metadata.
        String driver = connection.getClass().getName();
        if (driver.startsWith("org.h2.")) return H2;
        if (driver.startsWith("org.postgresql.")) return POSTGRES;
        try {
            return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL") ? POSTGRES : H2;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the store's database engine: " + e.getMessage(), e);
        }
    }

    /**
     * The SQL file {@code folder/file} as this engine runs it: its own version when it has one;
     * otherwise the shared file, on PostgreSQL with the names of H2's two types it lacks, which mean
     * the same there under another name.
     */
    public String sql(String folder, String file) {
        if (this.folder != null && ClasspathResources.list(folder + "/" + this.folder).contains(file)) {
            return ClasspathResources.read(folder + "/" + this.folder + "/" + file);
        }
        String shared = ClasspathResources.read(folder + "/" + file);
        if (this == H2) return shared;
        return shared.replaceAll("\\bDECFLOAT\\b", "NUMERIC").replaceAll("\\bCHARACTER LARGE OBJECT\\b", "TEXT");
    }

    /**
     * Runs a SQL file's statements. PostgreSQL's driver takes the whole file at once and splits it
     * itself, dollar-quoted function bodies included; Jdbi's script splitter serves H2.
     */
    public void runScript(Handle handle, String sql) {
        if (this == H2) {
            handle.createScript(sql).execute();
            return;
        }
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /**
     * Has H2 hand over a query's rows as it reads them ({@code lazy}) or, back to its default, build
     * the whole result first (past 10,000 rows in a temporary file). Nothing on PostgreSQL, whose
     * driver streams through a cursor instead (a fetch size, inside a transaction).
     */
    public void lazyResults(Connection connection, boolean lazy) throws SQLException {
        if (this != H2) return;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LAZY_QUERY_EXECUTION " + lazy);
        }
    }

    /** An insert that replaces the row with the same key: one statement on either engine, ? for each column in order. */
    public String upsert(String table, List<String> columns, List<String> key) {
        String values = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        if (this == H2) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", key) + ") VALUES (" + values + ")";
        }
        List<String> rest = columns.stream().filter(c -> !key.contains(c)).toList();
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + values + ") ON CONFLICT (" + String.join(", ", key) + ")"
                + (rest.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + rest.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")));
    }
}
