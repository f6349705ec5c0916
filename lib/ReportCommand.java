//SOURCES base/package-info.java
//SOURCES cli/package-info.java
//SOURCES report/package-info.java
//SOURCES store/package-info.java
package valor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import valor.base.Failure;
import valor.base.Io;
import valor.base.TerminalText;
import valor.cli.Command;
import valor.report.Athlete;
import valor.report.AthleteLookup;
import valor.report.AthleteReport;
import valor.report.IndexPage;
import valor.report.PageNames;
import valor.report.ReportFiles;
import valor.report.ReportPage;
import valor.store.AnalystConnections;
import valor.store.Database;
import valor.store.DatabaseLocation;
import valor.store.StoreOptions;

/** valor-report: one self-contained HTML page per athlete, the page a coach opens; --all adds an index. The store is read-only. */
public final class ReportCommand extends Command {
    public ReportCommand() {
        super("valor-report");
    }

    public static void main(String[] args) {
        System.exit(new ReportCommand().run(args, Io.system()));
    }

    @Override
    protected String summary() {
        return "An athlete's report as one self-contained HTML page (opens offline): sessions and minutes per week, exercise mix,"
                + " range of motion per joint (an exercise's latest session against its own earlier ones), left/right asymmetry as a"
                + " small chart per metric with a ±10% band, each report metric's trend by side with a rolling mean, the largest"
                + " asymmetries and the latest sessions. --all writes a page per athlete and an index, by name."
                + " Read-only; works while valor-sync is running.";
    }

    @Override
    protected String operands() {
        return " (--athlete NAME_OR_ID [--out FILE.html] | --all --out FOLDER)";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(Option.builder().longOpt("athlete").hasArg().argName("NAME_OR_ID")
                .desc("the athlete: an id or full name, in any case").get());
        options.addOption(Option.builder().longOpt("all").desc("a page for every athlete, and index.html linking them, into --out FOLDER").get());
        options.addOption(Option.builder().longOpt("since").hasArg().argName("YYYY-MM-DD")
                .desc("count only sessions from this day on (UTC; default: all time)").get());
        options.addOption(Option.builder("o").longOpt("out").hasArg().argName("FILE.html|FOLDER")
                .desc("the page to write (default: report-<athlete>.html in the current folder); with --all, the folder").get());
        StoreOptions.addForReading(options);
    }

    @Override
    protected String epilogue() {
        return """
                Each page embeds ECharts and its data, so it opens offline: hover for values, scroll to zoom, click a
                legend entry to hide a line. Files are written beside their target under a temporary name, renamed
                when complete, and readable by you only; a folder --all makes is too. --all rewrites the pages of
                the athletes the store lists and index.html, and leaves other files in the folder alone. Pages are
                named after the athletes (letters, digits and hyphens, at most 80 bytes); athletes whose names come
                out the same get a short code from their id as well. A page that cannot be written does not stop
                the others: --all names it at the end, marks it in index.html and exits 1.

                Exit codes: 0 done; 1 the store could not be read or a page not written; 2 usage error (an unknown
                athlete, a bad date, an --out that cannot be written, --athlete with --all).

                Examples:
                  valor-report --demo --athlete "yara patel"
                  valor-report --athlete "Yara Patel" --since 2026-01-01 --out yara.html
                  valor-report --demo --all --out reports && xdg-open reports/index.html
                """;
    }

    @Override
    protected int execute(CommandLine line, Io io) throws Exception {
        if (!line.getArgList().isEmpty()) {
            throw Failure.usage("unexpected argument '" + line.getArgList().get(0) + "'; name the athlete with --athlete NAME_OR_ID");
        }
        boolean all = line.hasOption("all");
        String wanted = line.getOptionValue("athlete");
        if (all && wanted != null) throw Failure.usage("give either --athlete NAME_OR_ID or --all, not both");
        if (!all && wanted == null) throw Failure.usage("name the athlete with --athlete NAME_OR_ID, or use --all --out FOLDER for everyone");
        if (all && !line.hasOption("out")) throw Failure.usage("--all needs --out FOLDER: it writes a page per athlete and index.html there");
        LocalDate since = since(line.getOptionValue("since"));
        DatabaseLocation location = StoreOptions.existing(line, io);
        return all ? everyone(location, Path.of(line.getOptionValue("out")), since, line, io)
                : one(location, wanted, line.getOptionValue("out"), since, line, io);
    }

