//DEPS org.jdbi:jdbi3-core:3.55.0
package valor.sessiondata;

import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import valor.base.Secrets;
import valor.ik.IkJointSummary;
import valor.sessiondata.SessionDataFetcher.EncodedJoint;
import valor.sessiondata.SessionDataFetcher.Task;
import valor.store.Engine;

/**
 * The store's side of per-session data: which sessions need fetching, and writing one fetched
 * session (its rows replace any earlier ones) or one failure, together with its row in
 * session_data_fetches, inside the caller's transaction.
 */
public final class SessionDataStore {
    private SessionDataStore() {}

    /** A session whose data can be fetched: live, with an s3Key. */
    private static final String FETCHABLE = "%1$s.deleted_at IS NULL AND %1$s.s3_key IS NOT NULL AND %1$s.s3_key <> ''";

    /**
     * Sessions still to fetch, in session id order after {@code after} (exclusive; "" for the start):
     * of {@code athletes} (everyone if empty), and only each athlete's {@code recent} newest fetchable
     * sessions when {@code recent} is above 0.
     */
    public static List<Task> candidates(Handle handle, SessionDataKind kind, List<String> athletes, int recent, String after, int limit) {
        Query query = handle.createQuery("SELECT s.session_id, s.s3_key FROM " + inScope(athletes, recent)
                        + " LEFT JOIN session_data_fetches f ON f.session_id = s.session_id AND f.kind = :kind"
                        + " WHERE s.session_id > :after AND " + FETCHABLE.formatted("s")
                        + " AND (f.stored_s3_key IS NULL OR f.stored_s3_key <> s.s3_key)" + ofAthletes(athletes, recent)
                        + " ORDER BY s.session_id LIMIT :limit")
                .bind("kind", kind.label()).bind("after", after).bind("limit", limit);
        return bindScope(query, athletes, recent).map((rs, ctx) -> new Task(kind, rs.getString(1), rs.getString(2))).list();
    }

    /** Sessions in the same scope whose data is already stored for their current s3Key. */
    public static long upToDate(Handle handle, SessionDataKind kind, List<String> athletes, int recent) {
        Query query = handle.createQuery("SELECT COUNT(*) FROM " + inScope(athletes, recent) + " JOIN session_data_fetches f"
                        + " ON f.session_id = s.session_id AND f.kind = :kind AND f.stored_s3_key = s.s3_key"
                        + " WHERE s.deleted_at IS NULL" + ofAthletes(athletes, recent))
                .bind("kind", kind.label());
        return bindScope(query, athletes, recent).mapTo(Long.class).one();
    }

    /**
     * The sessions a fetch is for, as {@code s}: all of them, or with {@code recent} each athlete's
     * newest fetchable ones, ranked once per query in a derived table (as a subquery in the
     * condition, H2 ranked them again for every row), of {@code athletes} only if there are any.
     */
    private static String inScope(List<String> athletes, int recent) {
        if (recent <= 0) return "sessions s";
        // Newest first per athlete; sessions without a date count as the oldest.
        return "(SELECT * FROM (SELECT r.session_id, r.s3_key, r.deleted_at, ROW_NUMBER() OVER (PARTITION BY r.athlete_id"
                + " ORDER BY r.recorded_at DESC NULLS LAST, r.session_id DESC) AS newest FROM sessions r WHERE "
                + FETCHABLE.formatted("r") + (athletes.isEmpty() ? "" : " AND r.athlete_id IN (<athletes>)")
                + ") ranked WHERE newest <= :recent) s";
    }

    /** The condition on {@code s} for {@code athletes}, where {@link #inScope} has not applied it already. */
    private static String ofAthletes(List<String> athletes, int recent) {
        return athletes.isEmpty() || recent > 0 ? "" : " AND s.athlete_id IN (<athletes>)";
    }

    private static Query bindScope(Query query, List<String> athletes, int recent) {
        if (!athletes.isEmpty()) query.bindList("athletes", athletes);
        if (recent > 0) query.bind("recent", recent);
        return query;
    }

    /** Live sessions without an s3Key: nothing can be fetched for them. */
    public static long withoutKey(Handle handle, List<String> athletes) {
        Query query = handle.createQuery("SELECT COUNT(*) FROM sessions s WHERE s.deleted_at IS NULL AND (s.s3_key IS NULL OR s.s3_key = '')"
                + (athletes.isEmpty() ? "" : " AND s.athlete_id IN (<athletes>)"));
        if (!athletes.isEmpty()) query.bindList("athletes", athletes);
        return query.mapTo(Long.class).one();
    }

