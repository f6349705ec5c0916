package valor.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import valor.api.ApiClient;
import valor.api.ApiPace;
import valor.api.ApiPage;
import valor.api.ApiStatusException;
import valor.api.Credentials;
import valor.api.Pager;
import valor.base.DaemonThreads;
import valor.base.Failure;
import valor.base.Log;
import valor.store.Database;
import valor.store.Engine;

/**
 * One sync run: athletes, assessments, exercises and sessions paged from the API into the store,
 * each page that changes the store committed with its checkpoint (the others at least once a
 * second), then what the optional endpoints did not give derived from sessions; then, if asked,
 * each session's report and IK data ({@link SessionDataSync}).
 * Failures are recorded in sync_runs and rethrown as a {@link Failure}; a run asked to stop
 * ({@link #requestStop}, on Ctrl-C) stops between two commits, is recorded as interrupted and
 * ends with {@link Interrupted}.
 */
public final class Sync {
    private final SyncOptions options;
    private final Log log;
    private final Progress progress;
    private final SyncReport report = new SyncReport();
    private final StopRequest stop = new StopRequest();
    private ApiClient api;
    private long runId;
    /** The pass under way, to say where the next run resumes; null between passes. */
    private PassKey currentPass;
    private boolean fetchingSessionData;
    /** When this run's full pass over the sessions began; null when it makes none. */
    private LocalDateTime fullPassBegan;
    /** Time spent storing pages of sessions (holding the connection), and how many. */
    private final AtomicLong sessionStoreNanos = new AtomicLong();
    private final AtomicInteger sessionPagesStored = new AtomicInteger();
    /** Of the sessions: records paged, and time a full pass's storing thread waited for the API. */
    private final AtomicLong sessionRecords = new AtomicLong();
    private final AtomicLong sessionWaitNanos = new AtomicLong();
    /** The summaries of a first sync, counted as its sessions are inserted; null when this run's sessions pass is not one. */
    private StreamedSummaries streamedSummaries;
    /** The sessions' stored ids and hashes, being read on a connection of their own for the one pass to come; null otherwise. */
    private CompletableFuture<StoredRows> sessionsStoredAside;

    private record PassKey(String entity, String scope) {}

    /** How long a pass whose pages change nothing goes without writing its checkpoint (what a kill costs the next run). */
    private static final long CHECKPOINT_AT_LEAST_EVERY_NANOS = 1_000_000_000L;

    /** A pass's saved checkpoint: the page it resumes from. */
    private record Checkpoint(PassKey pass, int nextPage) {}

    /** The run was asked to stop and did, cleanly: the pages it committed stay, and the next run resumes after them. */
    public static final class Interrupted extends RuntimeException {
        private final int signal;

        Interrupted(int signal, String message) {
            super(message, null, false, false);
            this.signal = signal;
        }

        /** 128 + the signal's number, as a shell reports a command a signal ended: 130 for Ctrl-C, 143 for TERM. */
        public int exitCode() {
            return 128 + signal;
        }
    }

    public Sync(SyncOptions options, Log log, Progress progress) {
        this.options = options;
        this.log = log;
        this.progress = progress;
    }

    public SyncReport report() {
        return report;
    }

    /**
     * Asks the run to stop at its next safe point: when the page being stored has committed, or
     * at once when it waits for the API ({@link StopRequest}). Safe to call from any thread, a
     * signal handler's included.
     *
     * @param signal the number of the signal that asked, for the exit code and the record
     * @return false when a stop was already asked for
     */
    public boolean requestStop(int signal) {
        return stop.request(signal);
    }

