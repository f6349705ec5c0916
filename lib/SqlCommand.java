//SOURCES base/package-info.java
//SOURCES cli/package-info.java
//SOURCES launcher/package-info.java
//SOURCES output/package-info.java
//SOURCES query/package-info.java
//SOURCES store/package-info.java
package valor;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import valor.base.Failure;
import valor.base.Io;
import valor.cli.Command;
import valor.launcher.LauncherInstall;
import valor.output.ResultWriter;
import valor.query.QueryLibrary;
import valor.query.QueryParameters;
import valor.query.QueryRunner;
import valor.query.SavedQuery;
import valor.query.StoreTables;
import valor.query.TableDescription;
import valor.store.AnalystConnections;
import valor.store.Database;
import valor.store.DatabaseLocation;
import valor.store.H2Errors;
import valor.store.StoreCompaction;
import valor.store.StoreOptions;

/** valor-sql: ad hoc SQL, SQL files and saved queries against the store, read-only unless --write. */
public final class SqlCommand extends Command {
    private static final List<String> FORMAT_FLAGS = List.of("table", "vertical", "csv", "tsv", "json", "jsonl", "markdown");

    public SqlCommand() {
        super("valor-sql");
    }

    public static void main(String[] args) {
        System.exit(new SqlCommand().run(args, Io.system()));
    }

    @Override
    protected String summary() {
        return "Run SQL against your Valor store: a statement, a file, standard input (-) or a saved query by name."
                + " Read-only unless --write; works while valor-sync is running.";
    }

    @Override
    protected String operands() {
        return " [SQL | SAVED-QUERY | -]";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(Option.builder("f").longOpt("file").hasArg().argName("FILE").desc("run the SQL in FILE (its header may declare parameters)").get());
        options.addOption(Option.builder("p").longOpt("param").hasArg().argName("NAME=VALUE")
                .desc("bind :NAME to VALUE (repeatable); bound, never pasted into the SQL").get());
        options.addOption(Option.builder().longOpt("format").hasArg().argName("FORMAT")
                .desc("table, vertical, csv, tsv, json, jsonl or markdown (default: table on a terminal, csv otherwise)").get());
        options.addOption(Option.builder().longOpt("table").desc("same as --format table").get());
        options.addOption(Option.builder("x").longOpt("vertical").desc("same as --format vertical: one field per line, for wide rows").get());
        options.addOption(Option.builder().longOpt("csv").desc("same as --format csv").get());
        options.addOption(Option.builder().longOpt("tsv").desc("same as --format tsv").get());
        options.addOption(Option.builder().longOpt("json").desc("same as --format json").get());
        options.addOption(Option.builder().longOpt("jsonl").desc("same as --format jsonl").get());
        options.addOption(Option.builder().longOpt("markdown").desc("same as --format markdown").get());
        options.addOption(Option.builder().longOpt("list")
                .desc("list the saved queries (yours and the built-in ones) with their parameters, descriptions and where each comes from").get());
        options.addOption(Option.builder().longOpt("show").hasArg().argName("NAME").desc("print a saved query's SQL, to copy or adapt").get());
        options.addOption(Option.builder().longOpt("tables").desc("list the store's tables and views with row counts and columns").get());
        options.addOption(Option.builder().longOpt("describe").hasArg().argName("NAME")
                .desc("list a table's or view's columns with their types and what each means").get());
        StoreOptions.addForReading(options);
        options.addOption(Option.builder().longOpt("write").desc("allow statements that change the store (INSERT, UPDATE, DDL ...)").get());
        options.addOption(Option.builder().longOpt("compact")
                .desc("rewrite the store file without its dead space (valor-sync does this itself when the file is mostly dead space)").get());
        options.addOption(Option.builder().longOpt("install").hasArg().argName("DIR")
                .desc("write fast launchers (valor-sql and the other commands) into DIR that skip JBang on every run").get());
    }

    @Override
    protected String epilogue() {
        return """
                Output: the same columns in the same order in every format; NULL is empty in csv/tsv and null elsewhere;
                timestamps are ISO-8601 UTC. The footer (N rows, M ms) goes to stderr, so stdout pipes cleanly.

                Saved queries of your own: NAME.sql files (header as in the toolkit's sql/README.md) in the folders of
                $VALOR_QUERIES (separated by :), else in ~/.config/valor/queries; searched first, so one named like a
                built-in query replaces it. --list says where each comes from.

                Exit codes: 0 done; 1 the statement failed (SQL error, refused change, database trouble); 2 usage error.

                Examples:
                  valor-sql --demo "select athlete_id, count(*) from sessions group by 1 order by 2 desc"
                  valor-sql --list                                      saved queries
                  valor-sql sessions-per-week -p athlete=5f1c0e2a-...   a saved query with a parameter
                  valor-sql --format csv -f weekly.sql > weekly.csv
                  echo "select count(*) from sessions" | valor-sql -
                  valor-sql --tables                                    tables, views and columns
                  valor-sql --describe athlete_summary                  a view's columns and what each means
                  valor-sql -x "select * from athlete_summary limit 3"  wide rows, one field per line
                """;
    }

