package valor.query;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL's driver reads a query's whole result into memory unless the query runs inside a
 * transaction with a fetch size: then rows arrive {@link #FETCH_ROWS} at a time through a cursor.
 * A statement run with auto-commit on gets a transaction of its own here, committed when it
 * ends (or rolled back when it fails), just as auto-commit would have done.
 */
final class PostgresCursor {
    static final int FETCH_ROWS = 1000;

    interface Statement {
        QueryRunner.Outcome run() throws SQLException;
    }

    private PostgresCursor() {}

    static QueryRunner.Outcome execute(Connection connection, Statement statement) throws SQLException {
        if (!connection.getAutoCommit()) return statement.run(); // inside the user's own transaction already
        connection.setAutoCommit(false);
        boolean done = false;
        try {
            QueryRunner.Outcome outcome = statement.run();
            connection.commit();
            done = true;
            return outcome;
        } finally {
            if (!done) rollbackQuietly(connection);
            connection.setAutoCommit(true);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the statement's own error is the one to report
        }
    }
}
