//DEPS commons-cli:commons-cli:1.11.0
//SOURCES base/package-info.java
//SOURCES cli/package-info.java
//SOURCES fake/package-info.java
package valor;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import valor.base.Failure;
import valor.base.Io;
import valor.cli.Command;
import valor.fake.FakeCognito;
import valor.fake.FakeFaults;
import valor.fake.FakeOrganisation;
import valor.fake.FakeShape;
import valor.fake.FakeValorApi;
import valor.fake.MockCognito;

/**
 * valor-mock: runs the fake Valor API as a standalone server, for the demo, benchmarks and trying
 * a client by hand. Prints {@code url=} and {@code token=} lines on stdout for scripts to read,
 * then serves until killed.
 */
public final class MockCommand extends Command {
    private final CountDownLatch stop;

    public MockCommand() {
        this(new CountDownLatch(1));
    }

    /** Tests pass their own latch to stop the server without killing the JVM. */
    MockCommand(CountDownLatch stop) {
        super("valor-mock");
        this.stop = stop;
    }

    public static void main(String[] args) {
        System.exit(new MockCommand().run(args, Io.system()));
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(value("port", "N", "port on 127.0.0.1 (default 0: any free port, printed)"));
        options.addOption(value("athletes", "N", "athletes in the organisation (default 25)"));
        options.addOption(value("sessions", "N", "sessions in the organisation (default 2000; a million is cheap)"));
        options.addOption(value("seed", "N", "seed of the generated data; the same seed gives the same data (default 1)"));
        options.addOption(value("ends-at", "DATE", "data ends at this UTC day, YYYY-MM-DD or an ISO instant (default: start of today, UTC)"));
        options.addOption(value("latency-ms", "N", "delay added to every request, each on its own (default 0)"));
        options.addOption(value("unlisted-athletes", "N", "athletes left off /athletes whose sessions stay (default 0)"));
        options.addOption(value("unlisted-sessions", "N", "more sessions, each by its own athlete /athletes does not list, spread through"
                + " the scan (default 0)"));
        options.addOption(value("athlete-filter", "KIND", "how /sessions applies athleteID: index (full pages, default) or scan"
                + " (reads a page of the organisation's sessions, then keeps the athlete's: short pages, each athlete's pass as long as the whole's)"));
        options.addOption(value("token", "T", "bearer token the API accepts (default " + FakeValorApi.DEFAULT_TOKEN + ")"));
        options.addOption(value("keys", "STYLE", "record keys: pascal (SessionID, default), camel (sessionId), snake (session_id), spaced (Session ID)"));
        options.addOption(value("dates", "FORMAT", "dates: iso-z (default), space (2026-03-01 10:15:30), offset (+02:00), iso-no-zone"));
        options.addOption(value("durations", "TYPE", "durations: number (default) or string"));
        options.addOption(value("body", "TYPE", "body: string (a JSON-encoded array, default) or array"));
        options.addOption(value("last-token", "KIND", "token of the last page: string-null (\"null\", default), json-null, missing, empty"));
        options.addOption(value("extra-field", "NAME=VALUE", "add a field no client knows to every record, e.g. DeviceModel=VS-2"));
        options.addOption(value("missing", "LIST", "endpoints that answer as missing, comma-separated, e.g. assessments,exercises"));
        options.addOption(value("missing-status", "CODE", "how missing endpoints answer: 404 (default) or 403 Missing Authentication Token"));
        options.addOption(Option.builder().longOpt("cognito")
                .desc("also serve a fake Cognito; the API then accepts only the JWTs it issues (prints cognito_url, client_id, username, password)").get());
        options.addOption(value("cognito-user", "NAME:PASSWORD", "the fake Cognito's user (default " + FakeCognito.DEFAULT_USERNAME + ":"
                + FakeCognito.DEFAULT_PASSWORD + ")"));
        options.addOption(value("token-lifetime", "SECONDS", "how long the fake Cognito's tokens live (default 3600)"));
        options.addOption(Option.builder().longOpt("fault").hasArg().argName("SPEC")
                .desc("inject a fault, repeatable: " + FakeFaults.GRAMMAR + "; kinds: " + FakeFaults.KINDS).get());
    }

