//DEPS org.jdbi:jdbi3-core:3.55.0
package valor.sync;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import valor.api.ApiClient;
import valor.base.DaemonThreads;
import valor.base.Failure;
import valor.base.Log;
import valor.sessiondata.FetchCounts;
import valor.sessiondata.SessionDataFetcher;
import valor.sessiondata.SessionDataFetcher.Fetched;
import valor.sessiondata.SessionDataFetcher.Task;
import valor.sessiondata.SessionDataKind;
import valor.sessiondata.SessionDataOptions;
import valor.sessiondata.SessionDataStore;

/**
 * The sync's per-session phase (--with reports,ik): N fetcher threads, each with one request in
 * flight, feed one writer (the calling thread, which owns the database handle) through a bounded
 * queue, so however many sessions there are, at most about 2N fetched sessions are held in memory.
 * Sessions to fetch are read from the store a batch at a time, in session id order.
 * <p>
 * Each session's rows, summary and fetch state are written in one transaction (several sessions
 * may share one, to save commits), so a kill leaves every session fully stored or not at all. A
 * failed session is recorded and retried on the next run; only a refused token, or a run of
 * failures so long that the API is clearly down, stops the phase.
 */
final class SessionDataSync {
    private static final int CANDIDATE_BATCH = 500;
    private static final int MAX_SESSIONS_PER_COMMIT = 64;
    private static final long MAX_BYTES_PER_COMMIT = 16L << 20;

    private final ApiClient api;
    private final SessionDataOptions options;
    private final List<String> athletes;
    private final SyncReport report;
    private final long runId;
    private final Log log;
    private final Progress progress;
    private final int failuresInARowToStop;

    SessionDataSync(ApiClient api, SyncOptions sync, SyncReport report, long runId, Log log, Progress progress) {
        this.api = api;
        this.options = sync.sessionData();
        this.athletes = sync.athletes();
        this.report = report;
        this.runId = runId;
        this.log = log;
        this.progress = progress;
        this.failuresInARowToStop = Math.max(20, 2 * options.concurrency());
    }