    public SyncReport run() {
        long started = System.nanoTime();
        CompletableFuture<ApiClient> client = ApiClient.building(options.api(), options.credentials(), options.retry(), options.timeout(), log);
        try (Handle handle = Database.openForWriting(options.database());
             SyncLock lock = SyncLock.acquire(options.database())) {
            SyncRunLog.markAbandonedRuns(handle, now());
            String scope = options.filtered() ? String.join(",", options.athletes()) : "all";
            LocalDateTime lastFullPass = SessionPlan.lastFullPass(handle);
            runId = SyncRunLog.start(handle, scope, options.api().toString(), options.pageSize(), lastFullPass, now());
            report.begin(runId, options.database().display());
            report.lastFullPass(lastFullPass, false);
            api = ApiClient.built(client);
            try {
                stop.check();
                syncEverything(handle);
            } catch (RuntimeException e) {
                if (stop.requested()) throw interrupted(handle, lock, e, started);
                Failure failure = asFailure(e, options.credentials());
                noteEndedReaders(lock);
                report.calls(api.calls(), api.retries());
                report.end("failed", failure.getMessage(), elapsedMillis(started));
                try {
                    SyncRunLog.finish(handle, runId, report, "failed", failure.getMessage(), now());
                } catch (RuntimeException cannotRecord) { // e.g. the disk that failed the sync is still full
                    failure.addSuppressed(cannotRecord);
                }
                throw failure;
            }
            noteEndedReaders(lock);
            report.calls(api.calls(), api.retries());
            report.end("ok", null, elapsedMillis(started));
            SyncRunLog.finish(handle, runId, report, "ok", null, now());
            return report;
        } finally {
            progress.close();
        }
    }

    /** Records the run as interrupted, with where the next one resumes; everything committed stays. */
    private Interrupted interrupted(Handle handle, SyncLock lock, RuntimeException cause, long started) {
        if (!(cause instanceof StopRequest.Stopping)) log.detail("while stopping: " + cause); // e.g. the request the stop cut short
        String resume = "the next run " + resumePoint(handle);
        noteEndedReaders(lock);
        report.calls(api.calls(), api.retries());
        String error = stop.signalName() + ": " + resume; // the status says "interrupted"; the error says by what
        report.end("interrupted", error, elapsedMillis(started));
        Interrupted interrupted = new Interrupted(stop.signal(), "interrupted; " + resume);
        try {
            SyncRunLog.finish(handle, runId, report, "interrupted", error, now());
        } catch (RuntimeException cannotRecord) { // the next run marks it interrupted instead
            interrupted.addSuppressed(cannotRecord);
            log.detail("could not record the interruption: " + cannotRecord);
        }
        return interrupted;
    }

    /**
     * Where the next run picks up: the checkpoint of the pass under way, else another pass's
     * (an earlier interrupted run's), in the order passes run; with none, it pages from the start.
     */
    private String resumePoint(Handle handle) {
        if (fetchingSessionData) return "fetches the session data still missing";
        List<String> order = List.of(Entity.ATHLETES.name(), Entity.ASSESSMENTS.name(), Entity.EXERCISES.name(), Entity.SESSIONS.name());
        List<Checkpoint> checkpoints;
        try {
            checkpoints = handle.createQuery("SELECT entity, scope, pages FROM sync_passes ORDER BY entity, scope")
                    .map((rs, ctx) -> new Checkpoint(new PassKey(rs.getString(1), rs.getString(2)), rs.getInt(3) + 1)).list();
        } catch (RuntimeException unreadable) {
            return "resumes after the last page stored";
        }
        Checkpoint chosen = null;
        for (Checkpoint checkpoint : checkpoints) {
            if (checkpoint.pass().equals(currentPass)) {
                chosen = checkpoint;
                break;
            }
            if (chosen == null || order.indexOf(checkpoint.pass().entity()) < order.indexOf(chosen.pass().entity())) chosen = checkpoint;
        }
        if (chosen == null) return "starts again from the first page (what is stored stays)";
        String entity = chosen.pass().entity();
        long partitions = checkpoints.stream().filter(c -> c.pass().entity().equals(entity) && c.pass().scope().startsWith("athlete:")).count();
        if (partitions > 1) return "resumes " + entity + " for " + partitions + " athletes, each where it stopped";
        String scope = chosen.pass().scope();
        String athlete = scope.startsWith("athlete:") ? " for athlete " + scope.substring("athlete:".length()) : "";
        return "resumes from " + chosen.pass().entity() + " page " + chosen.nextPage() + athlete;
    }

    private void noteEndedReaders(SyncLock lock) {
        int ended = lock.readerSessionsEnded();
        if (ended > 0) {
            report.note("ended " + ended + " read-only session(s) holding row locks the sync needed (SELECT ... FOR UPDATE in an open transaction)");
        }
    }

