//SOURCES api/package-info.java
//SOURCES auth/package-info.java
//SOURCES base/package-info.java
//SOURCES cli/package-info.java
//SOURCES fake/package-info.java
//SOURCES sessiondata/package-info.java
//SOURCES store/package-info.java
//SOURCES sync/package-info.java
package valor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import valor.api.ApiUrl;
import valor.api.Credentials;
import valor.api.Pager;
import valor.auth.ExplicitToken;
import valor.auth.SyncCredentials;
import valor.auth.TokenType;
import valor.base.Failure;
import valor.base.Invocation;
import valor.base.Io;
import valor.base.Json;
import valor.base.Log;
import valor.base.PromptExit;
import valor.base.ShellQuote;
import valor.cli.Command;
import valor.cli.Signals;
import valor.fake.DemoOrganisation;
import valor.sessiondata.SessionDataKind;
import valor.sessiondata.SessionDataOptions;
import valor.store.DatabaseLocation;
import valor.store.StoreCompaction;
import valor.store.StoreOptions;
import valor.sync.Partitioning;
import valor.sync.Progress;
import valor.sync.Sync;
import valor.sync.SyncOptions;
import valor.sync.SyncReport;

/** valor-sync: incremental, resumable sync of the Valor API into a local H2 file. */
public final class SyncCommand extends Command {
    /**
     * What --demo fetches besides the sessions when --with does not say: reports and joint angles
     * for each athlete's ten most recent sessions, enough for every panel of valor-report (trends,
     * asymmetry, range of motion, the latest sessions) in seconds rather than the minutes all 3,000
     * sessions take.
     */
    static final int DEMO_RECENT = 10;

    public SyncCommand() {
        super("valor-sync");
    }

    public static void main(String[] args) {
        PromptExit.exit(new SyncCommand().run(args, Io.system()));
    }

    @Override
    protected String summary() {
        return "Sync your organisation's Valor athletes, assessments, exercises and sessions into a local H2 database."
                + " Only what changed is written; an interrupted sync resumes where it stopped.";
    }

    @Override
    protected void addOptions(Options options) {
        StoreOptions.addDb(options);
        options.addOption(Option.builder().longOpt("base-url").hasArg().argName("URL")
                .desc("API root (env VALOR_API_URL; default the vendor's production URL)").get());
        options.addOption(Option.builder().longOpt("token").hasArg().argName("JWT")
                .desc("bearer token; '-' reads it from standard input. A token on the command line is visible to other users"
                        + " in ps, so prefer '--token -', --token-file or env VALOR_TOKEN. Without any, the sign-in of valor-login"
                        + " or VALOR_USERNAME/VALOR_PASSWORD/VALOR_CLIENT_ID").get());
        options.addOption(Option.builder().longOpt("token-file").hasArg().argName("FILE")
                .desc("read the bearer token from FILE (surrounding whitespace ignored; keep it chmod 600)").get());
        options.addOption(Option.builder().longOpt("token-type").hasArg().argName("id|access")
                .desc("which Cognito token of a sign-in to send (default id)").get());
        options.addOption(Option.builder().longOpt("athlete").hasArg().argName("ID")
                .desc("sync only this athlete (repeatable)").get());
        options.addOption(Option.builder().longOpt("page-size").hasArg().argName("N")
                .desc("records per API request, sent as 'limit' (default " + SyncOptions.DEFAULT_PAGE_SIZE + ")").get());
        options.addOption(Option.builder().longOpt("demo")
                .desc("sync a generated organisation from the built-in fake API into the demo database, with reports and joint angles"
                        + " for each athlete's " + DEMO_RECENT + " most recent sessions").get());
        options.addOption(Option.builder().longOpt("json").desc("print the run summary as one JSON object on stdout").get());
        options.addOption(Option.builder().longOpt("restart").desc("ignore saved checkpoints and page everything from the start").get());
        options.addOption(Option.builder().longOpt("retries").hasArg().argName("N")
                .desc("retries per request for 429, 5xx, resets and timeouts (default 5)").get());
        options.addOption(Option.builder().longOpt("timeout").hasArg().argName("SECONDS")
                .desc("give up on a request after this long (default 60)").get());
        options.addOption(Option.builder().longOpt("with").hasArg().argName("LIST")
                .desc("also fetch per-session data for sessions that lack it: reports (metrics from /reportData),"
                        + " ik (joint-angle series from /ikData), comma-separated").get());
        options.addOption(Option.builder().longOpt("recent").hasArg().argName("N")
                .desc("with --with: only each athlete's N most recent sessions (default: every session; with --demo, "
                        + DEMO_RECENT + ")").get());
        options.addOption(Option.builder().longOpt("concurrency").hasArg().argName("N")
                .desc("requests at once for --with (default " + SessionDataOptions.DEFAULT_CONCURRENCY + ")").get());
        options.addOption(Option.builder().longOpt("parallel").hasArg().argName("N")
                .desc("after the first sync, page sessions as one pass per athlete, N at a time, where that takes fewer round"
                        + " trips than one pass (default " + Partitioning.DEFAULT_PARALLEL + "; 1: always one pass over the organisation)").get());
        options.addOption(Option.builder().longOpt("full-pass-every").hasArg().argName("DAYS")
                .desc("page the whole organisation in one pass at least this often, to find sessions of athletes /athletes"
                        + " does not list (default " + Partitioning.DEFAULT_FULL_PASS_EVERY.toDays() + "; 0: every run)").get());
        options.addOption(Option.builder().longOpt("max-pages").hasArg().argName("N")
                .desc("stop a pass that pages beyond this, as a loop (default " + Pager.Limits.DEFAULT.maxPages() + ")").get());
    }

