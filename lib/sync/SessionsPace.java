package valor.sync;

import org.jdbi.v3.core.Handle;
import valor.api.ApiPace;

/**
 * What a run measured while it paged the sessions, kept in sync_runs for the next run's plan
 * ({@link SessionPlan}): the API's latency and time per megabyte (from requests sent while no other was in flight,
 * {@link ApiPace}), and this process's own cost per record: CPU time (every thread) and the time
 * the one connection was busy storing.
 *
 * @param millis       wall time of the sessions phase
 * @param cpuMillis    CPU time of this process over it (every thread), from the plan on: with the stored rows
 *                     read before one pass, and the assessments and exercises paged meanwhile
 * @param waitMillis   time the storing thread waited for the API (a full pass; 0 for partitions)
 * @param storeMillis  time spent storing pages (one connection: partitions take turns)
 * @param onePassEstimateMillis what the plan estimated one pass would take; 0 when it did not estimate
 */
record SessionsPace(String pass, long millis, long cpuMillis, long waitMillis, long storeMillis, long records, long bytes,
                    long requests, double latencyMillis, double millisPerMegabyte, long onePassEstimateMillis) {

    double cpuMillisPerRecord() {
        return (double) cpuMillis / records;
    }

    double storeMillisPerRecord() {
        return (double) storeMillis / records;
    }

    double bytesPerRecord() {
        return (double) bytes / records;
    }

    /** The last run that paged sessions and measured them; null before the first. */
    static SessionsPace last(Handle handle) {
        return lastWhere(handle, "");
    }

    /** The last run that paged the sessions in one full pass and measured it; null when there was none. */
    static SessionsPace lastFull(Handle handle) {
        return lastWhere(handle, " AND sessions_pass = 'full'");
    }

    double millisPerRecord() {
        return (double) millis / records;
    }

    /** The last partitioned run that had estimated one pass; null when there was none. */
    static SessionsPace lastPartitioned(Handle handle) {
        return lastWhere(handle, " AND sessions_pass = 'partitioned' AND one_pass_estimate_ms IS NOT NULL");
    }

    /**
     * The API's time per megabyte as last measured: a partitioned run's requests overlap, and a run
     * whose answers were alike in size cannot tell it from latency, so it may be an older run's.
     */
    static double lastMillisPerMegabyte(Handle handle) {
        return handle.createQuery("SELECT api_ms_per_mb FROM sync_runs WHERE api_ms_per_mb IS NOT NULL ORDER BY run_id DESC LIMIT 1")
                .mapTo(Double.class).findOne().orElse(Double.NaN);
    }

    private static SessionsPace lastWhere(Handle handle, String where) {
        return handle.createQuery("SELECT sessions_pass, sessions_ms, sessions_cpu_ms, sessions_wait_ms, sessions_store_ms, sessions_records,"
                        + " sessions_bytes, sessions_requests, api_latency_ms, api_ms_per_mb, one_pass_estimate_ms FROM sync_runs"
                        + " WHERE sessions_records > 0 AND sessions_ms IS NOT NULL" + where + " ORDER BY run_id DESC LIMIT 1")
                .map((rs, ctx) -> new SessionsPace(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8), number(rs.getObject(9)), number(rs.getObject(10)), rs.getLong(11)))
                .findOne().orElse(null);
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    void record(Handle handle, long runId) {
        handle.createUpdate("UPDATE sync_runs SET sessions_ms = ?, sessions_cpu_ms = ?, sessions_wait_ms = ?, sessions_store_ms = ?,"
                        + " sessions_records = ?, sessions_bytes = ?, sessions_requests = ?, api_latency_ms = ?, api_ms_per_mb = ?,"
                        + " one_pass_estimate_ms = ? WHERE run_id = ?")
                .bind(0, millis).bind(1, cpuMillis).bind(2, waitMillis).bind(3, storeMillis).bind(4, records).bind(5, bytes)
                .bind(6, requests).bind(7, orNull(latencyMillis)).bind(8, orNull(millisPerMegabyte))
                .bind(9, onePassEstimateMillis == 0 ? null : onePassEstimateMillis).bind(10, runId).execute();
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