    private void syncEverything(Handle handle) {
        Set<String> only = new HashSet<>(options.athletes());
        Predicate<String> wantedAthlete = options.filtered() ? only::contains : id -> true;
        String listScope = options.filtered() ? "only:" + String.join(",", options.athletes()) : "all";
        boolean athletesListed = optionalPass(handle, Entity.ATHLETES, listScope, wantedAthlete, false);
        if (athletesListed && options.filtered()) warnAboutUnknownAthletes(handle);
        if (!options.filtered()) {
            LocalDateTime began = now();
            SessionPlan plan = options.restart() ? SessionPlan.full("--restart")
                    : SessionPlan.choose(handle, options.partitioning(), options.pageSize(), api.pace().estimate(), athletesListed,
                    AthletePages.asking(api, options.pageSize()), began);
            planned(handle, plan);
            // The assessments and exercises are paged alongside the sessions (beside one pass, while the sessions'
            // stored rows are read and their first pages arrive), unless --parallel 1 asks for one thing at a time.
            boolean alongside = plan.partitioned() || options.partitioning().parallel() > 1;
            // The sessions' CPU counts from here, the assessments' and exercises' with it whichever the plan (its
            // cost, for the planner).
            long cpuBefore = cpuMillis();
            // Before one pass, what the store holds of the sessions (a second or more to read at 200,000) is read
            // meanwhile, on a connection of its own: only the sessions pass changes the sessions from here on.
            if (!plan.partitioned()) sessionsStoredAside = readAside(Entity.SESSIONS);
            CompletableFuture<Void> others = CompletableFuture.runAsync(() -> {
                optionalPass(handle, Entity.ASSESSMENTS, "all", id -> true, alongside);
                optionalPass(handle, Entity.EXERCISES, "all", id -> true, alongside);
            }, alongside ? runnable -> DaemonThreads.named("valor-alongside").newThread(runnable).start() : Runnable::run);
            try {
                syncSessions(handle, plan, began, cpuBefore);
            } catch (RuntimeException sessionsFailed) {
                try {
                    joinAlongside(others);
                } catch (RuntimeException alsoFailed) {
                    sessionsFailed.addSuppressed(alsoFailed);
                }
                throw sessionsFailed;
            }
            joinAlongside(others);
        } else {
            planned(handle, SessionPlan.athletes(options.athletes()));
            for (String athlete : options.athletes()) {
                Map<String, String> query = query();
                query.put("athleteID", athlete);
                pass(handle, Entity.SESSIONS, "athlete:" + athlete, query, id -> true, "athlete_id = ?", List.of(athlete), true);
            }
        }
        stop.check();
        long derivedStarted = System.nanoTime();
        handle.useTransaction(tx -> DerivedRows.fromSessions(tx, report, runId, now()));
        long summariesStarted = System.nanoTime();
        boolean counted = streamedSummaries != null && streamedSummaries.usable();
        handle.useTransaction(tx -> SummaryTables.refresh(tx, report, runId, streamedSummaries));
        streamedSummaries = null; // written: its memory is the session data's now
        log.detail(String.format(Locale.ROOT, "derived rows in %d ms, summaries in %d ms (%s)", (summariesStarted - derivedStarted) / 1_000_000,
                (System.nanoTime() - summariesStarted) / 1_000_000, counted ? "counted as the sessions went in" : "by queries"));
        stop.check();
        if (options.sessionData().wanted()) {
            fetchingSessionData = true;
            new SessionDataSync(api, options, report, runId, log, stoppingAfterEachCommit(progress)).run(handle);
        }
    }

