package valor.sync;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import valor.api.ApiPace;

/**
 * How a sync of the whole organisation pages /sessions: in one full pass, or as one pass per
 * athlete, several at a time. A full pass's pages come one after another (each token comes from
 * the page before); partitions overlap their requests but make more of them (one at least per
 * athlete). Which is faster is decided from measurements ({@link SessionsEstimate}, from what this
 * run and the last measured, {@link SessionsPace}), and partitions only where they clearly pay:
 * where the API's latency, not its megabytes or this process's own work, sets the pace. A
 * partitioned run that turned out slower than one pass (than its estimate of one pass, or than the
 * last full pass for as many sessions) makes later runs full passes, until the API's latency doubles.
 * Whether an athlete's pass is as short as their sessions or as long as everyone's depends on how
 * the API applies athleteID ({@link AthletePages}): the plan asks once, with one request, before
 * the first run it would partition.
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
 * @param mode       {@link #FULL}, {@link #PARTITIONED} or {@link #ATHLETES}, as sync_runs.sessions_pass records it
 * @param partitions the athletes to page, longest first; empty for a full pass
 * @param reason     why: a fixed phrase, perhaps with details in brackets (sync_runs.sessions_pass_reason)
 * @param estimate   what each way was estimated to take; null where the plan did not need to estimate
 * @param athletePagesFiltered what this run found when it asked how the API pages one athlete ({@link AthletePages});
 *                   null when it did not ask
 */
record SessionPlan(String mode, List<String> partitions, String reason, SessionsEstimate estimate, Boolean athletePagesFiltered) {
    static final String FULL = "full";
    static final String PARTITIONED = "partitioned";
    /** A run limited with --athlete: no plan, one pass per athlete asked for. */
    static final String ATHLETES = "athletes";

    boolean partitioned() {
        return mode.equals(PARTITIONED);
    }

    static SessionPlan full(String reason) {
        return full(reason, null);
    }

    private static SessionPlan full(String reason, SessionsEstimate estimate) {
        return new SessionPlan(FULL, List.of(), reason, estimate, null);
    }

    static SessionPlan athletes(List<String> athletes) {
        return new SessionPlan(ATHLETES, List.copyOf(athletes), "--athlete", null, null);
    }

    private SessionPlan asked(Boolean filtered) {
        return new SessionPlan(mode, partitions, reason, estimate, filtered);
    }

    /** When the last complete full pass over the organisation's sessions began; null before the first. */
    static LocalDateTime lastFullPass(Handle handle) {
        return handle.createQuery("SELECT MAX(last_full_pass_at) FROM sync_runs").mapTo(LocalDateTime.class).findOne().orElse(null);
    }

    /**
     * @param api            what this run measured of the API so far (the athletes, at least)
     * @param athletesListed  whether /athletes answered on this run
     * @param athletePages    asks the API how it pages one athlete, where that decides and no earlier run asked
     */
    static SessionPlan choose(Handle handle, Partitioning partitioning, int pageSize, ApiPace.Estimate api, boolean athletesListed,
                              AthletePages.Probe athletePages, LocalDateTime now) {
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
        if (hasCheckpoint(handle, "scope LIKE 'athlete:%'")) {
            return partitioned(knownAthletes(handle), "resuming partitions (an interrupted run left some; each goes on where it stopped)");
        }

        SessionsPace last = SessionsPace.last(handle);
        if (last == null) return full("no measurements yet (this run measures one pass)");
        SessionsEstimate.Costs costs = SessionsEstimate.Costs.of(api, last, SessionsPace.lastMillisPerMegabyte(handle));
        if (costs == null) return full("no measurements yet (the API's time per megabyte is not known; this run measures one pass)");
        // Where partitions would not pay even if every request overlapped, each athlete's count is not needed: counting
        // reads every session's entry of the athlete index (1.7 s of a 6.7 s no-change run of 200,000 sessions).
        SessionsEstimate.Shape bestCase = SessionsEstimate.Shape.bestCase(storedSessions(handle), pageSize, partitioning.parallel());
        SessionsEstimate atBest = SessionsEstimate.of(bestCase, costs, Runtime.getRuntime().availableProcessors());
        if (!atBest.partitionsPay()) return full("one pass is as fast (" + atBest.describe(bestCase, costs) + ")", atBest);
        Map<String, Long> sessions = knownAthletes(handle);
        String slower = partitionsWereSlower(handle, costs);
        Boolean filtered = AthletePages.known(handle);
        SessionPlan plan = estimated(sessions, pageSize, partitioning.parallel(), costs, Boolean.TRUE.equals(filtered), slower);
        if (!plan.partitioned() || filtered != null) return plan;
        String fewest = fewestSessions(sessions);
        Boolean asked = fewest == null ? null : athletePages.filtered(fewest);
        if (Boolean.TRUE.equals(asked)) plan = estimated(sessions, pageSize, partitioning.parallel(), costs, true, slower);
        return plan.asked(asked);
    }