    void run(Handle handle) {
        List<SessionDataKind> kinds = new ArrayList<>();
        for (SessionDataKind kind : SessionDataKind.values()) {
            if (!options.kinds().contains(kind)) continue;
            kinds.add(kind);
            report.fetches(kind.label()).skipped = SessionDataStore.upToDate(handle, kind, athletes, options.recent());
        }
        long withoutKey = SessionDataStore.withoutKey(handle, athletes);
        if (withoutKey > 0) report.note(withoutKey + " session(s) have no s3Key, so their reports and IK data cannot be fetched");

        ExecutorService fetchers = Executors.newFixedThreadPool(options.concurrency(), DaemonThreads.numbered("valor-fetch"));
        BlockingQueue<Task> tasks = new ArrayBlockingQueue<>(options.concurrency());
        BlockingQueue<Fetched> fetched = new ArrayBlockingQueue<>(options.concurrency());
        SessionDataFetcher fetcher = new SessionDataFetcher(api);
        for (int i = 0; i < options.concurrency(); i++) fetchers.execute(() -> fetchUntilStopped(fetcher, tasks, fetched));
        progress.start(kinds.stream().map(SessionDataKind::label).collect(java.util.stream.Collectors.joining("+")), 0);
        try {
            writeAsFetched(handle, new Candidates(handle, kinds), tasks, fetched);
        } finally {
            fetchers.shutdownNow(); // idle fetchers wait on the task queue; in-flight ones are abandoned
            try {
                fetchers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void fetchUntilStopped(SessionDataFetcher fetcher, BlockingQueue<Task> tasks, BlockingQueue<Fetched> fetched) {
        try {
            while (true) {
                Task task = tasks.take();
                Fetched outcome;
                try {
                    outcome = fetcher.fetch(task);
                } catch (Throwable e) { // e.g. OutOfMemoryError: the writer must hear of it, not wait forever
                    outcome = new SessionDataFetcher.Fatal(task, e instanceof RuntimeException r ? r
                            : Failure.failed("fetching " + task.kind().label() + " for session " + task.sessionId() + " failed: " + e, e));
                }
                fetched.put(outcome);
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeAsFetched(Handle handle, Candidates candidates, BlockingQueue<Task> tasks, BlockingQueue<Fetched> fetched) {
        int inFlight = 0;
        int failuresInARow = 0;
        String lastFailure = null;
        List<Fetched> batch = new ArrayList<>();
        while (true) {
            // Only this thread adds tasks, so offering never blocks; the queue's size is the back-pressure.
            Task next;
            while (tasks.remainingCapacity() > 0 && (next = candidates.next()) != null) {
                tasks.add(next);
                inFlight++;
            }
            if (inFlight == 0) return;
            batch.clear();
            batch.add(take(fetched));
            fetched.drainTo(batch, MAX_SESSIONS_PER_COMMIT - 1);
            inFlight -= batch.size();
            List<Fetched> pending = new ArrayList<>();
            long bytes = 0;
            for (Fetched outcome : batch) {
                if (outcome instanceof SessionDataFetcher.Fatal fatal) {
                    writeBatch(handle, pending); // what arrived before it is good
                    throw fatal.error();
                }
                if (outcome instanceof SessionDataFetcher.Failed failed) {
                    failuresInARow++;
                    lastFailure = failed.message();
                } else {
                    failuresInARow = 0;
                }
                pending.add(outcome);
                bytes += sizeOf(outcome);
                if (failuresInARow >= failuresInARowToStop) {
                    writeBatch(handle, pending);
                    throw Failure.failed("stopped fetching after " + failuresInARow + " sessions in a row failed (last: " + lastFailure
                            + "); the failures are recorded and retried on the next run");
                }
                if (bytes > MAX_BYTES_PER_COMMIT) {
                    writeBatch(handle, pending);
                    pending.clear();
                    bytes = 0;
                }
            }
            writeBatch(handle, pending);
        }
    }

    private void writeBatch(Handle handle, List<Fetched> outcomes) {
        if (outcomes.isEmpty()) return;
        List<Fetched> copy = List.copyOf(outcomes);
        handle.useTransaction(tx -> {
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            for (Fetched outcome : copy) {
                FetchCounts counts = report.fetches(outcome.task().kind().label());
                if (outcome instanceof SessionDataFetcher.Report fetchedReport) {
                    SessionDataStore.storeReport(tx, fetchedReport, runId, now);
                    counts.fetched++;
                } else if (outcome instanceof SessionDataFetcher.Ik ik) {
                    SessionDataStore.storeIk(tx, ik, runId, now);
                    counts.fetched++;
                } else if (outcome instanceof SessionDataFetcher.Failed failed) {
                    SessionDataStore.recordFailure(tx, failed, runId, now);
                    counts.failed++;
                    log.detail("session " + failed.task().sessionId() + ": " + failed.message());
                }
            }
            report.calls(api.calls(), api.retries());
            SyncRunLog.update(tx, runId, report);
        });
        progress.page(0, copy.size()); // 0: sessions, not pages
    }

    private static long sizeOf(Fetched outcome) {
        if (outcome instanceof SessionDataFetcher.Ik ik) return ik.storedBytes();
        if (outcome instanceof SessionDataFetcher.Report fetchedReport) return fetchedReport.raw().length() * 2L;
        return 0;
    }

    private static Fetched take(BlockingQueue<Fetched> fetched) {
        try {
            return fetched.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.failed("interrupted while fetching session data");
        }
    }

    /** The sessions to fetch, kind after kind, read from the store a batch at a time. */
    private final class Candidates {
        private final Handle handle;
        private final Deque<SessionDataKind> kinds;
        private final Deque<Task> buffered = new ArrayDeque<>();
        private String after = "";
        private boolean kindExhausted;

        Candidates(Handle handle, List<SessionDataKind> kinds) {
            this.handle = handle;
            this.kinds = new ArrayDeque<>(kinds);
        }

        Task next() {
            while (buffered.isEmpty() && !kinds.isEmpty()) {
                if (kindExhausted) {
                    kinds.removeFirst();
                    after = "";
                    kindExhausted = false;
                    continue;
                }
                List<Task> batch = SessionDataStore.candidates(handle, kinds.peekFirst(), athletes, options.recent(), after, CANDIDATE_BATCH);
                buffered.addAll(batch);
                if (batch.size() < CANDIDATE_BATCH) kindExhausted = true;
                if (!batch.isEmpty()) after = batch.get(batch.size() - 1).sessionId();
            }
            return buffered.pollFirst();
        }
    }
}