    /**
     * Pages the sessions as planned, in one pass or one per athlete; {@code began} is when the plan was made,
     * {@code cpuBefore} the process's CPU then.
     */
    private void syncSessions(Handle handle, SessionPlan plan, LocalDateTime began, long cpuBefore) {
        long started = System.nanoTime();
        long bytesBefore = api.bytesReceived();
        int callsBefore = api.calls();
        if (plan.partitioned()) {
            log.info("sessions: one pass per athlete, " + options.partitioning().parallel() + " at a time (" + plan.reason() + ")");
            partitioned(handle, plan.partitions());
        } else {
            log.detail("sessions: one pass over the organisation (" + plan.reason() + ")");
            fullPassBegan = began;
            pass(handle, Entity.SESSIONS, "all", query(), id -> true, "", List.of(), true);
        }
        ApiPace.Estimate measured = api.pace().estimate();
        SessionsPace pace = new SessionsPace(plan.mode(), (System.nanoTime() - started) / 1_000_000, cpuMillis() - cpuBefore,
                plan.partitioned() ? 0 : sessionWaitNanos.get() / 1_000_000, sessionStoreNanos.get() / 1_000_000, sessionRecords.get(),
                api.bytesReceived() - bytesBefore, api.calls() - callsBefore, measured.latencyMillis(), measured.millisPerMegabyte(),
                plan.estimate() == null ? 0 : plan.estimate().onePassMillis());
        synchronized (handle) {
            if (!plan.partitioned()) report.lastFullPass(began, true);
            SyncRunLog.pace(handle, runId, api.meanRoundTripMillis(), pageStoreMillis());
            pace.record(handle, runId);
        }
        log.detail(String.format(Locale.ROOT, "sessions: %d records in %d ms, %d ms of CPU, %d ms waiting for the API, %d ms storing",
                pace.records(), pace.millis(), pace.cpuMillis(), pace.waitMillis(), pace.storeMillis()));
    }

    /** CPU time of this process so far, every thread; 0 where the platform does not say. */
    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /** Records how the run pages the sessions, and why, in sync_runs and the report. */
    private void planned(Handle handle, SessionPlan plan) {
        SyncRunLog.sessionsPass(handle, runId, plan.mode(), plan.reason());
        if (plan.athletePagesFiltered() != null) AthletePages.record(handle, runId, plan.athletePagesFiltered());
        report.sessionsPass(plan.mode(), plan.reason(), plan.partitions().size());
    }

    /**
     * One pass per athlete, {@code --parallel} at a time ({@link Partitions}), each with its own
     * checkpoint and delete reconciliation (only that athlete's sessions); a kill resumes every one
     * where it stopped. Pages are fetched in parallel; storing them takes turns on the one
     * connection, which is cheap next to the round trips partitioning exists to overlap.
     */
    private void partitioned(Handle handle, List<String> athletes) {
        // A load an earlier run left unfinished keeps its indexes deferred but the one partitions
        // find an athlete's rows by; the rest are built at the end.
        synchronized (handle) {
            DeferredIndexes.rebuild(handle, Entity.SESSIONS.table(), "athlete_id");
        }
        progress.start(Entity.SESSIONS.name(), sessionsLive(handle));
        Partitions.run(athletes, options.partitioning().parallel(), (athlete, stopNow) -> {
            Map<String, String> query = query();
            query.put("athleteID", athlete);
            pass(handle, Entity.SESSIONS, "athlete:" + athlete, query, id -> true, "athlete_id = ?", List.of(athlete), true, true, stopNow);
        });
        rebuildDeferredIndexes(handle, Entity.SESSIONS);
    }

    private long pageStoreMillis() {
        int pages = sessionPagesStored.get();
        return pages == 0 ? 0 : sessionStoreNanos.get() / pages / 1_000_000;
    }

    private static long sessionsLive(Handle handle) {
        synchronized (handle) {
            return handle.createQuery("SELECT COUNT(*) FROM sessions WHERE deleted_at IS NULL AND source = 'api'").mapTo(Long.class).one();
        }
    }

    /** SessionDataSync reports each committed batch here: the point where it can stop with no session half-stored. */
    private Progress stoppingAfterEachCommit(Progress shown) {
        return new Progress() {
            @Override
            public void start(String entity, long expected) {
                shown.start(entity, expected);
            }

            @Override
            public void page(int pageNo, long records) {
                shown.page(pageNo, records);
                stop.check();
            }

            @Override
            public void close() {
                shown.close();
            }
        };
    }

