//SOURCES base/package-info.java
//SOURCES cli/package-info.java
//SOURCES export/package-info.java
//SOURCES store/package-info.java
package valor;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import valor.base.Failure;
import valor.base.Io;
import valor.base.TerminalText;
import valor.cli.Command;
import valor.export.ExportFilter;
import valor.export.ExportFormat;
import valor.export.ExportProgress;
import valor.export.StoreExport;
import valor.store.AnalystConnections;
import valor.store.DatabaseLocation;
import valor.store.H2Errors;
import valor.store.StoreOptions;

/** valor-export: the store's tables and views, and the decoded IK samples, as Parquet, CSV or a DuckDB database. */
public final class ExportCommand extends Command {
    public ExportCommand() {
        super("valor-export");
    }

    public static void main(String[] args) {
        System.exit(new ExportCommand().run(args, Io.system()));
    }

    @Override
    protected String summary() {
        return "Export your Valor store for notebooks and other tools: one Parquet or CSV file per table into a folder,"
                + " or one DuckDB database file. Every run rewrites the whole output (there is no incremental export);"
                + " it is written next to --out and moved into place when complete. Read-only; works while valor-sync is running.";
    }

    @Override
    protected String operands() {
        return " --format FORMAT --out PATH [--athlete NAME|ID ...] [--since DAY] [--until DAY] [--joint NAME ...] [TABLE_OR_VIEW ...]";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(Option.builder().longOpt("format").hasArg().argName("FORMAT")
                .desc("parquet or csv (a folder with <table>.parquet or <table>.csv per table) or duckdb (one database file)").get());
        options.addOption(Option.builder("o").longOpt("out").hasArg().argName("PATH")
                .desc("the folder (parquet, csv) or file (duckdb) to write; replaced whole on every run").get());
        options.addOption(Option.builder().longOpt("athlete").hasArg().argName("NAME|ID")
                .desc("only this athlete's rows: an id, or a first and last name in any case (repeatable)").get());
        options.addOption(Option.builder().longOpt("since").hasArg().argName("DAY")
                .desc("only sessions (and assessments) from this day on, YYYY-MM-DD, UTC").get());
        options.addOption(Option.builder().longOpt("until").hasArg().argName("DAY")
                .desc("only sessions (and assessments) up to this day, YYYY-MM-DD, UTC, the day included").get());
        options.addOption(Option.builder().longOpt("joint").hasArg().argName("NAME")
                .desc("only this joint's IK samples and summaries, named as the API sends it, e.g. left_knee_flexion (repeatable)").get());
        StoreOptions.addForReading(options);
    }

    @Override
    protected String epilogue() {
        return """
                Tables: by default athletes, sessions, exercises, assessments, session_details, athlete_summary,
                assessment_details, report_metrics, report_metric_details, ik_joint_summary and sync_runs, plus
                ik_samples when the store has IK series (valor-sync --with ik): the decoded joint angles in long form,
                one row per session, joint and sample (athlete_id, athlete_name, session_id, recorded_at, exercise_id,
                exercise_name, joint, sample, time_s, angle, velocity; deleted sessions left out), the rows of
                valor-sql's joint-angles query. Name tables or views to export only those. Columns keep their types;
                timestamps are UTC (TIMESTAMPTZ in DuckDB, UTC-adjusted timestamps in Parquet, +00 in CSV).

                Filters, by the columns a table has: --athlete keeps rows with those athlete_ids; --since and --until
                keep rows whose recorded_at (assessed_at for assessments) falls in those days; a table with session_id
                but not those columns (report_metrics, ik_joint_summary) keeps the rows of those athletes' sessions in
                those days; --joint keeps those joints (ik_samples, ik_joint_summary). Tables without such columns are
                exported whole (exercises, sync_runs), and athlete_summary keeps its totals over all time.
                A progress bar shows on stderr when it is a terminal (not with --quiet).

                An export replaces only what valor-export wrote: it lists its files in FOLDER/.valor-export.json,
                and refuses a folder that holds any other file (your own notes.csv stays where it is), or an
                existing --out file that is not a DuckDB database.

                Exit codes: 0 done; 1 the store could not be read or the output not written; 2 usage error
                (unknown format or table, an --out that cannot be written or holds files it did not write).

                Examples:
                  valor-export --demo --format parquet --out valor-parquet
                  valor-export --format duckdb --out valor.duckdb
                  valor-export --format csv --out csv sessions athlete_summary
                  valor-export --demo --format parquet --out knee --athlete "Noah Cohen" --joint left_knee_flexion ik_samples
                  valor-export --format parquet --out last-month --since 2025-05-01 --until 2025-05-31
                  duckdb -c "select count(*) from 'valor-parquet/sessions.parquet'"
                """;
    }

    @Override
    protected int execute(CommandLine line, Io io) throws Exception {
        ExportFormat format = ExportFormat.parse(line.getOptionValue("format"));
        if (!line.hasOption("out")) throw Failure.usage("--out is required: the folder (parquet, csv) or file (duckdb) to write");
        Path out = Path.of(line.getOptionValue("out"));
        StoreExport.checkOut(out, format);
        DatabaseLocation location = StoreOptions.existing(line, io);
        long started = System.nanoTime();
        AnalystConnections.Session session = AnalystConnections.open(location, false);
        StoreExport.Result result;
        try {
            List<String> tables = StoreExport.tables(session.connection(), line.getArgList());
            ExportFilter filter = ExportFilter.of(session.connection(), values(line, "athlete"), day(line, "since"), day(line, "until"),
                    values(line, "joint"));
            result = StoreExport.write(session.connection(), tables, format, out, filter, ExportProgress.forTerminal(io, line.hasOption("quiet")));
        } catch (SQLException e) {
            throw Failure.failed("database error: " + H2Errors.firstLine(e), e);
        } catch (java.io.IOException e) {
            throw Failure.failed("--out " + out + ": could not write the export (" + e.getMessage() + ")", e);
        } finally {
            session.close(io.err(), name());
        }
        if (!line.hasOption("quiet")) {
            result.warnings().forEach(warning -> io.err().println(name() + ": warning: " + TerminalText.escape(warning)));
            io.out().printf("exported %d tables (%,d rows) as %s to %s in %.1f s%n", result.tables().size(), result.rows(), format,
                    result.out(), (System.nanoTime() - started) / 1e9);
            if (line.hasOption("verbose")) for (StoreExport.Table table : result.tables()) io.out().printf("  %s: %,d rows%n", TerminalText.escape(table.name()), table.rows());
        }
        return Failure.OK;
    }

    private static List<String> values(CommandLine line, String option) {
        String[] values = line.getOptionValues(option);
        return values == null ? List.of() : List.of(values);
    }

    private static LocalDate day(CommandLine line, String option) {
        String value = line.getOptionValue(option);
        if (value == null) return null;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw Failure.usage("--" + option + " '" + value + "' is not a day; give it as YYYY-MM-DD, e.g. 2025-03-01");
        }
    }
}