    private int one(DatabaseLocation location, String wanted, String out, LocalDate since, CommandLine line, Io io) throws Exception {
        Path target = out == null ? null : Path.of(out);
        if (target != null && !target.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.html?")) {
            throw Failure.usage("--out " + target + ": name a .html file");
        }
        Path temporary = target == null ? null : ReportFiles.temporaryBeside(target, "--out " + target);
        try {
            Report report = read(location, io, session -> {
                Athlete athlete = AthleteLookup.find(session.connection(), wanted);
                return new Report(athlete, AthleteReport.collect(session.connection(), athlete, since));
            });
            if (target == null) {
                // Named after the athlete, known only now: the folder is checked once the name is.
                target = Path.of(PageNames.single(report.athlete()));
                temporary = ReportFiles.temporaryBeside(target, target.toString());
            }
            ReportFiles.finish(temporary, target, ReportPage.html(report.data(), null));
            if (!line.hasOption("quiet")) io.out().println(target);
            if (line.hasOption("verbose")) {
                io.err().println("wrote the report of " + TerminalText.escape(report.athlete().shown()) + " ("
                        + report.data().path("totals").path("sessions").asLong() + " sessions)");
            }
            return Failure.OK;
        } finally {
            if (temporary != null) ReportFiles.discard(temporary);
        }
    }

    private int everyone(DatabaseLocation location, Path folder, LocalDate since, CommandLine line, Io io) throws Exception {
        boolean made = ReportFiles.prepareFolder(folder);
        boolean done = false;
        try {
            // Each page is written as soon as its athlete is read, so only the index's totals stay in memory however many
            // athletes there are; a read that starts over (a finishing valor-sync took the file) rewrites the same pages.
            // A page that cannot be written is noted and the others go on: one athlete never stops everyone's report.
            List<IndexPage.Entry> entries = read(location, io, session -> {
                List<IndexPage.Entry> written = new ArrayList<>();
                List<Athlete> athletes = AthleteLookup.everyone(session.connection(), Locale.getDefault());
                Map<String, String> files = PageNames.forAll(athletes);
                for (Athlete athlete : athletes) {
                    ObjectNode data = AthleteReport.collect(session.connection(), athlete, since);
                    String file = files.get(athlete.id());
                    String notWritten = null;
                    try {
                        ReportFiles.write(folder.resolve(file), ReportPage.html(data, IndexPage.FILE));
                    } catch (Failure cannotWrite) {
                        notWritten = cannotWrite.getMessage();
                    }
                    written.add(new IndexPage.Entry(file, IndexPage.summary(data), notWritten));
                }
                return written;
            });
            List<IndexPage.Entry> failed = entries.stream().filter(e -> e.notWritten() != null).toList();
            try {
                ReportFiles.write(folder.resolve(IndexPage.FILE), IndexPage.html(entries, since == null ? "all sessions" : "sessions since " + since));
            } finally {
                for (IndexPage.Entry entry : failed) {
                    io.err().println(name() + ": no page for " + TerminalText.escape(entry.data().path("athlete").path("name").asText())
                            + " (" + TerminalText.escape(entry.data().path("athlete").path("id").asText()) + "): " + TerminalText.escape(entry.notWritten()));
                }
            }
            done = true;
            if (!line.hasOption("quiet")) io.out().println(folder.resolve(IndexPage.FILE));
            if (!failed.isEmpty()) {
                io.err().println(name() + ": " + failed.size() + " of " + entries.size() + " pages could not be written (listed above);"
                        + " the others and " + IndexPage.FILE + " were");
                return Failure.FAILED;
            }
            if (line.hasOption("verbose")) io.err().println("wrote " + entries.size() + " athlete pages and " + IndexPage.FILE + " into " + folder);
            return Failure.OK;
        } finally {
            if (made && !done) ReportFiles.discardFolder(folder); // only if nothing is in it: complete pages stay
        }
    }

    /** An athlete and their page's data. */
    private record Report(Athlete athlete, ObjectNode data) {}

    /** What to read from the open store. */
    private interface Reading<T> {
        T from(AnalystConnections.Session session) throws Exception;
    }

    /** Reads as valor-chart does: read-only, and again if a valor-sync that is finishing takes the file away mid-read. */
    private <T> T read(DatabaseLocation location, Io io, Reading<T> reading) throws Exception {
        for (int attempt = 1; ; attempt++) {
            AnalystConnections.Session session = AnalystConnections.open(location, false);
            try {
                return reading.from(session);
            } catch (Failure failure) {
                if (attempt == 3 || !Database.changingHands(failure)) throw failure;
            } finally {
                session.close(io.err(), name());
            }
        }
    }

    private static LocalDate since(String value) {
        if (value == null) return null;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw Failure.usage("--since " + value + ": not a date; write it as YYYY-MM-DD");
        }
    }
}
