package valor.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import valor.api.TolerantRecord;
import valor.base.Json;

/**
 * Stores the pages of one pass over an entity: new records are inserted, changed ones updated,
 * unchanged ones not touched at all, and records without an id are kept whole in sync_rejects.
 *
 * <p>It starts from a snapshot of what the store holds (id and content hash of every row in the
 * pass's scope, read from the {@code <table>_changes} index without touching the rows), so
 * deciding "unchanged" costs no database lookup, and {@link #prepare} (run on the pager's thread
 * while the previous page is stored) skips reading the fields of records that did not change.
 */
public final class EntityWriter {
    private final Entity entity;
    private final Predicate<String> wanted;
    private final FieldReport report;
    private final String insertSql;
    private final String updateSql;
    private final Map<String, Stored> stored;

    /** A stored row: the hash of its content, and whether it is a live API row (not deleted, not derived). */
    private record Stored(long hash, boolean live) {}

    /** A record ready to store; {@code row} is null when it looked unchanged as it was prepared. */
    private record Incoming(String id, JsonNode node, long hash, Row row) {}

    /** What a changed record writes: its typed column values and its JSON as sent. */
    private record Row(Object[] values, String raw) {}

    /** A record that cannot be stored as a row, kept whole with the reason. */
    private record Reject(String reason, String raw) {}

    /** A page ready to store; the last record with a given id wins. */
    public record Prepared(Map<String, Incoming> records, List<Reject> rejects) {
        /** The ids this page carried that were wanted, for delete reconciliation. */
        public List<String> ids() {
            return new ArrayList<>(records.keySet());
        }
    }

    /**
     * @param wanted which ids to store (a sync limited to some athletes skips the others)
     * @param where  the rows this pass is responsible for, e.g. "athlete_id = :athlete"; empty for all
     */
    public EntityWriter(Handle handle, Entity entity, Predicate<String> wanted, FieldReport report, String where,
                        Map<String, Object> binds) {
        this.entity = entity;
        this.wanted = wanted;
        this.report = report;
        List<String> columns = entity.columns().stream().map(Entity.Column::name).toList();
        String table = entity.table();
        String id = entity.idColumn();
        insertSql = "INSERT INTO " + table + " (" + id + ", " + String.join(", ", columns)
                + ", source, raw, content_hash, first_seen_at, updated_at) VALUES (?, "
                + "?, ".repeat(columns.size()) + "'api', ?, ?, ?, ?)";
        updateSql = "UPDATE " + table + " SET " + columns.stream().map(c -> c + " = ?").collect(Collectors.joining(", "))
                + ", source = 'api', raw = ?, content_hash = ?, updated_at = ?, deleted_at = NULL WHERE " + id + " = ?";
        stored = new ConcurrentHashMap<>(); // read by the pager's thread while the writer's thread adds to it
        handle.createQuery("SELECT " + id + ", content_hash, deleted_at IS NULL FROM " + table + (where.isEmpty() ? "" : " WHERE " + where))
                .bindMap(binds)
                .map((rs, ctx) -> {
                    long hash = rs.getLong(2);
                    boolean live = !rs.wasNull() && rs.getBoolean(3); // derived rows have no hash
                    return Map.entry(rs.getString(1), new Stored(hash, live));
                })
                .forEach(row -> stored.put(row.getKey(), row.getValue()));
    }

    /** How many live API rows the pass starts with. */
    public long liveRows() {
        return stored.values().stream().filter(Stored::live).count();
    }

    /** The ids of the live API rows in the pass's scope, for delete reconciliation at its end. */
    public List<String> liveIds() {
        return stored.entrySet().stream().filter(e -> e.getValue().live()).map(Map.Entry::getKey).toList();
    }

    /** Reads and hashes a page's records; touches no database, so it may run on any thread. */
    public Prepared prepare(List<JsonNode> items) {
        Map<String, Incoming> records = new LinkedHashMap<>();
        List<Reject> rejects = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                rejects.add(new Reject("not a JSON object", item.toString()));
                continue;
            }
            TolerantRecord record = new TolerantRecord(item);
            String id = entity.idOf(record);
            if (id == null) {
                rejects.add(new Reject("no id (looked for " + String.join(", ", entity.idKeys()) + ")", item.toString()));
            } else if (wanted.test(id)) {
                long hash = Json.contentHash(item) * 31 + Entity.MAPPING_VERSION;
                records.put(id, new Incoming(id, item, hash, unchanged(id, hash) ? null : row(record)));
            }
        }
        return new Prepared(records, rejects);
    }

    /** Stores a prepared page inside the caller's transaction. */
    public void store(Handle tx, Prepared page, EntityCounts counts, long runId, LocalDateTime now) {
        storeRejects(tx, page.rejects(), counts, runId, now);
        PreparedBatch inserts = tx.prepareBatch(insertSql);
        PreparedBatch updates = tx.prepareBatch(updateSql);
        int n = entity.columns().size();
        for (Incoming record : page.records().values()) {
            Stored before = stored.get(record.id());
            if (before != null && unchanged(record.id(), record.hash())) {
                counts.unchanged++;
                continue;
            }
            // A record that looked unchanged when prepared may not be now: the same id came twice in the pass.
            Row row = record.row() != null ? record.row() : row(new TolerantRecord(record.node()));
            if (before == null) {
                bind(inserts.bind(0, record.id()), 1, row, record.hash()).bind(n + 3, now).bind(n + 4, now).add();
                counts.added++;
            } else { // changed, back after being marked deleted, or an API record replacing a derived row
                bind(updates, 0, row, record.hash()).bind(n + 2, now).bind(n + 3, record.id()).add();
                counts.updated++;
            }
        }
        if (inserts.size() > 0) inserts.execute();
        if (updates.size() > 0) updates.execute();
        page.records().values().forEach(record -> stored.put(record.id(), new Stored(record.hash(), true)));
    }

    private boolean unchanged(String id, long hash) {
        Stored before = stored.get(id);
        return before != null && before.live() && before.hash() == hash;
    }

    private Row row(TolerantRecord record) {
        return new Row(entity.valuesOf(record, report), record.node().toString());
    }

    /** Binds the typed columns, raw and hash from {@code first}; returns the batch for the caller's last binds. */
    private static PreparedBatch bind(PreparedBatch batch, int first, Row row, long hash) {
        Object[] values = row.values();
        for (int i = 0; i < values.length; i++) batch.bind(first + i, values[i]);
        return batch.bind(first + values.length, row.raw()).bind(first + values.length + 1, hash);
    }

    private void storeRejects(Handle tx, List<Reject> rejects, EntityCounts counts, long runId, LocalDateTime now) {
        for (Reject reject : rejects) {
            tx.createUpdate("INSERT INTO sync_rejects (run_id, entity, reason, raw, seen_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, runId).bind(1, entity.name()).bind(2, reject.reason()).bind(3, reject.raw()).bind(4, now).execute();
            counts.rejected++;
        }
    }
}
