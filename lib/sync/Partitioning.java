package valor.sync;

import java.time.Duration;

/**
 * How a sync of the whole organisation may split /sessions into one pass per athlete
 * ({@code athleteID}), several at a time, and how often it still pages the whole organisation in
 * one pass: the only pass that finds sessions of athletes missing from /athletes that no earlier
 * sync has seen ({@link SessionPlan}).
 *
 * @param parallel      athletes paged at once; 1 pages the whole organisation in one pass, always
 * @param fullPassEvery how long partitioned runs may go on since the last full pass; zero: every run is one
 */
public record Partitioning(int parallel, Duration fullPassEvery) {
    /**
     * Four requests at once: the latency of a few hundred milliseconds a page is divided by four,
     * while a vendor behind API Gateway (10,000 requests a second for a whole account by default)
     * sees what one busy browser tab would send. Backs off together on 429 (ApiClient).
     */
    public static final int DEFAULT_PARALLEL = 4;
    public static final int MAX_PARALLEL = 16;
    public static final Duration DEFAULT_FULL_PASS_EVERY = Duration.ofDays(7);
    public static final Partitioning DEFAULT = new Partitioning(DEFAULT_PARALLEL, DEFAULT_FULL_PASS_EVERY);
}