    /**
     * A pass over an endpoint the API may not have: 404 or 403 means "not available here", not failure.
     *
     * @param alongside it runs alongside other passes (no progress bar of its own)
     */
    private boolean optionalPass(Handle handle, Entity entity, String scope, Predicate<String> wanted, boolean alongside) {
        try {
            pass(handle, entity, scope, query(), wanted, "", List.of(), !options.filtered(), alongside, () -> false);
            recordEndpoint(handle, entity.endpoint(), true, 200, null);
            return true;
        } catch (ApiStatusException e) {
            if (e.status() != 404 && e.status() != 403) throw e;
            report.unavailable(entity.endpoint(), "HTTP " + e.status());
            recordEndpoint(handle, entity.endpoint(), false, e.status(), e.getMessage());
            log.detail(e.getMessage());
            return false;
        }
    }

    /** Waits for the passes that ran alongside the sessions, and fails as they did (after the sessions' own failure, if any). */
    private static void joinAlongside(CompletableFuture<Void> others) {
        try {
            others.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    /**
     * Pages through one endpoint from its checkpoint, committing each page with the next checkpoint;
     * a pass resumed in the middle goes round to where it resumed ({@link PassSweep}).
     *
     * @param where     the rows the pass is responsible for ({@code ?} for each of {@code binds}); empty for all
     * @param reconcile mark deleted the rows (within {@code where}) that a completed pass did not see
     */
    private void pass(Handle handle, Entity entity, String scope, Map<String, String> query, Predicate<String> wanted,
                      String where, List<Object> binds, boolean reconcile) {
        pass(handle, entity, scope, query, wanted, where, binds, reconcile, false, () -> false);
    }

    /**
     * @param alongside one of several passes at once (a partition, or assessments beside the sessions): no progress
     *                  bar of its own, and not the pass an interruption names
     * @param leave     asked after each stored page: true leaves the pass where it is, its checkpoint kept, as a
     *                  partition does when another failed
     */
    private void pass(Handle handle, Entity entity, String scope, Map<String, String> query, Predicate<String> wanted,
                      String where, List<Object> binds, boolean reconcile, boolean alongside, BooleanSupplier leave) {
        stop.check();
        if (!alongside) currentPass = new PassKey(entity.name(), scope);
        SyncPasses.Start start;
        synchronized (handle) { // passes alongside each other share the connection (and the report): each use takes its turn
            start = SyncPasses.startOrResume(handle, entity, scope, options.restart());
        }
        PassSweep sweep = PassSweep.from(start);
        if (sweep.resumedMidTable()) log.info("resuming " + entity.name() + " (" + scope + ") after page " + start.pagesBefore()
                + " where an earlier sync stopped; after the last page it pages again from the first up to there,"
                + " for what changed upstream meanwhile");
        // Paging starts before the writer reads what the store holds (a second or more for a large table), so pages
        // arrive meanwhile (the pager's head start), prepared once the writer is ready. Not for a pass alongside
        // others: it may wait its turn for the connection, and its pages would pile up meanwhile.
        CompletableFuture<EntityWriter> ready = new CompletableFuture<>();
        Pager<EntityWriter.Prepared> firstPager = new Pager<>(api, entity.endpoint(), query, start.token(), start.pagesBefore(),
                options.limits(), entity == Entity.SESSIONS, page -> ready.join().prepare(page), sweep.endToken(),
                alongside ? 0 : Pager.HEAD_START_BYTES);
        EntityWriter writer;
        EntityCounts counts;
        try {
            StoredRows readAside = storedAside(entity, scope); // waited for outside the lock: passes alongside store meanwhile
            synchronized (handle) {
                // Read before a first load drops the table's index.
                StoredRows stored = readAside != null ? readAside : EntityWriter.readStored(handle.getConnection(), entity, where, binds);
                boolean firstLoad = scope.equals("all") && !start.resumed() && stored.isEmpty(); // the whole table, read
                if (firstLoad) DeferredIndexes.defer(handle, entity.table());
                writer = new EntityWriter(entity, wanted, report.fields(), stored);
                if (firstLoad && entity == Entity.SESSIONS && Engine.of(handle) == Engine.H2) {
                    streamedSummaries = new StreamedSummaries();
                    writer.streamInsertsTo(streamedSummaries);
                }
                counts = report.counts(entity.name());
            }
            ready.complete(writer);
        } catch (RuntimeException | Error e) {
            ready.completeExceptionally(e);
            firstPager.close();
            throw e;
        }
        if (!alongside) progress.start(entity.name(), writer.liveRows());
        String token = start.token();
        int pagesBefore = start.pagesBefore();
        boolean completed = false;
        boolean left = false;
        long checkpointed = System.nanoTime();
        int uncheckpointed = 0; // records of the pages stored since
        Pager<EntityWriter.Prepared> nextPager = firstPager;
        while (!completed && !left) {
            if (nextPager == null) nextPager = new Pager<>(api, entity.endpoint(), query, token, pagesBefore, options.limits(),
                    entity == Entity.SESSIONS, writer::prepare, sweep.endToken(), 0);
            try (Pager<EntityWriter.Prepared> pager = nextPager) {
                nextPager = null;
                long waitStarted = System.nanoTime();
                for (Pager.Fetched<EntityWriter.Prepared> page = stop.next(pager); page != null; page = stop.next(pager)) {
                    Pager.Fetched<EntityWriter.Prepared> current = page;
                    boolean completes = sweep.completes(current, current.page().ids());
                    long storeStarted = System.nanoTime();
                    uncheckpointed += current.records();
                    if (storePage(handle, entity, scope, writer, counts, current, completes, reconcile, uncheckpointed,
                            storeStarted - checkpointed >= CHECKPOINT_AT_LEAST_EVERY_NANOS)) {
                        checkpointed = System.nanoTime();
                        uncheckpointed = 0;
                    }
                    if (entity == Entity.SESSIONS) {
                        sessionPagesStored.incrementAndGet();
                        sessionRecords.addAndGet(current.records());
                        if (!alongside) sessionWaitNanos.addAndGet(storeStarted - waitStarted);
                    }
                    completed = completes;
                    pagesBefore = current.pageNo();
                    if (!alongside) progress.page(current.pageNo(), current.records());
                    else if (entity == Entity.SESSIONS) progress.page(0, current.records()); // a partition's page numbers are its own
                    long stored = System.nanoTime();
                    log.detail(String.format("%s page %d: %d records, waited %d ms for the API, stored in %d ms", entity.name(),
                            current.pageNo(), current.records(), (storeStarted - waitStarted) / 1_000_000, (stored - storeStarted) / 1_000_000));
                    waitStarted = stored;
                    left = !completed && leave.getAsBoolean();
                    if (completed || left) break; // the page prefetched after it is not needed
                }
            }
            if (!completed && !left && !sweep.goRound()) throw new IllegalStateException("a pass ended without completing");
            token = ApiPage.FIRST_TOKEN;
        }
        if (!alongside) currentPass = null;
        // Each partition leaves the load's indexes to partitioned().
        boolean partition = alongside && scope.startsWith("athlete:");
        if (completed && !partition) rebuildDeferredIndexes(handle, entity);
    }

    /** Reads what the store holds of an entity on a connection of its own, on a thread of its own. */
    private CompletableFuture<StoredRows> readAside(Entity entity) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection connection = Database.connect(options.database())) {
                return EntityWriter.readStored(connection, entity, "", List.of());
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, runnable -> DaemonThreads.named("valor-stored-" + entity.name()).newThread(runnable).start());
    }