    @Override
    protected String epilogue() {
        return """
                Exit codes: 0 done; 1 failed (network, data, database); 2 usage error; 3 authentication refused or missing;
                130 stopped by Ctrl-C, 143 by TERM (recorded as interrupted; the next run resumes).

                Examples:
                  valor-sync --demo                          try it: built-in fake API into the demo database
                  valor-login && valor-sync                  sign in once, then sync your organisation into the default database
                  VALOR_TOKEN=eyJ... valor-sync              with a token you already have
                  valor-sync --token-file ~/.valor-token     or with it in a file only you can read
                  pass show valor-token | valor-sync --token -   or from standard input
                  valor-sync --athlete 5f1c... --athlete 9a02...   only these athletes
                  valor-sync --with reports,ik               and each session's report metrics and joint-angle series
                  valor-sync --with ik --recent 5            joint angles of each athlete's 5 most recent sessions only
                  valor-sync --db ~/club.mv.db --json --quiet      for cron: a JSON summary, nothing else
                """;
    }

    @Override
    protected int execute(CommandLine line, Io io) throws Exception {
        if (!line.getArgList().isEmpty()) throw Failure.usage("unexpected argument '" + line.getArgList().get(0) + "' (see --help)");
        boolean demo = line.hasOption("demo");
        boolean quiet = line.hasOption("quiet");
        Log log = new Log(io, line.hasOption("verbose"), quiet || line.hasOption("json"));
        Integer pageSize = intOption(line, "page-size", 1, 10_000);
        Integer retries = intOption(line, "retries", 0, 50);
        Integer timeout = intOption(line, "timeout", 1, 3600);
        Integer maxPages = intOption(line, "max-pages", 1, Integer.MAX_VALUE);
        Integer concurrency = intOption(line, "concurrency", 1, SessionDataOptions.MAX_CONCURRENCY);
        Integer parallel = intOption(line, "parallel", 1, Partitioning.MAX_PARALLEL);
        Integer fullPassEvery = intOption(line, "full-pass-every", 0, 3650);
        Integer recent = intOption(line, "recent", 1, Integer.MAX_VALUE);
        SessionDataOptions sessionData = sessionData(line, demo, recent, concurrency);
        List<String> athletes = line.hasOption("athlete") ? List.of(line.getOptionValues("athlete")) : List.of();
        if (demo && (line.hasOption("base-url") || line.hasOption("token") || line.hasOption("token-file"))) {
            throw Failure.usage("--demo uses the built-in fake API; drop --base-url, --token and --token-file");
        }
        if (line.hasOption("token") && line.hasOption("token-file")) {
            throw Failure.usage("--token and --token-file both give the token; pass only one");
        }
        TokenType tokenType = TokenType.parse(line.getOptionValue("token-type"), "--token-type");
        DatabaseLocation database = StoreOptions.forSync(line, io);

        List<String> tokenWarnings = new ArrayList<>();
        try (DemoOrganisation demoApi = demo ? DemoOrganisation.serve() : null) {
            ApiUrl api = demo ? ApiUrl.parse(demoApi.baseUrl(), "--demo") : apiUrl(line, io);
            Credentials credentials = demo ? Credentials.fixed(demoApi.token())
                    : SyncCredentials.resolve(ExplicitToken.resolve(line.getOptionValue("token"), line.getOptionValue("token-file"), io, tokenWarnings),
                            tokenType, io, log);
            SyncOptions options = SyncOptions.of(database, api, credentials).withAthletes(athletes)
                    .withRestart(line.hasOption("restart")).withSessionData(sessionData);
            if (pageSize != null) options = options.withPageSize(pageSize);
            if (retries != null || timeout != null) {
                options = options.withRetry(retries == null ? options.retry() : options.retry().withMaxAttempts(retries + 1),
                        timeout == null ? options.timeout() : Duration.ofSeconds(timeout));
            }
            options = options.withPartitioning(new Partitioning(parallel == null ? Partitioning.DEFAULT_PARALLEL : parallel,
                    fullPassEvery == null ? Partitioning.DEFAULT_FULL_PASS_EVERY : Duration.ofDays(fullPassEvery)));
            if (maxPages != null) options = options.withLimits(new Pager.Limits(maxPages, Pager.Limits.DEFAULT.maxEmptyPagesInARow()));

            long storeBytes = StoreCompaction.sizeBefore(database);
            Sync sync = new Sync(options, log, Progress.forTerminal(io, quiet || line.hasOption("json")));
            try (Signals.Handling stopping = Signals.onStopUntilClosed(signal -> stop(sync, signal, io))) {
                sync.run();
            } catch (Sync.Interrupted interrupted) {
                io.err().println(name() + ": " + interrupted.getMessage());
                return interrupted.exitCode();
            } finally {
                if (line.hasOption("json") && sync.report().runId() != 0) io.out().println(Json.write(sync.report().asJson()));
            }
            SyncReport report = sync.report();
            compactIfWorthIt(database, storeBytes, log);
            // After the run, with the sync's own warnings: a failure stays one line.
            tokenWarnings.forEach(log::warn);
            report.warnings().forEach(log::warn);
            if (!quiet && !line.hasOption("json")) {
                io.out().println("synced " + report.summaryLine());
                if (report.sessionsPassLine() != null) io.out().println(report.sessionsPassLine());
                io.out().println("database: " + database.display());
                if (demo) {
                    String explicitDb = line.hasOption("db") ? ShellQuote.quote(database.isPostgres() ? database.jdbcUrl() : database.display()) : null;
                    io.out().print(DemoOrganisation.hint(explicitDb, alias -> Invocation.command(alias, io)));
                }
            }
            return Failure.OK;
        }
    }