    private static Option value(String flag, String argName, String description) {
        return Option.builder().longOpt(flag).hasArg().argName(argName).desc(description).get();
    }

    @Override
    protected String summary() {
        return "Serves a fake Valor API (generated data, the real API's quirks, injected faults) on 127.0.0.1 until killed.";
    }

    @Override
    protected String epilogue() {
        return """

                Prints two lines on stdout, url=<base url> and token=<bearer token>, then serves until
                stopped with Ctrl-C or SIGTERM. With --cognito it prints url=, cognito_url=, client_id=,
                username= and password= instead of token=. Faults count requests per endpoint from 1, retries included;
                x<count> repeats a fault; repeat-token, endless and echo-headers last from their request on.

                Examples:
                  valor-mock
                  valor-mock --port 8080 --athletes 200 --sessions 1000000 --seed 7
                  valor-mock --keys camel --dates space --body array --last-token json-null
                  valor-mock --missing assessments,exercises --missing-status 403
                  valor-mock --sessions 100000 --athletes 50 --unlisted-sessions 40 --latency-ms 300 --athlete-filter scan
                  valor-mock --fault sessions@3x2=503 --fault sessions@6=429:2 --fault athletes@1=reset
                  valor-mock --cognito --token-lifetime 60      sign in with valor-login; tokens expire every minute

                In a shell script (the two lines are shell assignments):
                  valor-mock --sessions 5000 > mock.env & sleep 3; . ./mock.env
                  curl -H "Authorization: Bearer $token" -H 'X-Continuation-Token: ""' "$url/sessions?limit=2"

                Exit codes: 0 stopped, 1 could not start, 2 bad flags.
                """;
    }

    @Override
    protected int execute(CommandLine line, Io io) throws Exception {
        FakeShape shape = FakeShape.DEFAULT
                .withKeys(choice(line, "keys", FakeShape.Keys.values(), FakeShape.DEFAULT.keys()))
                .withDates(choice(line, "dates", FakeShape.Dates.values(), FakeShape.DEFAULT.dates()))
                .withDurations(choice(line, "durations", FakeShape.Durations.values(), FakeShape.DEFAULT.durations()))
                .withBody(choice(line, "body", FakeShape.Body.values(), FakeShape.DEFAULT.body()))
                .withLastToken(choice(line, "last-token", FakeShape.LastToken.values(), FakeShape.DEFAULT.lastToken()));
        String extra = line.getOptionValue("extra-field");
        if (extra != null) {
            int eq = extra.indexOf('=');
            if (eq < 1) throw Failure.usage("--extra-field must be NAME=VALUE, not '" + extra + "'");
            shape = shape.withExtraField(extra.substring(0, eq), extra.substring(eq + 1));
        }
        int athletes = orDefault(intOption(line, "athletes", 0, 1_000_000), 25);
        int sessions = orDefault(intOption(line, "sessions", 0, 100_000_000), 2000);
        if (sessions > 0 && athletes == 0) throw Failure.usage("--sessions " + sessions + " needs --athletes of at least 1");
        FakeOrganisation organisation = FakeOrganisation.generate(seed(line), athletes, sessions, endsAt(line));
        int unlisted = orDefault(intOption(line, "unlisted-athletes", 0, athletes), 0);
        // The last ones created; the API does not promise every session's athlete is listed (see valor-sync --full-pass-every).
        organisation.athletes().subList(athletes - unlisted, athletes).forEach(a -> organisation.unlistAthlete(a.athleteId()));
        int unlistedSessions = orDefault(intOption(line, "unlisted-sessions", 0, 1_000_000), 0);
        organisation.addUnlistedSessions(unlistedSessions);

        FakeValorApi.Builder builder = FakeValorApi.builder()
                .organisation(organisation)
                .shape(shape)
                .port(orDefault(intOption(line, "port", 0, 65535), 0))
                .latencyMs(orDefault(intOption(line, "latency-ms", 0, 600_000), 0))
                .athleteFilter(choice(line, "athlete-filter", FakeValorApi.AthleteFilter.values(), FakeValorApi.AthleteFilter.INDEX))
                .token(line.getOptionValue("token", FakeValorApi.DEFAULT_TOKEN))
                .missingEndpoints(list(line.getOptionValue("missing", "")));
        if (line.hasOption("missing-status")) builder.missingEndpointStatus(intOption(line, "missing-status", 403, 404) == 403 ? 403 : 404);
        try {
            for (String spec : line.getOptionValues("fault") == null ? new String[0] : line.getOptionValues("fault")) builder.faults(spec);
        } catch (IllegalArgumentException badSpec) {
            throw Failure.usage("--fault: " + badSpec.getMessage());
        }

        if (!line.hasOption("cognito") && (line.hasOption("cognito-user") || line.hasOption("token-lifetime"))) {
            throw Failure.usage("--cognito-user and --token-lifetime configure the fake Cognito; add --cognito");
        }
        FakeValorApi api;
        FakeCognito cognito = line.hasOption("cognito") ? MockCognito.start(line) : null;
        try {
            if (cognito != null) builder.acceptToken(cognito.acceptor());
            api = builder.start();
        } catch (UncheckedIOException e) {
            if (cognito != null) cognito.close();
            throw Failure.failed(e.getMessage() + ": " + e.getCause().getMessage() + " (try another --port)", e);
        }
        try (cognito) {
            checkEndpointNames(api, line);
            io.out().println("url=" + api.baseUrl());
            if (cognito == null) io.out().println("token=" + api.token());
            else MockCognito.printSettings(cognito, line, io);
            io.out().flush();
            if (!line.hasOption("quiet")) {
                io.err().printf("valor-mock: %d athletes, %d sessions%s (seed %d, ending %s)%s; stop with Ctrl-C%n",
                        athletes, sessions, unlistedSessions == 0 ? "" : " and " + unlistedSessions + " of athletes /athletes does not list",
                        organisation.seed(), organisation.endsAt(),
                        api.faults().list().isEmpty() ? "" : ", faults " + api.faults());
            }
            if (line.hasOption("verbose")) io.err().println("valor-mock: shape " + shape);
            serveUntilStopped(api);
        } finally {
            api.close();
        }
        return Failure.OK;
    }

