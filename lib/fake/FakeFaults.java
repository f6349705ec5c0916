package valor.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake API's fault plan: which request gets which failure. Faults are pinned to request
 * numbers, not chance, so a test can say "the third sessions request is throttled" and know
 * exactly what the client met. A fault is written {@code <endpoint>@<n>[x<count>]=<kind>[:<arg>]},
 * e.g. {@code sessions@3x2=503}: n counts every request to that endpoint from 1, retries included,
 * and {@code *} as the endpoint counts all requests together.
 */
public final class FakeFaults {

    public enum Kind {
        THROTTLED("429", 429), TIMED_OUT("500", 500), BAD_GATEWAY("502", 502), UNAVAILABLE("503", 503),
        GATEWAY_TIMEOUT("504", 504), UNAUTHORIZED("401", 401), FORBIDDEN("403", 403), NOT_FOUND("404", 404),
        /** HTTP 200 whose JSON stops half-way. */
        TRUNCATED("truncated", 200),
        /** The connection is closed without any response. */
        RESET("reset", 0),
        /** The answer comes after arg milliseconds, to provoke client timeouts. */
        SLOW("slow", 0),
        /** Pages carry back the token they were asked with: a pager that trusts it loops forever. */
        REPEAT_TOKEN("repeat-token", 0),
        /** Empty pages with ever-new tokens: a pager without a page limit never ends. */
        ENDLESS("endless", 0),
        /** Error answers quote the request's headers, Authorization included, as a debugging gateway would ({@link FakeHeaderEcho}). */
        ECHO_HEADERS("echo-headers", 0);

        private final String spelling;
        private final int status;

        Kind(String spelling, int status) {
            this.spelling = spelling;
            this.status = status;
        }

        public String spelling() {
            return spelling;
        }

        /** The HTTP status this fault answers with instead of the real answer; 0 when it has none. */
        public int status() {
            return status;
        }

        /** Faults that change the pager's behaviour from their request on, unless a count limits them. */
        public boolean sticky() {
            return this == REPEAT_TOKEN || this == ENDLESS || this == ECHO_HEADERS;
        }

        static Kind of(String spelling) {
            for (Kind kind : values()) if (kind.spelling.equals(spelling)) return kind;
            return null;
        }
    }

    /** Requests number {@code from} to {@code from + count - 1} of {@code endpoint} ("*": all) meet {@code kind}. */
    public record Fault(String endpoint, long from, long count, Kind kind, long argument) {
        public boolean covers(String endpointName, long number, long globalNumber) {
            long n = endpoint.equals("*") ? globalNumber : endpoint.equals(endpointName) ? number : -1;
            return n >= from && n - from < count;
        }

        public String spec() {
            String repeat = count == 1 || (kind.sticky() && count == Long.MAX_VALUE) ? "" : "x" + count;
            String arg = kind == Kind.SLOW || (kind == Kind.THROTTLED && argument > 0) ? ":" + argument : "";
            return endpoint + "@" + from + repeat + "=" + kind.spelling + arg;
        }
    }

    private static final Pattern SPEC =
            Pattern.compile("(\\*|[A-Za-z][A-Za-z0-9_-]*)@(\\d{1,18})(?:x(\\d{1,18}))?=([a-z0-9-]+)(?::(\\d{1,9}))?",
                    Pattern.CASE_INSENSITIVE);
    public static final String GRAMMAR = "<endpoint>@<n>[x<count>]=<kind>[:<arg>]";
    public static final String KINDS = "429[:retryAfterSeconds], 500, 502, 503, 504, 401, 403, 404, truncated, reset, "
            + "slow:<ms>, repeat-token, endless, echo-headers";

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    /** Adds one fault, or several separated by commas. */
    public FakeFaults add(String specs) {
        for (String spec : specs.split(",")) if (!spec.isBlank()) faults.add(parse(spec.trim()));
        return this;
    }

    public FakeFaults add(Fault fault) {
        faults.add(fault);
        return this;
    }

    public void clear() {
        faults.clear();
    }

    public List<Fault> list() {
        return List.copyOf(faults);
    }

    /** The faults for request {@code number} of an endpoint (and {@code globalNumber} of all), in the order added. */
    public List<Fault> matching(String endpoint, long number, long globalNumber) {
        List<Fault> hits = new ArrayList<>();
        for (Fault fault : faults) if (fault.covers(endpoint, number, globalNumber)) hits.add(fault);
        return hits;
    }

    /** Parses one spec; the message of the IllegalArgumentException names what is wrong with it. */
    public static Fault parse(String spec) {
        Matcher m = SPEC.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("fault '" + spec + "' is not " + GRAMMAR + ", e.g. sessions@3x2=503");
        }
        String endpoint = m.group(1); // keeps its case: ikData, reportData
        long from = Long.parseLong(m.group(2));
        Kind kind = Kind.of(m.group(4).toLowerCase(Locale.ROOT));
        if (from < 1) throw new IllegalArgumentException("fault '" + spec + "': request numbers start at 1");
        if (kind == null) throw new IllegalArgumentException("fault '" + spec + "': unknown kind '" + m.group(4) + "'; kinds are " + KINDS);
        long count = m.group(3) != null ? Long.parseLong(m.group(3)) : kind.sticky() ? Long.MAX_VALUE : 1;
        if (count < 1) throw new IllegalArgumentException("fault '" + spec + "': x<count> must be at least 1");
        String arg = m.group(5);
        if (kind == Kind.SLOW && arg == null) throw new IllegalArgumentException("fault '" + spec + "': slow needs milliseconds, e.g. slow:5000");
        if (arg != null && kind != Kind.SLOW && kind != Kind.THROTTLED) {
            throw new IllegalArgumentException("fault '" + spec + "': " + kind.spelling + " takes no ':' argument");
        }
        return new Fault(endpoint, from, count, kind, arg == null ? 0 : Long.parseLong(arg));
    }

    @Override
    public String toString() {
        return String.join(",", faults.stream().map(Fault::spec).toList());
    }
}