    /** What the store holds of the sessions, read aside for their one pass ({@link #readAside}); null for any other pass, or if that failed. */
    private StoredRows storedAside(Entity entity, String scope) {
        if (entity != Entity.SESSIONS || !scope.equals("all") || sessionsStoredAside == null) return null;
        CompletableFuture<StoredRows> aside = sessionsStoredAside;
        sessionsStoredAside = null;
        try {
            return aside.join();
        } catch (CompletionException e) { // the pass reads them itself, where an error that is not the extra connection's recurs
            log.detail("reading the stored sessions aside failed (" + e.getCause() + "); reading them now");
            return null;
        }
    }

    private void rebuildDeferredIndexes(Handle handle, Entity entity) {
        synchronized (handle) {
            if (!DeferredIndexes.pending(handle, entity.table())) return;
            long started = System.nanoTime();
            DeferredIndexes.rebuild(handle, entity.table());
            log.detail(entity.name() + ": built its indexes in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }

    /**
     * Stores a page and its checkpoint in one transaction; the page that completes the pass also
     * marks deleted what no page of this run carried ({@link PassSweep}) and ends it,
     * and for a full pass over the sessions, records it as the last full pass: it saw everything
     * the partitions an earlier run left would have. A page that changed nothing in the store
     * leaves its checkpoint to a later page, unless {@code checkpointDue}: a kill then costs the
     * next run that page again, and a run with nothing to write commits once a second, not per page.
     *
     * @param records the records of this page and of the pages stored since the last checkpoint
     * @return whether the checkpoint was written
     */
    private boolean storePage(Handle handle, Entity entity, String scope, EntityWriter writer, EntityCounts counts,
                              Pager.Fetched<EntityWriter.Prepared> page, boolean completes, boolean reconcile, int records,
                              boolean checkpointDue) {
        synchronized (handle) { // partitions share the connection: each takes its turn
            long started = System.nanoTime();
            boolean checkpointed = storeInTransaction(handle, entity, scope, writer, counts, page, completes, reconcile, records, checkpointDue);
            if (entity == Entity.SESSIONS) sessionStoreNanos.addAndGet(System.nanoTime() - started);
            return checkpointed;
        }
    }

    private boolean storeInTransaction(Handle handle, Entity entity, String scope, EntityWriter writer, EntityCounts counts,
                                       Pager.Fetched<EntityWriter.Prepared> page, boolean completes, boolean reconcile, int records,
                                       boolean checkpointDue) {
        return handle.inTransaction(tx -> {
            LocalDateTime now = now();
            boolean wrote = writer.store(tx, page.page(), counts, runId, now);
            report.pageStored();
            report.calls(api.calls(), api.retries());
            if (!wrote && !completes && !checkpointDue) return false;
            SyncPasses.recordPage(tx, entity, scope, runId, page.pageNo(), records, completes ? null : PassSweep.checkpoint(page), now);
            if (completes) {
                int deleted = reconcile ? SyncPasses.markDeleted(tx, entity, writer.unseenLiveIds(), now) : 0;
                counts.deleted += deleted;
                SyncPasses.discard(tx, entity, scope);
                if (entity == Entity.SESSIONS && scope.equals("all")) {
                    SyncPasses.discardAthletePasses(tx, entity);
                    SyncRunLog.fullPassCompleted(tx, runId, fullPassBegan);
                    if (streamedSummaries != null && deleted > 0) streamedSummaries.spoil();
                    if (streamedSummaries != null) streamedSummaries.complete();
                }
            }
            SyncRunLog.update(tx, runId, report);
            return true;
        });
    }

    private void warnAboutUnknownAthletes(Handle handle) {
        List<String> known = handle.createQuery("SELECT athlete_id FROM athletes WHERE athlete_id IN (<ids>)")
                .bindList("ids", options.athletes()).mapTo(String.class).list();
        for (String athlete : options.athletes()) {
            if (!known.contains(athlete)) report.note("athlete " + athlete + " is not in the organisation's athlete list");
        }
    }

    private void recordEndpoint(Handle handle, String endpoint, boolean available, int status, String message) {
        synchronized (handle) {
            handle.createUpdate(Engine.of(handle).upsert("sync_endpoints", List.of("endpoint", "available", "http_status", "message",
                            "checked_at"), List.of("endpoint")))
                    .bind(0, endpoint).bind(1, available).bind(2, status).bind(3, message).bind(4, now()).execute();
        }
    }

    private Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(options.pageSize()));
        return query;
    }

    private static Failure asFailure(RuntimeException e, Credentials credentials) {
        if (e instanceof Failure failure) return failure;
        if (e instanceof ApiStatusException status && status.isAuthentication()) {
            return Failure.auth("the API refused the token (" + status.getMessage() + "); " + credentials.refusedAdvice());
        }
        if (e instanceof ApiStatusException status) return Failure.failed(status.getMessage());
        if (e instanceof org.jdbi.v3.core.JdbiException db) return Failure.failed("database error: " + db.getMessage(), db);
        return Failure.failed(String.valueOf(e), e);
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
