package valor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Stores pages of one entity's records: new records are inserted, changed ones updated,
 * unchanged ones not touched at all (their content hash matches), and records without an id are
 * kept whole in sync_rejects. {@link #prepare} does the work that needs no database (reading
 * fields, hashing) so it can run on the pager's thread while the previous page is being stored.
 */
public final class EntityWriter {
    private final Entity entity;
    private final Predicate<String> wanted;
    private final FieldReport report;
    private final String insertSql;
    private final String updateSql;
    private final String lookupSql;

    /** @param wanted which ids to store (a sync limited to some athletes skips the others) */
    public EntityWriter(Entity entity, Predicate<String> wanted, FieldReport report) {
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
        lookupSql = "SELECT " + id + " AS id, content_hash, source, deleted_at IS NOT NULL AS deleted FROM " + table
                + " WHERE " + id + " IN (<ids>)";
    }

    /** A record ready to store: its typed column values, its JSON as sent, and the hash of that JSON. */
    private record Incoming(String id, Object[] values, String raw, long hash) {}

    /** A record that cannot be stored as a row, kept whole with the reason. */
    private record Reject(String reason, String raw) {}

    /** A page ready to store; the last record with a given id wins. */
    public record Prepared(Map<String, Incoming> records, List<Reject> rejects) {
        /** The ids this page carried that were wanted, for delete reconciliation. */
        public List<String> ids() {
            return new ArrayList<>(records.keySet());
        }
    }

    private record Stored(long hash, String source, boolean deleted) {}

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
                records.put(id, new Incoming(id, entity.valuesOf(record, report), item.toString(),
                        Json.contentHash(item) * 31 + Entity.MAPPING_VERSION));
            }
        }
        return new Prepared(records, rejects);
    }

    /** Stores a prepared page inside the caller's transaction. */
    public void store(Handle tx, Prepared page, EntityCounts counts, long runId, LocalDateTime now) {
        storeRejects(tx, page.rejects(), counts, runId, now);
        if (page.records().isEmpty()) return;
        Map<String, Stored> stored = lookup(tx, page.records().keySet());
        PreparedBatch inserts = tx.prepareBatch(insertSql);
        PreparedBatch updates = tx.prepareBatch(updateSql);
        int n = entity.columns().size();
        for (Incoming record : page.records().values()) {
            Stored before = stored.get(record.id());
            if (before == null) {
                bindRow(inserts.bind(0, record.id()), 1, record).bind(n + 3, now).bind(n + 4, now).add();
                counts.added++;
            } else if (before.hash() != record.hash() || before.deleted() || !before.source().equals("api")) {
                // changed, back after being marked deleted, or an API record replacing a derived row
                bindRow(updates, 0, record).bind(n + 2, now).bind(n + 3, record.id()).add();
                counts.updated++;
            } else {
                counts.unchanged++;
            }
        }
        if (inserts.size() > 0) inserts.execute();
        if (updates.size() > 0) updates.execute();
    }

    /** Binds the typed columns, raw and hash from {@code first}; returns the batch for the caller's last binds. */
    private static PreparedBatch bindRow(PreparedBatch batch, int first, Incoming record) {
        Object[] values = record.values();
        for (int i = 0; i < values.length; i++) batch.bind(first + i, values[i]);
        return batch.bind(first + values.length, record.raw()).bind(first + values.length + 1, record.hash());
    }

    private Map<String, Stored> lookup(Handle tx, java.util.Collection<String> ids) {
        Map<String, Stored> stored = new HashMap<>();
        tx.createQuery(lookupSql).bindList("ids", new ArrayList<>(ids)).map((rs, ctx) ->
                stored.put(rs.getString("id"), new Stored(rs.getLong("content_hash"), rs.getString("source"), rs.getBoolean("deleted")))
        ).forEach(ignored -> {});
        return stored;
    }

    private void storeRejects(Handle tx, List<Reject> rejects, EntityCounts counts, long runId, LocalDateTime now) {
        for (Reject reject : rejects) {
            tx.createUpdate("INSERT INTO sync_rejects (run_id, entity, reason, raw, seen_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, runId).bind(1, entity.name()).bind(2, reject.reason()).bind(3, reject.raw()).bind(4, now).execute();
            counts.rejected++;
        }
    }
}
