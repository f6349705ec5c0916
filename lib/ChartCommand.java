//SOURCES base/package-info.java
//SOURCES chart/package-info.java
//SOURCES cli/package-info.java
//SOURCES query/package-info.java
//SOURCES store/package-info.java
package valor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import valor.base.Failure;
import valor.base.Io;
import valor.chart.Chart;
import valor.chart.ChartData;
import valor.chart.ChartFiles;
import valor.chart.ChartType;
import valor.chart.ColumnTitles;
import valor.chart.HtmlChart;
import valor.chart.Layout;
import valor.chart.PngChart;
import valor.chart.TextChart;
import valor.cli.Command;
import valor.query.ColumnMeanings;
import valor.query.QueryLibrary;
import valor.query.QueryParameters;
import valor.query.QueryRunner;
import valor.query.SavedQuery;
import valor.store.AnalystConnections;
import valor.store.Database;
import valor.store.DatabaseLocation;
import valor.store.StoreOptions;

/** valor-chart: a query's result as a PNG, an interactive HTML page or a text chart in the terminal; the store is read-only. */
public final class ChartCommand extends Command {
    public ChartCommand() {
        super("valor-chart");
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new ChartCommand().run(args, Io.system()));
    }

    @Override
    protected String summary() {
        return "Chart a query's result: a PNG, a self-contained interactive HTML page, or a text chart in the terminal."
                + " The first column is x, numeric columns are series. Read-only; works while valor-sync is running.";
    }

    @Override
    protected String operands() {
        return " [SQL | SAVED-QUERY | -]";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(Option.builder("f").longOpt("file").hasArg().argName("FILE").desc("chart the SQL in FILE (its header may declare parameters)").get());
        options.addOption(Option.builder("p").longOpt("param").hasArg().argName("NAME=VALUE")
                .desc("bind :NAME to VALUE (repeatable); bound, never pasted into the SQL").get());
        options.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE.png|FILE.html")
                .desc("write the chart to FILE; .png or .html picks the format (default: a text chart on standard output)").get());
        options.addOption(Option.builder().longOpt("type").hasArg().argName("TYPE").desc("line, bar or scatter (default: line)").get());
        options.addOption(Option.builder().longOpt("series").hasArg().argName("COLUMN")
                .desc("one series per value of COLUMN; y is then the first other numeric column (or --y)").get());
        options.addOption(Option.builder().longOpt("y").hasArg().argName("COLUMN").desc("plot only this numeric column").get());
        options.addOption(Option.builder().longOpt("title").hasArg().argName("TEXT").desc("the chart's title (default: none)").get());
        options.addOption(Option.builder().longOpt("x-title").hasArg().argName("TEXT")
                .desc("the x axis' title (default: what the column means, from its comment or the saved query, else its name)").get());
        options.addOption(Option.builder().longOpt("y-title").hasArg().argName("TEXT").desc("the y axis' title (default: as for x)").get());
        options.addOption(Option.builder().longOpt("layout").hasArg().argName("LAYOUT")
                .desc("auto, overlay, multiples or heatmap (default auto: one chart up to " + Layout.MOST_OVERLAID
                        + " series; beyond, a heatmap of series x buckets, or small multiples for a numeric x)").get());
        options.addOption(Option.builder().longOpt("top").hasArg().argName("N")
                .desc("keep the N series with the largest totals and sum the rest into one 'others' series").get());
        options.addOption(Option.builder().longOpt("missing").hasArg().argName("zero|gap|join")
                .desc("a date, week or month x with no row: 0 (default; counts and sums), a gap (means), or join the rows there are").get());
        options.addOption(Option.builder().longOpt("no-clip")
                .desc("draw the whole range even when one outlier would flatten the rest (by default the scale stops above the"
                        + " 95th percentile, and the chart says so and marks the values above)").get());
        options.addOption(Option.builder().longOpt("width").hasArg().argName("PIXELS").desc("PNG width (default 1000); the text chart's width in characters (default 60)").get());
        options.addOption(Option.builder().longOpt("height").hasArg().argName("PIXELS")
                .desc("PNG height (default 600, taller for a heatmap's rows or many small multiples)").get());
        StoreOptions.addForReading(options);
    }

    @Override
    protected String epilogue() {
        return """
                The query is given as for valor-sql: a statement, a saved query's name, -f FILE or - for standard input.
                An x of dates, ISO weeks (2026-W05) or months is read as time buckets: a bucket without a row is drawn
                as 0 (--missing), never bridged by a line. Past 8 series the chart becomes a heatmap (a row per series,
                a cell per bucket, by name) or small multiples on one scale; --top N keeps the largest instead.
                Colours are colour-blind safe. HTML pages embed ECharts and the data, so they open offline: hover for
                values, scroll or drag to zoom, click a legend entry to hide its series.
                The file is written beside the target under a temporary name and renamed when complete.

                Exit codes: 0 done; 1 the query failed or the file could not be written; 2 usage error.

                Examples:
                  valor-chart --demo "select cast(recorded_at as date) d, count(*) n from sessions group by 1 order by 1"
                  valor-chart --demo sessions-per-week -p weeks=26 --series athlete_name -o weekly.html
                  valor-chart --demo sessions-per-week -p weeks=12 -p empty_weeks=true --series athlete_name -o squad.html
                  valor-chart --demo sessions-per-week -p weeks=12 --series athlete_name --top 5 --x-title "Week" -o top5.png
                  valor-chart --demo --type bar "select exercise_name, count(*) from session_details group by 1" -o exercises.png
                """;
    }

    @Override
    protected int execute(CommandLine line, Io io) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ChartType type = line.hasOption("type") ? ChartType.parse(line.getOptionValue("type")) : ChartType.LINE;
        Path target = line.hasOption("output") ? Path.of(line.getOptionValue("output")) : null;
        ChartFiles.Format format = target == null ? null : ChartFiles.format(target);
        Integer width = intOption(line, "width", 10, 20_000);
        Integer height = intOption(line, "height", 10, 20_000);
        if (height != null && target == null) throw Failure.usage("--height is for -o FILE.png; the text chart is one line per series");
        SavedQuery query = QueryLibrary.of(io).given(line.getOptionValue("file"), line.getArgList(), io);
        Map<String, String> params = QueryParameters.parseFlags(line.getOptionValues("param"));
        Integer top = intOption(line, "top", 1, 1000);
        Chart.Request request = new Chart.Request(type, line.hasOption("layout") ? Layout.parse(line.getOptionValue("layout")) : null, top,
                line.hasOption("missing") ? ChartData.Missing.parse(line.getOptionValue("missing")) : ChartData.Missing.ZERO,
                !line.hasOption("no-clip"), line.getOptionValue("title", ""), line.getOptionValue("x-title"), line.getOptionValue("y-title"));
        DatabaseLocation location = StoreOptions.existing(line, io);
        Path temporary = target == null ? null : ChartFiles.temporaryBeside(target);
        try {
            Collected collected = collect(location, query, params, line.getOptionValue("series"), line.getOptionValue("y"), io);
            if (collected.data().pointCount() == 0) throw Failure.failed("the query returned no rows; there is nothing to chart");
            Chart chart = Chart.of(collected.data(), request, collected.titles(), Locale.getDefault());
            if (target == null) {
                TextChart.print(chart, width == null ? 60 : Math.min(width, 400), io.out());
            } else if (format == ChartFiles.Format.PNG) {
                int w = width == null ? 1000 : width;
                int h = height == null ? PngChart.defaultHeight(chart, w) : height;
                ChartFiles.finish(temporary, target, out -> PngChart.write(chart, w, h, out));
            } else {
                String page = HtmlChart.page(chart);
                ChartFiles.finish(temporary, target, out -> out.write(page.getBytes(StandardCharsets.UTF_8)));
            }
            if (target != null && !line.hasOption("quiet")) {
                io.err().println("wrote " + target + " (" + chart.data().series().size() + " series, " + chart.data().pointCount() + " points, "
                        + chart.layout().flagName() + ")");
            }
            return Failure.OK;
        } finally {
            if (temporary != null) ChartFiles.discard(temporary);
        }
    }

    /** The query's rows as series, and what its columns mean (for the axes' titles). */
    private record Collected(ChartData data, ColumnTitles titles) {}

    /** Runs the query read-only and keeps its rows and its columns' meanings; nothing is drawn until the store is closed again. */
    private Collected collect(DatabaseLocation location, SavedQuery query, Map<String, String> params, String series, String y, Io io) {
        for (int attempt = 1; ; attempt++) {
            ChartData.Collector rows = new ChartData.Collector();
            AnalystConnections.Session session = AnalystConnections.open(location, false);
            try {
                QueryRunner.run(session.connection(), query, params, () -> rows, outcome -> {});
                ChartData data = rows.series(series, y);
                return new Collected(data, new ColumnTitles(ColumnMeanings.of(session.connection(), query, rows.names(), rows.origins())));
            } catch (Failure failure) {
                // As in valor-sql: a valor-sync that is finishing may take the file away mid-read; the next attempt finds it free.
                if (attempt == 3 || !Database.changingHands(failure)) throw failure;
            } finally {
                session.close(io.err(), name());
            }
        }
    }
}