    /** --with, --recent and --concurrency; --demo's own choice when --with is not given. */
    private static SessionDataOptions sessionData(CommandLine line, boolean demo, Integer recent, Integer concurrency) {
        int threads = concurrency == null ? SessionDataOptions.DEFAULT_CONCURRENCY : concurrency;
        if (!line.hasOption("with") && demo) {
            return new SessionDataOptions(EnumSet.allOf(SessionDataKind.class), threads, recent == null ? DEMO_RECENT : recent);
        }
        if (recent != null && !line.hasOption("with")) throw Failure.usage("--recent says which sessions --with fetches for; add --with reports,ik");
        return new SessionDataOptions(SessionDataKind.parseFlag(line.getOptionValues("with")), threads, recent == null ? 0 : recent);
    }

    /**
     * Ctrl-C or TERM (systemd stopping a timer's job): the sync stops after the page it is storing,
     * records the run as interrupted and exits 128 + the signal. A second one exits at once, as
     * kill -9 would: the store stays consistent, and the next run resumes from the last page on disk.
     */
    private void stop(Sync sync, int signal, Io io) {
        if (sync.requestStop(signal)) return;
        io.err().println(name() + ": stopped at once; the next run resumes from the last page stored");
        io.err().flush();
        Runtime.getRuntime().halt(128 + signal);
    }

    private static ApiUrl apiUrl(CommandLine line, Io io) {
        if (line.hasOption("base-url")) return ApiUrl.parse(line.getOptionValue("base-url"), "--base-url");
        String env = io.env("VALOR_API_URL");
        return env != null ? ApiUrl.parse(env, "VALOR_API_URL") : ApiUrl.parse(ApiUrl.PRODUCTION, "the default API URL");
    }

    /** The sync's own bloat is the sync's to remove, so that readers never have to (see {@link StoreCompaction}). */
    private static void compactIfWorthIt(DatabaseLocation database, long bytesBefore, Log log) {
        try {
            StoreCompaction.ifWorthIt(database, bytesBefore).ifPresent(done -> log.info(String.format(
                    "compacted the store from %.1f MB to %.1f MB in %.1f s", done.bytesBefore() / 1e6, done.bytesAfter() / 1e6, done.millis() / 1e3)));
        } catch (Failure notThisTime) {
            log.warn("could not compact the store (the next sync tries again): " + notThisTime.getMessage());
        }
    }
}
