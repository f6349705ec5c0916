package valor.sync;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import valor.base.Secrets;
import valor.sessiondata.FetchCounts;
import valor.store.Engine;

/** The sync_runs table: one row per run, kept current page by page so a killed run shows how far it got. */
public final class SyncRunLog {
    private SyncRunLog() {}

    /**
     * Runs still marked running belong to syncs that were killed (kill -9, a crash, the machine
     * going down): the caller holds the sync lock, so none is alive. When they died is not known;
     * finished_at is when this run found them, and their error says so.
     */
    public static void markAbandonedRuns(Handle handle, LocalDateTime now) {
        handle.execute("UPDATE sync_runs SET status = 'interrupted', finished_at = ?, error = COALESCE(error, ?) WHERE status = 'running'",
                now, "the process ended mid-run (killed, crashed, or the machine stopped); noticed by the next sync");
    }

    /** @param lastFullPass when the last full pass over the organisation's sessions began, carried into the new row */
    public static long start(Handle handle, String scope, String apiUrl, int pageSize, LocalDateTime lastFullPass, LocalDateTime now) {
        return handle.createUpdate("INSERT INTO sync_runs (started_at, status, scope, api_url, page_size, last_full_pass_at)"
                        + " VALUES (?, 'running', ?, ?, ?, ?)")
                .bind(0, now).bind(1, scope).bind(2, apiUrl).bind(3, pageSize).bind(4, lastFullPass)
                .executeAndReturnGeneratedKeys("run_id").mapTo(Long.class).one();
    }

    /** How the run pages /sessions, and why ({@link SessionPlan}). */
    public static void sessionsPass(Handle handle, long runId, String how, String why) {
        handle.execute("UPDATE sync_runs SET sessions_pass = ?, sessions_pass_reason = ? WHERE run_id = ?", how, why, runId);
    }

    /** The run's full pass over the sessions completed: from now on it is the last full pass, from when it began. */
    public static void fullPassCompleted(Handle handle, long runId, LocalDateTime began) {
        handle.execute("UPDATE sync_runs SET last_full_pass_at = ? WHERE run_id = ?", began, runId);
    }

    /** What the run's pace was made of ({@link SessionPlan} reads it to decide the next run's). */
    public static void pace(Handle handle, long runId, long roundTripMillis, long pageStoreMillis) {
        handle.execute("UPDATE sync_runs SET round_trip_ms = ?, page_store_ms = ? WHERE run_id = ?", roundTripMillis, pageStoreMillis, runId);
    }

    /** Brings the run's row and its counts up to date (inside a page's transaction, or at the end). */
    public static void update(Handle tx, long runId, SyncReport report) {
        tx.createUpdate("UPDATE sync_runs SET pages = ?, api_calls = ?, retries = ? WHERE run_id = ?")
                .bind(0, report.pages()).bind(1, report.apiCalls()).bind(2, report.retries()).bind(3, runId).execute();
        for (Map.Entry<String, EntityCounts> entry : report.counts().entrySet()) {
            EntityCounts c = entry.getValue();
            tx.createUpdate(Engine.of(tx).upsert("sync_run_counts", List.of("run_id", "entity", "added", "updated", "unchanged", "deleted",
                            "rejected"), List.of("run_id", "entity")))
                    .bind(0, runId).bind(1, entry.getKey()).bind(2, c.added).bind(3, c.updated).bind(4, c.unchanged)
                    .bind(5, c.deleted).bind(6, c.rejected).execute();
        }
        for (Map.Entry<String, FetchCounts> entry : report.fetches().entrySet()) {
            FetchCounts c = entry.getValue();
            tx.createUpdate(Engine.of(tx).upsert("sync_run_fetches", List.of("run_id", "kind", "fetched", "skipped", "failed"),
                            List.of("run_id", "kind")))
                    .bind(0, runId).bind(1, entry.getKey()).bind(2, c.fetched).bind(3, c.skipped).bind(4, c.failed).execute();
        }
    }

    public static void finish(Handle handle, long runId, SyncReport report, String status, String error, LocalDateTime now) {
        handle.useTransaction(tx -> {
            update(tx, runId, report);
            List<String> warnings = report.warnings();
            tx.createUpdate("UPDATE sync_runs SET status = ?, finished_at = ?, warnings = ?, error = ? WHERE run_id = ?")
                    .bind(0, status).bind(1, now).bind(2, warnings.isEmpty() ? null : String.join("\n", warnings))
                    .bind(3, error == null ? null : Secrets.redact(error)).bind(4, runId).execute();
        });
    }
}
