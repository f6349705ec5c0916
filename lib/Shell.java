//SOURCES base/package-info.java
//SOURCES output/package-info.java
//SOURCES query/package-info.java
//SOURCES shell/package-info.java
//SOURCES store/package-info.java
package valor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import valor.base.Failure;
import valor.base.Io;
import valor.output.ResultColumns;
import valor.output.ResultWriter;
import valor.query.QueryLibrary;
import valor.query.QueryRunner;
import valor.query.SavedQuery;
import valor.query.StoreTables;
import valor.shell.RecordValues;
import valor.store.AnalystConnections;
import valor.store.DatabaseLocation;
import valor.store.H2Errors;
import valor.store.PostgresLogin;
import valor.store.StoreKey;

/**
 * The helpers valor-shell puts in scope ({@code import static valor.Shell.*}), for JShell and
 * .jsh scripts. Every helper takes SQL or a saved query's name, and optional parameters as
 * name/value pairs: {@code show("sessions-per-week", "athlete", "Noah Cohen", "weeks", 4)}.
 * Values are bound, never pasted into the SQL.
 */
public final class Shell {
    private static AnalystConnections.Session session;
    private static boolean writable;

    private Shell() {}

    /** Opens the store valor-shell names for the session; a second call is a no-op. */
    public static synchronized void open(DatabaseLocation location, boolean write) {
        if (session != null) return;
        session = AnalystConnections.open(location, write);
        writable = write;
    }

    /** {@link #open(DatabaseLocation, boolean)} from plain values, for the snippet that starts JShell (see ShellCommand). */
    public static void open(String jdbcUrl, String file, String keyFile, boolean openAllowed, boolean write) {
        open(new DatabaseLocation(jdbcUrl, file == null ? null : Path.of(file), StoreKey.at(Path.of(keyFile)), openAllowed, null, null), write);
    }

    /**
     * Opens a team store (PostgreSQL) for the snippet that starts JShell: the login is found here,
     * from --db-user and --db-password-file as given to valor-shell, else PGUSER, PGPASSWORD and
     * ~/.pgpass (PostgresLogin), so no password is ever in a snippet, a command line or a file.
     */
    public static void openTeamStore(String jdbcUrl, String dbUser, String passwordFile, boolean write) {
        Io io = new Io(System.in, System.out, System.err, System.getenv(), false, false);
        open(DatabaseLocation.resolve(jdbcUrl, false, DatabaseLocation.Use.MUST_EXIST, false, new PostgresLogin.Flags(dbUser, passwordFile), io),
                write);
    }

    /** Closes the store, first waiting for a valor-sync that reaches it through this process; valor-shell calls this on exit. */
    public static synchronized void close() {
        if (session == null) return;
        session.close(System.err, "valor-shell");
        session = null;
    }

    /** Prints a query's result as a table, with a (N rows, M ms) footer. */
    public static void show(String sqlOrName, Object... params) {
        PrintStream out = System.out;
        run(sqlOrName, params, () -> ResultWriter.Format.TABLE.writer(out), outcome -> out.println(outcome.footer()));
    }

    /** Prints a query's result with one field per line, for wide rows. */
    public static void showVertical(String sqlOrName, Object... params) {
        PrintStream out = System.out;
        run(sqlOrName, params, () -> ResultWriter.Format.VERTICAL.writer(out), outcome -> out.println(outcome.footer()));
    }

    /** A query's rows as maps from column name to value (Long, Double, BigDecimal, String, Boolean, Instant, LocalDate ...), in column order. */
    public static List<Map<String, Object>> rows(String sqlOrName, Object... params) {
        List<Map<String, Object>> rows = new ArrayList<>();
        run(sqlOrName, params, () -> new MapCollector(rows), outcome -> {});
        return rows;
    }

    /**
     * A query's rows as records of {@code type}, matching columns to components by name
     * ({@code athlete_name} fills {@code athleteName}), e.g.
     * {@code record Week(String isoWeek, long sessions) {}  rows(Week.class, "sessions-per-week")}.
     */
    public static <T extends Record> List<T> rows(Class<T> type, String sqlOrName, Object... params) {
        List<T> records = new ArrayList<>();
        for (Map<String, Object> row : rows(sqlOrName, params)) records.add(toRecord(type, row));
        return records;
    }

