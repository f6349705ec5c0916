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
     * Eight requests at once, as many as the per-session data phase sends (--concurrency): the
     * latency of a few hundred milliseconds a page is divided by up to eight, while a vendor behind
     * API Gateway (10,000 requests a second for a whole account by default) sees what one busy
     * browser tab would send. A 429 pauses them all together (ApiClient).
     */
    public static final int DEFAULT_PARALLEL = 8;
    public static final int MAX_PARALLEL = 16;
    public static final Duration DEFAULT_FULL_PASS_EVERY = Duration.ofDays(7);
    public static final Partitioning DEFAULT = new Partitioning(DEFAULT_PARALLEL, DEFAULT_FULL_PASS_EVERY);
}
