package valor.sync;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import valor.base.Secrets;
import valor.sessiondata.FetchCounts;

/** What one sync run did, for the summary line, --json, and the sync_runs row. */
public final class SyncReport {
    private final Map<String, EntityCounts> counts = new LinkedHashMap<>();
    private final Map<String, FetchCounts> fetches = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final FieldReport fields = new FieldReport();
    private long runId;
    private String database;
    private String status = "running";
    private String error;
    private int pages;
    private int apiCalls;
    private int retries;
    private long elapsedMillis;
    /** How the sessions were paged (sync_runs.sessions_pass), why, and over how many athletes; null before the plan. */
    private String sessionsPass;
    private String sessionsPassReason;
    private int sessionsPassAthletes;
    private LocalDateTime lastFullPass;
    private boolean fullPassThisRun;

    public EntityCounts counts(String entity) {
        return counts.computeIfAbsent(entity, k -> new EntityCounts());
    }

    public Map<String, EntityCounts> counts() {
        return counts;
    }

    /** Per-session data (reports, ik) fetched, skipped and failed. */
    public FetchCounts fetches(String kind) {
        return fetches.computeIfAbsent(kind, k -> new FetchCounts());
    }

    public Map<String, FetchCounts> fetches() {
        return fetches;
    }

    public FieldReport fields() {
        return fields;
    }

    /** An optional endpoint that did not answer, and why. */
    public void unavailable(String endpoint, String why) {
        unavailable.put(endpoint, why);
    }

    public Map<String, String> unavailable() {
        return unavailable;
    }

    public void note(String warning) {
        notes.add(warning);
    }

    /** Everything the user should know that did not stop the run. */
    public List<String> warnings() {
        List<String> all = new ArrayList<>(notes);
        unavailable.forEach((endpoint, why) -> all.add("/" + endpoint + " is not available (" + why + "); derived what could be from sessions"));
        all.addAll(fields.warnings());
        counts.forEach((entity, c) -> {
            if (c.rejected > 0) all.add(entity + ": " + c.rejected + " record(s) without an id were kept in sync_rejects");
        });
        fetches.forEach((kind, c) -> {
            if (c.failed > 0) all.add(kind + ": " + c.failed + " session(s) could not be fetched (see session_data_fetches);"
                    + " they are retried on the next run");
        });
        return all;
    }

    void sessionsPass(String mode, String reason, int athletes) {
        sessionsPass = mode;
        sessionsPassReason = reason;
        sessionsPassAthletes = athletes;
    }

    /** @param thisRun whether this run's own full pass completed */
    void lastFullPass(LocalDateTime began, boolean thisRun) {
        lastFullPass = began;
        fullPassThisRun = thisRun;
    }

    public String sessionsPass() {
        return sessionsPass;
    }

    /** When the last complete full pass over the organisation's sessions began (UTC); null before the first. */
    public LocalDateTime lastFullPass() {
        return lastFullPass;
    }

    void pageStored() {
        pages++;
    }

    void calls(int apiCalls, int retries) {
        this.apiCalls = apiCalls;
        this.retries = retries;
    }

    void begin(long runId, String database) {
        this.runId = runId;
        this.database = database;
    }

    void end(String status, String error, long elapsedMillis) {
        this.status = status;
        this.error = error;
        this.elapsedMillis = elapsedMillis;
    }

    public long runId() {
        return runId;
    }

    public String status() {
        return status;
    }

    public int pages() {
        return pages;
    }

    public int apiCalls() {
        return apiCalls;
    }

    public int retries() {
        return retries;
    }

    /** e.g. "sessions 2000 new, 0 changed, 0 unchanged, 0 deleted; athletes 25 new, ...; 30 pages, 33 API calls, 0 retries, 3.1 s" */
    public String summaryLine() {
        StringBuilder line = new StringBuilder();
        List<String> order = new ArrayList<>(counts.keySet());
        if (order.remove("sessions")) order.add(0, "sessions"); // what users care about first
        for (String entity : order) {
            EntityCounts c = counts.get(entity);
            line.append(entity).append(' ').append(c.added).append(" new, ").append(c.updated).append(" changed, ")
                    .append(c.unchanged).append(" unchanged, ").append(c.deleted).append(" deleted");
            if (c.rejected > 0) line.append(", ").append(c.rejected).append(" rejected");
            line.append("; ");
        }
        fetches.forEach((kind, c) -> line.append(kind).append(' ').append(c.fetched).append(" fetched, ").append(c.skipped)
                .append(" skipped, ").append(c.failed).append(" failed; "));
        return line.append(pages).append(" pages, ").append(apiCalls).append(" API calls, ").append(retries)
                .append(" retries, ").append(String.format("%.1f s", elapsedMillis / 1000.0)).toString();
    }

    /**
     * e.g. "sessions paged per athlete, 52 athletes: partitions pay (...); last full pass 2026-03-01 02:30:12 UTC";
     * null when the run ended before it chose.
     */
    public String sessionsPassLine() {
        if (sessionsPass == null) return null;
        String how = switch (sessionsPass) {
            case SessionPlan.PARTITIONED -> "per athlete, " + sessionsPassAthletes + " athletes";
            case SessionPlan.ATHLETES -> "for the athletes asked for only";
            default -> "in one pass over the organisation";
        };
        String last = lastFullPass == null ? "none yet" : utc(lastFullPass) + (fullPassThisRun ? " (this run)" : "");
        return "sessions paged " + how + ": " + sessionsPassReason + "; last full pass " + last;
    }

    /** A stored UTC time as the summaries show it, to the second. */
    static String utc(LocalDateTime time) {
        return time.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'"));
    }

    public Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("run_id", runId);
        json.put("database", database);
        json.put("elapsed_ms", elapsedMillis);
        json.put("pages", pages);
        json.put("api_calls", apiCalls);
        json.put("retries", retries);
        json.put("sessions_pass", sessionsPass);
        json.put("sessions_pass_reason", sessionsPassReason);
        json.put("last_full_pass_at", lastFullPass == null ? null
                : lastFullPass.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z");
        Map<String, Object> entities = new LinkedHashMap<>();
        counts.forEach((entity, c) -> entities.put(entity, c.asMap()));
        json.put("entities", entities);
        if (!fetches.isEmpty()) {
            Map<String, Object> sessionData = new LinkedHashMap<>();
            fetches.forEach((kind, c) -> sessionData.put(kind, c.asMap()));
            json.put("session_data", sessionData);
        }
        json.put("unavailable_endpoints", unavailable);
        json.put("warnings", warnings());
        if (error != null) json.put("error", Secrets.redact(error));
        return json;
    }
}
