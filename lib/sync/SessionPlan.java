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
 * athletes of sessions already stored. Partitions page every athlete the store knows (listed, or
 * known only from their sessions), and a full pass, the only pass that sees the rest, runs:
 * <ul>
 *   <li>on a first sync (no full pass has completed yet): it has nothing else to go by;</li>
 *   <li>whenever one was interrupted (it is resumed);</li>
 *   <li>when the athlete list shrank: an athlete /athletes listed is no longer listed (its row,
 *       from the API, was marked deleted) since the last full pass began. They may still record
 *       sessions, which no partition would page once the store holds none of theirs;</li>
 *   <li>when /athletes is not available: partitions would page only athletes already stored;</li>
 *   <li>when the last full pass began {@code --full-pass-every} ago or longer.</li>
 * </ul>
 * Between full passes, the sessions of an athlete that newly appeared without being listed wait
 * for the next one. A partitioned run reconciles deletes only within the athletes it paged.
 *
 * <p>Requests at once only help where waiting for the API, not storing pages, sets the pace
 * ({@link #networkSetsThePace}): across the internet, not on a fast network.
 *
 * @param mode       {@link #FULL}, {@link #PARTITIONED} or {@link #ATHLETES}, as sync_runs.sessions_pass records it
 * @param partitions the athletes to page, longest first; empty for a full pass
 * @param reason     why: a fixed phrase, perhaps with details in brackets (sync_runs.sessions_pass_reason)
 */
record SessionPlan(String mode, List<String> partitions, String reason) {
    static final String FULL = "full";
    static final String PARTITIONED = "partitioned";
    /** A run limited with --athlete: no plan, one pass per athlete asked for. */
    static final String ATHLETES = "athletes";

    boolean partitioned() {
        return mode.equals(PARTITIONED);
    }

    static SessionPlan full(String reason) {
        return new SessionPlan(FULL, List.of(), reason);
    }

    static SessionPlan athletes(List<String> athletes) {
        return new SessionPlan(ATHLETES, List.copyOf(athletes), "--athlete");
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

    /** When the last complete full pass over the organisation's sessions began; null before the first. */
    static LocalDateTime lastFullPass(Handle handle) {
        return handle.createQuery("SELECT MAX(last_full_pass_at) FROM sync_runs").mapTo(LocalDateTime.class).findOne().orElse(null);
    }

    /**
     * @param roundTripMillis this run's mean round trip so far (the athletes, at least)
     * @param athletesListed  whether /athletes answered on this run
     */
    static SessionPlan choose(Handle handle, Partitioning partitioning, int pageSize, long roundTripMillis, boolean athletesListed,
                              LocalDateTime now) {
        if (partitioning.parallel() <= 1) return full("--parallel 1");
        if (hasCheckpoint(handle, "scope = 'all'")) return full("resuming an interrupted full pass");
        LocalDateTime lastFull = lastFullPass(handle);
        if (lastFull == null) {
            boolean empty = handle.createQuery("SELECT COUNT(*) FROM sessions").mapTo(Long.class).one() == 0;
            return full(empty ? "first sync" : "no full pass yet (no run has paged the whole organisation in one pass)");
        }
        long unlisted = handle.createQuery("SELECT COUNT(*) FROM athletes WHERE source = 'api' AND deleted_at >= ?")
                .bind(0, lastFull).mapTo(Long.class).one();
        if (unlisted > 0) {
            return full("athlete list shrank (" + unlisted + (unlisted == 1 ? " athlete /athletes listed is" : " athletes /athletes listed are")
                    + " no longer listed since the last full pass began, and may still record sessions)");
        }
        if (!athletesListed) return full("/athletes not available (partitions would page only the athletes already stored)");
        if (Duration.between(lastFull, now).compareTo(partitioning.fullPassEvery()) >= 0) {
            return full("full pass due (the last began " + SyncReport.utc(lastFull) + "; --full-pass-every "
                    + partitioning.fullPassEvery().toDays() + ")");
        }
        Map<String, Long> sessions = knownAthletes(handle);
        boolean resuming = hasCheckpoint(handle, "scope LIKE 'athlete:%'");
        if (resuming) return partitioned(sessions, "resuming partitions (an interrupted run left some; each goes on where it stopped)");

        Long pageStore = handle.createQuery("SELECT page_store_ms FROM sync_runs WHERE page_store_ms IS NOT NULL ORDER BY run_id DESC LIMIT 1")
                .mapTo(Long.class).findOne().orElse(null);
        if (pageStore == null || !networkSetsThePace(roundTripMillis, pageStore)) {
            return full("storing sets the pace (requests answer in " + roundTripMillis + " ms, pages are stored in "
                    + (pageStore == null ? "?" : pageStore) + " ms)");
        }
        long fullPages = Math.max(1, pages(sessions.values().stream().mapToLong(Long::longValue).sum(), pageSize));
        long requests = 0;
        long longest = 0;
        for (long count : sessions.values()) {
            long pages = Math.max(1, pages(count, pageSize));
            requests += pages;
            longest = Math.max(longest, pages);
        }
        long rounds = Math.max(longest, (requests + partitioning.parallel() - 1) / partitioning.parallel());
        String estimate = " (about " + rounds + " round trips, " + requests + " requests for " + sessions.size() + " athletes "
                + partitioning.parallel() + " at a time, against " + fullPages + " for one pass)";
        // Partitioning pays only clearly: a third fewer round trips, for the cost of more requests.
        if (rounds * 3 > fullPages * 2) return full("partitions do not pay" + estimate);
        return partitioned(sessions, "partitions pay" + estimate);
    }

    private static SessionPlan partitioned(Map<String, Long> sessions, String reason) {
        return new SessionPlan(PARTITIONED, longestFirst(sessions), reason);
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

    private static long pages(long records, int pageSize) {
        return (records + pageSize - 1) / pageSize;
    }

    private static boolean hasCheckpoint(Handle handle, String where) {
        return handle.createQuery("SELECT COUNT(*) FROM sync_passes WHERE entity = 'sessions' AND " + where)
                .mapTo(Long.class).one() > 0;
    }
}
