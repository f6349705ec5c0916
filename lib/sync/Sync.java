package valor.sync;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import valor.api.ApiClient;
import valor.api.ApiStatusException;
import valor.api.Credentials;
import valor.api.Pager;
import valor.base.Failure;
import valor.base.Log;
import valor.store.Database;

/**
 * One sync run: athletes, assessments, exercises and sessions paged from the API into the store,
 * each page committed with its checkpoint, then what the optional endpoints did not give
 * derived from sessions; then, if asked, each session's report and IK data ({@link SessionDataSync}).
 * Failures are recorded in sync_runs and rethrown as a {@link Failure}.
 */
public final class Sync {
    private final SyncOptions options;
    private final Log log;
    private final Progress progress;
    private final SyncReport report = new SyncReport();
    private ApiClient api;
    private long runId;

    public Sync(SyncOptions options, Log log, Progress progress) {
        this.options = options;
        this.log = log;
        this.progress = progress;
    }

    public SyncReport report() {
        return report;
    }

    public SyncReport run() {
        long started = System.nanoTime();
        try (Handle handle = Database.openForWriting(options.database());
             SyncLock lock = SyncLock.acquire(options.database())) {
            SyncRunLog.markAbandonedRuns(handle, now());
            String scope = options.filtered() ? String.join(",", options.athletes()) : "all";
            runId = SyncRunLog.start(handle, scope, options.api().toString(), options.pageSize(), now());
            report.begin(runId, options.database().display());
            api = new ApiClient(options.api(), options.credentials(), options.retry(), options.timeout(), log);
            try {
                syncEverything(handle);
            } catch (RuntimeException e) {
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
        boolean athletesListed = optionalPass(handle, Entity.ATHLETES, listScope, wantedAthlete);
        if (athletesListed && options.filtered()) warnAboutUnknownAthletes(handle);
        if (!options.filtered()) {
            optionalPass(handle, Entity.ASSESSMENTS, "all", id -> true);
            optionalPass(handle, Entity.EXERCISES, "all", id -> true);
            pass(handle, Entity.SESSIONS, "all", query(), id -> true, "", Map.of(), true);
        } else {
            for (String athlete : options.athletes()) {
                Map<String, String> query = query();
                query.put("athleteID", athlete);
                pass(handle, Entity.SESSIONS, "athlete:" + athlete, query, id -> true, "athlete_id = :athlete",
                        Map.of("athlete", athlete), true);
            }
        }
        handle.useTransaction(tx -> DerivedRows.fromSessions(tx, report, now()));
        if (options.sessionData().wanted()) new SessionDataSync(api, options, report, runId, log, progress).run(handle);
    }

    /** A pass over an endpoint the API may not have: 404 or 403 means "not available here", not failure. */
    private boolean optionalPass(Handle handle, Entity entity, String scope, Predicate<String> wanted) {
        try {
            pass(handle, entity, scope, query(), wanted, "", Map.of(), !options.filtered());
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

    /**
     * Pages through one endpoint from its checkpoint, committing each page with the next checkpoint.
     *
     * @param reconcile mark deleted the rows (within {@code where}) that a completed pass did not see
     */
    private void pass(Handle handle, Entity entity, String scope, Map<String, String> query, Predicate<String> wanted,
                      String where, Map<String, Object> binds, boolean reconcile) {
        SyncPasses.Start start = SyncPasses.startOrResume(handle, entity, scope, options.restart());
        if (start.resumed()) log.info("resuming " + entity.name() + " (" + scope + ") after page " + start.pagesBefore()
                + " where an earlier sync stopped");
        if (scope.equals("all") && !start.resumed() && isEmpty(handle, entity)) DeferredIndexes.defer(handle, entity.table());
        EntityWriter writer = new EntityWriter(handle, entity, wanted, report.fields(), where, binds);
        EntityCounts counts = report.counts(entity.name());
        progress.start(entity.name(), writer.liveRows());
        try (Pager<EntityWriter.Prepared> pager = new Pager<>(api, entity.endpoint(), query, start.token(), start.pagesBefore(),
                options.limits(), entity == Entity.SESSIONS, writer::prepare)) {
            long waitStarted = System.nanoTime();
            for (Pager.Fetched<EntityWriter.Prepared> page = pager.next(); page != null; page = pager.next()) {
                Pager.Fetched<EntityWriter.Prepared> current = page;
                long storeStarted = System.nanoTime();
                handle.useTransaction(tx -> {
                    LocalDateTime now = now();
                    writer.store(tx, current.page(), counts, runId, now);
                    SyncPasses.recordPage(tx, entity, scope, runId, current, current.page().ids(), now);
                    if (current.isLast()) {
                        if (reconcile) counts.deleted += SyncPasses.markUnseenDeleted(tx, entity, scope, writer.liveIds(), now);
                        SyncPasses.discard(tx, entity, scope);
                    }
                    report.pageStored();
                    report.calls(api.calls(), api.retries());
                    SyncRunLog.update(tx, runId, report);
                });
                progress.page(current.pageNo(), current.records());
                long stored = System.nanoTime();
                log.detail(String.format("%s page %d: %d records, waited %d ms for the API, stored in %d ms", entity.name(),
                        current.pageNo(), current.records(), (storeStarted - waitStarted) / 1_000_000, (stored - storeStarted) / 1_000_000));
                waitStarted = stored;
            }
        }
        if (DeferredIndexes.pending(handle, entity.table())) {
            long started = System.nanoTime();
            DeferredIndexes.rebuild(handle, entity.table());
            log.detail(entity.name() + ": built its indexes in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }

    private static boolean isEmpty(Handle handle, Entity entity) {
        return handle.createQuery("SELECT COUNT(*) FROM " + entity.table()).mapTo(Long.class).one() == 0; // H2 keeps this count
    }

    private void warnAboutUnknownAthletes(Handle handle) {
        List<String> known = handle.createQuery("SELECT athlete_id FROM athletes WHERE athlete_id IN (<ids>)")
                .bindList("ids", options.athletes()).mapTo(String.class).list();
        for (String athlete : options.athletes()) {
            if (!known.contains(athlete)) report.note("athlete " + athlete + " is not in the organisation's athlete list");
        }
    }

    private void recordEndpoint(Handle handle, String endpoint, boolean available, int status, String message) {
        handle.createUpdate("MERGE INTO sync_endpoints (endpoint, available, http_status, message, checked_at) KEY (endpoint)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .bind(0, endpoint).bind(1, available).bind(2, status).bind(3, message).bind(4, now()).execute();
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