    public static void storeReport(Handle tx, SessionDataFetcher.Report report, long runId, LocalDateTime now) {
        String session = report.task().sessionId();
        tx.execute("DELETE FROM report_metrics WHERE session_id = ?", session);
        tx.execute("DELETE FROM report_metric_fields WHERE session_id = ?", session);
        tx.createUpdate(Engine.of(tx).upsert("session_reports", List.of("session_id", "s3_key", "metric_rows", "raw", "fetched_at"),
                        List.of("session_id")))
                .bind(0, session).bind(1, report.task().s3Key()).bind(2, report.rows().size()).bind(3, report.raw()).bind(4, now)
                .execute();
        PreparedBatch metrics = tx.prepareBatch("INSERT INTO report_metrics (session_id, section, metric_group, metric, side,"
                + " avg_max, score, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedBatch fields = tx.prepareBatch("INSERT INTO report_metric_fields (session_id, section, metric_group, metric, side,"
                + " field, field_value) VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (ReportMetrics.Row row : report.rows()) {
            metrics.bind(0, session).bind(1, row.section()).bind(2, row.group()).bind(3, row.metric()).bind(4, row.side())
                    .bind(5, row.avgMax()).bind(6, row.score()).bind(7, row.fields().size()).add();
            row.fields().forEach((name, value) -> fields.bind(0, session).bind(1, row.section()).bind(2, row.group())
                    .bind(3, row.metric()).bind(4, row.side()).bind(5, name).bind(6, value).add());
        }
        if (metrics.size() > 0) metrics.execute();
        if (fields.size() > 0) fields.execute();
        markStored(tx, report.task(), runId, now);
    }

    public static void storeIk(Handle tx, SessionDataFetcher.Ik ik, long runId, LocalDateTime now) {
        String session = ik.task().sessionId();
        tx.execute("DELETE FROM ik_joint_series WHERE session_id = ?", session);
        tx.execute("DELETE FROM ik_joint_summary WHERE session_id = ?", session);
        IkArrays arrays = IkArrays.of(Engine.of(tx));
        tx.createUpdate(Engine.of(tx).upsert("ik_series", List.of("session_id", "s3_key", "samples", "duration_s", "joints", "time_data",
                        "extra", "json_bytes", "stored_bytes", "fetched_at"), List.of("session_id")))
                .bind(0, session).bind(1, ik.task().s3Key()).bind(2, ik.samples()).bind(3, ik.durationSeconds())
                .bind(4, ik.joints().size()).bind(5, arrays.column(ik.time())).bind(6, ik.extra()).bind(7, ik.jsonBytes())
                .bind(8, ik.storedBytes()).bind(9, now).execute();
        PreparedBatch series = tx.prepareBatch("INSERT INTO ik_joint_series (session_id, joint, position, angle_data, velocity_data,"
                + " acceleration_data) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedBatch summaries = tx.prepareBatch("INSERT INTO ik_joint_summary (session_id, joint, samples, duration_s, min_angle,"
                + " max_angle, range_of_motion, mean_angle, peak_abs_velocity, peak_abs_acceleration) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        int position = 0;
        for (EncodedJoint joint : ik.joints()) {
            series.bind(0, session).bind(1, joint.name()).bind(2, position++).bind(3, arrays.column(joint.angle()))
                    .bind(4, arrays.column(joint.velocity())).bind(5, arrays.column(joint.acceleration())).add();
            IkJointSummary s = joint.summary();
            summaries.bind(0, session).bind(1, joint.name()).bind(2, s.samples()).bind(3, s.durationSeconds()).bind(4, s.minAngle())
                    .bind(5, s.maxAngle()).bind(6, s.rangeOfMotion()).bind(7, s.meanAngle()).bind(8, s.peakAbsVelocity())
                    .bind(9, s.peakAbsAcceleration()).add();
        }
        if (series.size() > 0) series.execute();
        if (summaries.size() > 0) summaries.execute();
        markStored(tx, ik.task(), runId, now);
    }

    private static void markStored(Handle tx, Task task, long runId, LocalDateTime now) {
        tx.createUpdate(Engine.of(tx).upsert("session_data_fetches", List.of("session_id", "kind", "status", "s3_key", "stored_s3_key",
                        "attempts", "http_status", "error", "last_attempt_at", "stored_at", "run_id"), List.of("session_id", "kind")))
                .bind(0, task.sessionId()).bind(1, task.kind().label()).bind(2, "stored").bind(3, task.s3Key()).bind(4, task.s3Key())
                .bind(5, 0).bindNull(6, Types.INTEGER).bindNull(7, Types.VARCHAR).bind(8, now).bind(9, now).bind(10, runId).execute();
    }

    /** Records a failure; data stored earlier (for an older s3Key) stays, and so does its stored_s3_key. */
    public static void recordFailure(Handle tx, SessionDataFetcher.Failed failed, long runId, LocalDateTime now) {
        Task task = failed.task();
        String error = Secrets.redact(failed.message());
        int updated = tx.createUpdate("UPDATE session_data_fetches SET status = 'failed',"
                        + " attempts = CASE WHEN status = 'failed' AND s3_key = :key THEN attempts + 1 ELSE 1 END,"
                        + " s3_key = :key, http_status = :status, error = :error, last_attempt_at = :now, run_id = :run"
                        + " WHERE session_id = :session AND kind = :kind")
                .bind("key", task.s3Key()).bind("status", failed.httpStatus()).bind("error", error).bind("now", now)
                .bind("run", runId).bind("session", task.sessionId()).bind("kind", task.kind().label()).execute();
        if (updated == 0) {
            tx.createUpdate("INSERT INTO session_data_fetches (session_id, kind, status, s3_key, stored_s3_key, attempts, http_status,"
                            + " error, last_attempt_at, stored_at, run_id) VALUES (?, ?, 'failed', ?, NULL, 1, ?, ?, ?, NULL, ?)")
                    .bind(0, task.sessionId()).bind(1, task.kind().label()).bind(2, task.s3Key()).bind(3, failed.httpStatus())
                    .bind(4, error).bind(5, now).bind(6, runId).execute();
        }
    }
}