    @Override
    protected int execute(CommandLine line, Io io) throws Exception {
        if (line.hasOption("install")) {
            LauncherInstall.install(Path.of(line.getOptionValue("install")), io);
            return Failure.OK;
        }
        ResultWriter.Format format = format(line, io);
        if (line.hasOption("list")) {
            requireNoInput(line, "--list");
            QueryLibrary.of(io).print(format.writer(io.out()));
            return Failure.OK;
        }
        if (line.hasOption("compact")) {
            requireNoInput(line, "--compact");
            DatabaseLocation store = StoreOptions.existing(line, io);
            StoreCompaction.Result done = StoreCompaction.now(store);
            io.out().printf("compacted %s from %.1f MB to %.1f MB in %.1f s%n", store.display(),
                    done.bytesBefore() / 1e6, done.bytesAfter() / 1e6, done.millis() / 1e3);
            return Failure.OK;
        }
        if (line.hasOption("show")) {
            requireNoInput(line, "--show");
            String name = line.getOptionValue("show");
            io.out().print(QueryLibrary.of(io).find(name).orElseThrow(() -> QueryLibrary.of(io).unknown(name)).sql());
            return Failure.OK;
        }
        String describe = line.getOptionValue("describe");
        if (describe != null && line.hasOption("tables")) throw Failure.usage("--tables and --describe contradict each other; pick one");
        SavedQuery query = line.hasOption("tables") || describe != null ? null
                : QueryLibrary.of(io).given(line.getOptionValue("file"), line.getArgList(), io);
        if (line.hasOption("tables")) requireNoInput(line, "--tables");
        if (describe != null) requireNoInput(line, "--describe");
        Map<String, String> params = QueryParameters.parseFlags(line.getOptionValues("param"));
        if (query == null && !params.isEmpty()) throw Failure.usage("-p is for queries; " + (describe != null ? "--describe" : "--tables") + " takes none");
        DatabaseLocation location = StoreOptions.existing(line, io);
        boolean write = line.hasOption("write");
        for (int attempt = 1; ; attempt++) {
            boolean[] printed = {false};
            try {
                return runOnce(location, write, query, describe, params, format, line.hasOption("quiet"), io, printed);
            } catch (Failure failure) {
                // The process serving the file (a valor-sync that is finishing) went away mid-read: a read
                // that has printed nothing yet is safe to start again, and the next attempt finds the file free.
                if (write || printed[0] || attempt == 3 || !Database.changingHands(failure)) throw failure;
            }
        }
    }

    /** Opens the store, runs the query (or --describe, or --tables, when it is null) and closes the store; sets printed[0] once output starts. */
    private int runOnce(DatabaseLocation location, boolean write, SavedQuery query, String describe, Map<String, String> params,
                        ResultWriter.Format format, boolean quiet, Io io, boolean[] printed) {
        boolean footer = !quiet && (format.forPeople() || io.errIsTerminal());
        Supplier<ResultWriter> writers = () -> {
            printed[0] = true;
            return format.writer(io.out());
        };
        AnalystConnections.Session session = AnalystConnections.open(location, write);
        try {
            Connection connection = session.connection();
            if (query == null) {
                long started = System.nanoTime();
                long tables = describe != null ? TableDescription.print(connection, describe, writers.get(), format, io.out())
                        : StoreTables.print(connection, writers.get(), format);
                if (footer) io.err().println(new QueryRunner.Outcome(true, tables, (System.nanoTime() - started) / 1_000_000).footer());
                return Failure.OK;
            }
            QueryRunner.run(connection, query, params, writers, outcome -> {
                // A result's footer is for people; a change's count is said unless --quiet.
                if (outcome.result() ? footer : !quiet) io.err().println(outcome.footer());
            });
            return Failure.OK;
        } catch (SQLException e) {
            throw Failure.failed("database error: " + H2Errors.firstLine(e), e);
        } finally {
            session.close(io.err(), name());
        }
    }

    private static void requireNoInput(CommandLine line, String flag) {
        if (!line.getArgList().isEmpty() || line.hasOption("file")) throw Failure.usage(flag + " takes no SQL");
    }

    private static ResultWriter.Format format(CommandLine line, Io io) {
        List<String> chosen = new ArrayList<>();
        for (String flag : FORMAT_FLAGS) if (line.hasOption(flag)) chosen.add("--" + flag);
        if (line.hasOption("format")) chosen.add("--format");
        if (chosen.size() > 1) throw Failure.usage(String.join(" and ", chosen) + " contradict each other; pick one format");
        if (line.hasOption("format")) return ResultWriter.Format.parse(line.getOptionValue("format"), "--format");
        for (String flag : FORMAT_FLAGS) if (line.hasOption(flag)) return ResultWriter.Format.parse(flag, "--" + flag);
        return io.outIsTerminal() ? ResultWriter.Format.TABLE : ResultWriter.Format.CSV;
    }

}
