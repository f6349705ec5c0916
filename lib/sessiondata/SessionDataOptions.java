package valor.sessiondata;

import java.util.EnumSet;
import java.util.Set;

/**
 * What per-session data a sync fetches after the sessions, for which sessions, and with how many
 * requests at once.
 *
 * @param kinds       empty: none (a plain sync)
 * @param concurrency fetcher threads, each with at most one request in flight
 * @param recent      only each athlete's this many most recent sessions (by recorded_at); 0: every session
 */
public record SessionDataOptions(Set<SessionDataKind> kinds, int concurrency, int recent) {
    /**
     * Against 20 ms of latency, 8 requests at once fetched 2,000 reports 6.3 times faster than one at
     * a time (bench/SessionDataBench.java), while staying polite to an API whose limits are unknown.
     */
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int MAX_CONCURRENCY = 64;
    public static final SessionDataOptions NONE = new SessionDataOptions(Set.of(), DEFAULT_CONCURRENCY);

    public SessionDataOptions {
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1 to " + MAX_CONCURRENCY + ", not " + concurrency);
        }
        if (recent < 0) throw new IllegalArgumentException("recent must be 0 (every session) or more, not " + recent);
    }

    /** Every session. */
    public SessionDataOptions(Set<SessionDataKind> kinds, int concurrency) {
        this(kinds, concurrency, 0);
    }

    public boolean wanted() {
        return !kinds.isEmpty();
    }

    public SessionDataOptions withKinds(Set<SessionDataKind> wanted) {
        return new SessionDataOptions(wanted, concurrency, recent);
    }

    public SessionDataOptions withConcurrency(int threads) {
        return new SessionDataOptions(kinds, threads, recent);
    }

    public SessionDataOptions withRecent(int sessionsPerAthlete) {
        return new SessionDataOptions(kinds, concurrency, sessionsPerAthlete);
    }
}