    /** The first column of the first row, or null when there are no rows: {@code value("select count(*) from sessions")}. */
    public static Object value(String sqlOrName, Object... params) {
        List<Map<String, Object>> rows = rows(sqlOrName, params);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    /** Writes a query's result to a CSV file (RFC 4180) and returns the number of rows written. */
    public static long csv(String file, String sqlOrName, Object... params) {
        Path path = Path.of(file);
        long[] count = {0};
        try (PrintStream out = new PrintStream(Files.newOutputStream(path), false, java.nio.charset.StandardCharsets.UTF_8)) {
            run(sqlOrName, params, () -> ResultWriter.Format.CSV.writer(out), outcome -> count[0] += outcome.rows());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        System.out.println("wrote " + count[0] + " rows to " + path.toAbsolutePath());
        return count[0];
    }

    /** Prints the store's tables and views with their row counts and columns. */
    public static void tables() {
        try {
            StoreTables.print(connection(), ResultWriter.Format.TABLE.writer(System.out), ResultWriter.Format.TABLE);
        } catch (SQLException e) {
            throw Failure.failed(H2Errors.firstLine(e), e);
        }
    }

    /** Prints the saved queries (yours, from $VALOR_QUERIES or ~/.config/valor/queries, and the built-in ones) with their parameters. */
    public static void queries() {
        savedQueries().print(ResultWriter.Format.TABLE.writer(System.out));
    }

    /**
     * The open JDBC connection, for anything the helpers do not cover. Read-only unless valor-shell
     * --write; a read-only one follows the store across syncs (see Session.refreshingConnection).
     */
    public static Connection connection() {
        if (session == null) throw Failure.usage("no store is open; start valor-shell with --db PATH or --demo");
        return session.refreshingConnection();
    }

    public static boolean writable() {
        return writable;
    }

    /** What the helpers are, for the interactive prompt. */
    public static void help() {
        System.out.println("""
                Helpers (SQL or a saved query's name, then optional name/value parameter pairs):
                  show("select * from athlete_summary")                  print a table
                  show("sessions-per-week", "athlete", "Noah Cohen")     a saved query with a parameter
                  showVertical(sql)                                      one field per line
                  rows(sql)                                              List<Map<String, Object>>
                  rows(MyRecord.class, sql)                              List<MyRecord>, columns matched by name
                  value("select count(*) from sessions")                 the first value
                  csv("out.csv", sql)                                    export to CSV
                  tables()   queries()   connection()   help()""");
    }

    private static void run(String sqlOrName, Object[] params, java.util.function.Supplier<ResultWriter> writers,
                            java.util.function.Consumer<QueryRunner.Outcome> done) {
        QueryLibrary library = savedQueries();
        SavedQuery query = library.byNameOrSql(sqlOrName, name -> {
            List<String> close = library.closestTo(name);
            return Failure.usage("no saved query named '" + name + "'" + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?")
                    + "; queries() lists them");
        });
        QueryRunner.run(connection(), query, pairs(params), writers, done);
    }

    /** Looked up on every call, from this process's environment, so a query saved during the session is found. */
    private static QueryLibrary savedQueries() {
        return QueryLibrary.of(new Io(System.in, System.out, System.err, System.getenv(), false, false));
    }

    private static Map<String, String> pairs(Object[] params) {
        if (params.length % 2 != 0) throw Failure.usage("parameters come in name, value pairs; got " + params.length + " values");
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            values.put(String.valueOf(params[i]).replaceFirst("^:", "").toLowerCase(Locale.ROOT),
                    params[i + 1] == null ? null : String.valueOf(params[i + 1]));
        }
        return values;
    }

    private static <T extends Record> T toRecord(Class<T> type, Map<String, Object> row) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Object> byKey = new LinkedHashMap<>();
        row.forEach((name, value) -> byKey.put(key(name), value));
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            String key = key(components[i].getName());
            if (!byKey.containsKey(key)) {
                throw Failure.usage(type.getSimpleName() + "." + components[i].getName() + " matches no column; the columns are "
                        + String.join(", ", row.keySet()));
            }
            args[i] = RecordValues.convert(byKey.get(key), types[i], components[i].getName());
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName() + ": " + e, e);
        }
    }

    /** athlete_name, athleteName and ATHLETE_NAME are the same key. */
    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Collects rows as ordered maps, with unique keys. */
    private static final class MapCollector implements ResultWriter {
        private final List<Map<String, Object>> rows;
        private List<String> names;

        MapCollector(List<Map<String, Object>> rows) {
            this.rows = rows;
        }

        @Override
        public void begin(ResultColumns columns) {
            names = columns.uniqueNames();
        }

        @Override
        public void row(Object[] values) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) row.put(names.get(i), values[i]);
            rows.add(row);
        }

        @Override
        public void end() {}
    }
}