    private void serveUntilStopped(FakeValorApi api) throws InterruptedException {
        Thread hook = new Thread(() -> {
            api.close();
            stop.countDown();
        }, "valor-mock-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook itself stopped us: nothing to undo
        }
    }

    private static void checkEndpointNames(FakeValorApi api, CommandLine line) {
        for (String name : list(line.getOptionValue("missing", ""))) {
            if (!api.endpoints().contains(name)) throw Failure.usage("--missing: unknown endpoint '" + name + "'; endpoints are " + api.endpoints());
        }
        for (FakeFaults.Fault fault : api.faults().list()) {
            if (!fault.endpoint().equals("*") && !api.endpoints().contains(fault.endpoint())) {
                throw Failure.usage("--fault " + fault.spec() + ": unknown endpoint '" + fault.endpoint() + "'; endpoints are "
                        + api.endpoints() + " or *");
            }
        }
    }

    /** Matches a kebab-case flag value (iso-no-zone) with an enum constant (ISO_NO_ZONE). */
    private static <E extends Enum<E>> E choice(CommandLine line, String flag, E[] values, E fallback) {
        String value = line.getOptionValue(flag);
        if (value == null) return fallback;
        String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E candidate : values) if (candidate.name().equals(wanted)) return candidate;
        throw Failure.usage("--" + flag + " must be one of " + String.join("|",
                Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()) + ", not '" + value + "'");
    }

    private static long seed(CommandLine line) {
        String value = line.getOptionValue("seed", "1");
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Failure.usage("--seed must be a whole number, not '" + value + "'");
        }
    }

    private static Instant endsAt(CommandLine line) {
        String value = line.getOptionValue("ends-at");
        if (value == null) return LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            return value.contains("T") ? Instant.parse(value.trim()) : LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw Failure.usage("--ends-at must be YYYY-MM-DD or an ISO instant like 2026-03-01T00:00:00Z, not '" + value + "'");
        }
    }

    private static Set<String> list(String commaSeparated) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : commaSeparated.split(",")) if (!name.isBlank()) names.add(name.trim());
        return names;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
