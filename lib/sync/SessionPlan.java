package valor.sync;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * How a sync of the whole organisation pages /sessions: in one full pass, or as one pass per
 * athlete, several at a time. Each page costs a round trip, and a full pass's pages come one after
 * another (each token comes from the page before), so with P partitions at once the partitioned
 * run takes about max(requests / P, the longest athlete's pages) round trips against the full
 * pass's pages. It partitions only where that clearly pays: a club of many athletes with few
 * sessions each costs one request per athlete, more than the full pass.
 *
 * <p>What partitions cannot see: a session whose athlete is neither on /athletes nor among the
 * athletes of sessions already stored. So a full pass runs whenever the last one is older than
 * {@code --full-pass-every}, and whenever one was interrupted (it is resumed); between full
 * passes, sessions of a newly appeared unlisted athlete wait for the next one.
 *
 * <p>Requests at once only help where waiting for the API, not storing pages, sets the pace
 * ({@link #networkSetsThePace}): across the internet, not on a fast network.
 *
 * <p>A first sync knows no counts, so it learns as it goes: it starts a full pass and, once that
 * has taken as many round trips as one request per listed athlete would at {@code --parallel}
 * ({@code handOverAfter} pages) and the network sets the pace, hands over to partitions, one per
 * listed athlete and per athlete its pages have shown. An organisation that fits in fewer pages finishes the full pass first; one
 * with too many athletes for partitioning to pay never reaches the hand-over. Its worst case, an
 * organisation a page longer than the hand-over, costs about twice the round trips of one pass.
 * It counts as a full pass for {@code --full-pass-every}: unlisted athletes its first pages did not
 * show wait for the next full pass.
 *
 * @param partitions    the athletes to page, longest first; empty for a full pass
 * @param handOverAfter pages after which a first full pass hands over to partitions; 0: it never does
 * @param reason        why, for the log
 */
record SessionPlan(List<String> partitions, int handOverAfter, String reason) {
    static final String FULL = "full";
    static final String PARTITIONED = "partitioned";
    /** A first sync's full pass that handed over to partitions. */
    static final String LEARNED = "learned";
    /** A run limited with --athlete: no plan, one pass per athlete asked for. */
    static final String ATHLETES = "athletes";

    boolean partitioned() {
        return !partitions.isEmpty();
    }

    String mode() {
        return partitioned() ? PARTITIONED : FULL;
    }

    /**
     * Whether waiting for the API, not storing, clearly sets a pass's pace (round trips half as long
     * again as storing a page): only then do requests at once help, since one pass already fetches
     * the next page while it stores one. Across the internet a page takes a few hundred
     * milliseconds to come and tens to store; on a fast network storing is the slower half, and
     * partitions would only add requests.
     */
    static boolean networkSetsThePace(long roundTripMillis, long pageStoreMillis) {
        return 2 * roundTripMillis > 3 * pageStoreMillis;
    }

    /** @param roundTripMillis this run's mean round trip so far (the athletes, at least) */
    static SessionPlan choose(Handle handle, Partitioning partitioning, int pageSize, long roundTripMillis, LocalDateTime now) {
        if (partitioning.parallel() <= 1) return full("--parallel 1");
        if (hasCheckpoint(handle, "scope = 'all'")) return full("resuming an interrupted full pass");
        boolean resuming = hasCheckpoint(handle, "scope LIKE 'athlete:%'");
        LocalDateTime lastFull = handle.createQuery("SELECT MAX(started_at) FROM sync_runs WHERE status = 'ok' AND sessions_pass IN (?, ?)")
                .bind(0, FULL).bind(1, LEARNED).mapTo(LocalDateTime.class).findOne().orElse(null);
        if (lastFull == null && !resuming) {
            long listed = handle.createQuery("SELECT COUNT(*) FROM athletes WHERE deleted_at IS NULL AND source = 'api'").mapTo(Long.class).one();
            boolean firstSync = handle.createQuery("SELECT COUNT(*) FROM sessions").mapTo(Long.class).one() == 0;
            if (!firstSync || listed == 0) return full("no full pass yet: it learns every athlete and their sessions");
            int handOver = (int) ((listed + partitioning.parallel() - 1) / partitioning.parallel()) + 1;
            return new SessionPlan(List.of(), handOver, "a first sync: one pass, handed over to " + listed
                    + " athletes' partitions after " + handOver + " pages if it goes on that long");
        }
        if (!resuming && Duration.between(lastFull, now).compareTo(partitioning.fullPassEvery()) >= 0) {
            return full("the last full pass started " + lastFull.toLocalDate() + " (--full-pass-every)");
        }
        Long pageStore = handle.createQuery("SELECT page_store_ms FROM sync_runs WHERE page_store_ms IS NOT NULL ORDER BY run_id DESC LIMIT 1")
                .mapTo(Long.class).findOne().orElse(null);
        if (!resuming && (pageStore == null || !networkSetsThePace(roundTripMillis, pageStore))) {
            return full("requests answer in " + roundTripMillis + " ms and pages stored in " + (pageStore == null ? "?" : pageStore)
                    + " ms: storing, not the network, sets the pace here");
        }

        Map<String, Long> sessions = knownAthletes(handle);
        long fullPages = Math.max(1, pages(sessions.values().stream().mapToLong(Long::longValue).sum(), pageSize));
        long requests = 0;
        long longest = 0;
        for (long count : sessions.values()) {
            long pages = Math.max(1, pages(count, pageSize));
            requests += pages;
            longest = Math.max(longest, pages);
        }
        long rounds = Math.max(longest, (requests + partitioning.parallel() - 1) / partitioning.parallel());
        String estimate = sessions.size() + " athletes: " + requests + " requests, " + partitioning.parallel() + " at a time, about "
                + rounds + " round trips against " + fullPages + " for one pass";
        // Partitioning pays only clearly: a third fewer round trips, for the cost of more requests.
        if (!resuming && rounds * 3 > fullPages * 2) return full(estimate);
        return new SessionPlan(longestFirst(sessions), 0, estimate);
    }

    /** The partitions a first sync hands over to: every athlete listed or seen in the pages so far. */
    static List<String> handOver(Handle handle) {
        return longestFirst(knownAthletes(handle));
    }

    /**
     * Every athlete a partition could be for, with their live sessions: those of sessions stored
     * (listed or not), those listed, and those of an interrupted run's partitions (resumed even if
     * their athlete is gone now).
     */
    private static Map<String, Long> knownAthletes(Handle handle) {
        Map<String, Long> sessions = new LinkedHashMap<>();
        handle.createQuery("SELECT athlete_id, COUNT(*) FROM sessions WHERE deleted_at IS NULL AND source = 'api'"
                        + " AND athlete_id IS NOT NULL GROUP BY athlete_id")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> sessions.put(e.getKey(), e.getValue()));
        handle.createQuery("SELECT athlete_id FROM athletes WHERE deleted_at IS NULL AND source = 'api'")
                .mapTo(String.class).forEach(athlete -> sessions.putIfAbsent(athlete, 0L));
        handle.createQuery("SELECT SUBSTRING(scope, 9) FROM sync_passes WHERE entity = 'sessions' AND scope LIKE 'athlete:%'")
                .mapTo(String.class).forEach(athlete -> sessions.putIfAbsent(athlete, 0L));
        return sessions;
    }

    private static List<String> longestFirst(Map<String, Long> sessions) {
        List<String> partitions = new ArrayList<>(sessions.keySet());
        partitions.sort(Comparator.comparing((String athlete) -> sessions.get(athlete)).reversed());
        return List.copyOf(partitions);
    }

    private static SessionPlan full(String reason) {
        return new SessionPlan(List.of(), 0, reason);
    }

    private static long pages(long records, int pageSize) {
        return (records + pageSize - 1) / pageSize;
    }

    private static boolean hasCheckpoint(Handle handle, String where) {
        return handle.createQuery("SELECT COUNT(*) FROM sync_passes WHERE entity = 'sessions' AND " + where)
                .mapTo(Long.class).one() > 0;
    }
}