    /** One pass or partitions, by the estimate of each; {@code slower}: why partitions were slower last time, or null. */
    private static SessionPlan estimated(Map<String, Long> sessions, int pageSize, int parallel, SessionsEstimate.Costs costs,
                                         boolean athletePagesFiltered, String slower) {
        SessionsEstimate.Shape shape = SessionsEstimate.Shape.of(sessions.values(), pageSize, parallel, athletePagesFiltered);
        SessionsEstimate estimate = SessionsEstimate.of(shape, costs, Runtime.getRuntime().availableProcessors());
        String details = " (" + estimate.describe(shape, costs) + ")";
        if (slower != null) return full("partitions were slower last time (" + slower + ", at a latency like today's)", estimate);
        if (!estimate.partitionsPay()) return full("one pass is as fast" + details, estimate);
        return new SessionPlan(PARTITIONED, longestFirst(sessions), "partitions pay" + details, estimate, null);
    }

    /** The athlete with the fewest live sessions, at least one (a filtered page of theirs holds almost none); null when none has any. */
    private static String fewestSessions(Map<String, Long> sessions) {
        return sessions.entrySet().stream().filter(e -> e.getValue() > 0).min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /**
     * Whether the last partitioned run took longer than one pass: than it estimated one pass would,
     * or than the last full pass took for as many sessions. Null when it did not, or when the API's
     * latency has more than doubled since (partitions may pay now).
     */
    private static String partitionsWereSlower(Handle handle, SessionsEstimate.Costs costs) {
        SessionsPace partitioned = SessionsPace.lastPartitioned(handle);
        if (partitioned == null || costs.latencyMillis() > 2 * partitioned.latencyMillis()) return null;
        if (partitioned.millis() > partitioned.onePassEstimateMillis()) {
            return seconds(partitioned.millis()) + " against about " + seconds(partitioned.onePassEstimateMillis()) + " estimated for one pass";
        }
        SessionsPace full = SessionsPace.lastFull(handle);
        if (full != null && partitioned.millisPerRecord() > full.millisPerRecord()) {
            return seconds(partitioned.millis()) + " against " + seconds(Math.round(full.millisPerRecord() * partitioned.records()))
                    + " for as many sessions in the last full pass";
        }
        return null;
    }

    private static SessionPlan partitioned(Map<String, Long> sessions, String reason) {
        return new SessionPlan(PARTITIONED, longestFirst(sessions), reason, null, null);
    }

    /**
     * The live sessions stored, from the summary the sync keeps (one row per athlete): what partitions would page.
     * Not COUNT(*) of sessions: at this point of a sync H2 answered it by reading every row, raw JSON and all (0.6 s
     * of CPU at 200,000 in a profile), and PostgreSQL always scans.
     */
    private static long storedSessions(Handle handle) {
        return handle.createQuery("SELECT COALESCE(SUM(sessions), 0) FROM athlete_totals").mapTo(Long.class).one();
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

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static boolean hasCheckpoint(Handle handle, String where) {
        return handle.createQuery("SELECT COUNT(*) FROM sync_passes WHERE entity = 'sessions' AND " + where)
                .mapTo(Long.class).one() > 0;
    }
}
