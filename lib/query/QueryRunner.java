package valor.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import valor.base.Failure;
import valor.output.ResultColumns;
import valor.output.ResultWriter;
import valor.store.Engine;

/**
 * Runs SQL text, statement by statement, with its named parameters bound, streaming each
 * result into a {@link ResultWriter}. A failed statement stops the run with {@link SqlErrors}' line;
 * parameters are checked first ({@link QueryParameters}, {@link AthleteMatch}).
 */
public final class QueryRunner {
    /** What became of one statement: a result of {@code rows} rows, or {@code rows} rows changed. */
    public record Outcome(boolean result, long rows, long millis) {
        /** "(3 rows, 12 ms)", or "(1 row changed, 4 ms)" for a change. */
        public String footer() {
            String what = (rows == 1 ? "row" : "rows") + (result ? "" : " changed");
            return "(" + rows + " " + what + ", " + millis + " ms)";
        }
    }

    private QueryRunner() {}

    /**
     * @param header the text's declared parameters and defaults (see {@link SavedQuery})
     * @param given  values from -p
     * @param writers makes the writer for each result
     * @param done   called after each statement, e.g. to print the (N rows, M ms) footer
     */
    public static void run(Connection connection, SavedQuery header, Map<String, String> given,
                           Supplier<ResultWriter> writers, Consumer<Outcome> done) {
        String text = header.sql();
        List<SqlStatements.Statement> statements = SqlStatements.parse(text);
        if (statements.isEmpty()) throw Failure.usage("there is no SQL statement to run, only comments or nothing");
        Map<String, String> values = QueryParameters.resolve(header, statements, given);
        if (header.param(AthleteMatch.PARAMETER) != null) AthleteMatch.requireSomeone(connection, values.get(AthleteMatch.PARAMETER));
        for (SqlStatements.Statement statement : statements) {
            try {
                done.accept(execute(connection, statement, values, writers));
            } catch (SQLException e) {
                Failure failure = SqlErrors.explain(e, statement, text, values, given.keySet(), connection);
                if (statements.size() == 1) throw failure;
                throw failure.reworded("statement " + (statements.indexOf(statement) + 1) + " of " + statements.size()
                        + ": " + failure.getMessage());
            }
        }
    }

    private static Outcome execute(Connection connection, SqlStatements.Statement statement, Map<String, String> values,
                                   Supplier<ResultWriter> writers) throws SQLException {
        long started = System.nanoTime();
        if (Engine.of(connection) == Engine.POSTGRES) return PostgresCursor.execute(connection, () -> executeStreaming(connection, statement, values, writers, started));
        streamResults(connection, true);
        try {
            return executeStreaming(connection, statement, values, writers, started);
        } finally {
            streamResults(connection, false);
        }
    }

    private static Outcome executeStreaming(Connection connection, SqlStatements.Statement statement, Map<String, String> values,
                                            Supplier<ResultWriter> writers, long started) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement.jdbcSql())) {
            prepared.setFetchSize(PostgresCursor.FETCH_ROWS); // PostgreSQL's cursor; H2 streams lazily instead
            List<String> names = statement.parameters();
            for (int i = 0; i < names.size(); i++) {
                String value = values.get(names.get(i));
                if (value == null) prepared.setNull(i + 1, Types.VARCHAR);
                else prepared.setString(i + 1, value);
            }
            if (!prepared.execute()) {
                return new Outcome(false, prepared.getLargeUpdateCount(), elapsed(started));
            }
            try (ResultSet rows = prepared.getResultSet()) {
                ResultColumns columns = ResultColumns.of(rows.getMetaData());
                ResultWriter writer = writers.get();
                writer.metadata(rows.getMetaData());
                writer.begin(columns);
                long count = writer.rows(rows, columns);
                writer.end();
                return new Outcome(true, count, elapsed(started));
            }
        }
    }

    /**
     * H2 otherwise builds a query's whole result before handing over its first row, and a reader
     * (the file open read-only) keeps it in memory: a million session rows with their JSON do not
     * fit the 1 GB heap. Lazily, rows stream from the table to the output. Only for the statement
     * this class runs and reads to the end; others on the connection (valor-shell's) keep H2's default.
     */
    private static void streamResults(Connection connection, boolean lazy) {
        try {
            Engine.of(connection).lazyResults(connection, lazy);
        } catch (SQLException e) {
            // a closed connection: the statement itself will say so
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
