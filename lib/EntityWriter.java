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
 * Stores one page of an entity's records inside the caller's transaction: new records are
 * inserted, changed ones updated, unchanged ones not touched at all (their content hash
 * matches), and records without an id are kept whole in sync_rejects.
 */
public final class EntityWriter {
    private final Entity entity;
    private final String insertSql;
    private final String updateSql;
    private final String lookupSql;

    public EntityWriter(Entity entity) {
        this.entity = entity;
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

    private record Incoming(String id, JsonNode node, long hash) {}

    private record Stored(long hash, String source, boolean deleted) {}

    /**
     * @param wanted which ids to store (a sync limited to some athletes skips the others)
     * @return the ids of the records this page carried that were wanted, for delete reconciliation
     */
    public List<String> write(Handle tx, List<JsonNode> items, Predicate<String> wanted, EntityCounts counts,
                              FieldReport report, long runId, LocalDateTime now) {
        Map<String, Incoming> incoming = new LinkedHashMap<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                reject(tx, counts, runId, now, item, "not a JSON object");
                continue;
            }
            String id = entity.idOf(new TolerantRecord(item));
            if (id == null) {
                reject(tx, counts, runId, now, item, "no id (looked for " + String.join(", ", entity.idKeys()) + ")");
            } else if (wanted.test(id)) {
                incoming.put(id, new Incoming(id, item, Json.contentHash(item) * 31 + Entity.MAPPING_VERSION));
            }
        }
        if (incoming.isEmpty()) return List.of();
        Map<String, Stored> stored = lookup(tx, incoming.keySet());
        PreparedBatch inserts = tx.prepareBatch(insertSql);
        PreparedBatch updates = tx.prepareBatch(updateSql);
        for (Incoming record : incoming.values()) {
            Stored before = stored.get(record.id());
            if (before == null) {
                bindRow(inserts.bind(0, record.id()), 1, record, report).bind(entity.columns().size() + 3, now)
                        .bind(entity.columns().size() + 4, now).add();
                counts.added++;
            } else if (before.hash() != record.hash() || before.deleted() || !before.source().equals("api")) {
                // changed, back after being marked deleted, or an API record replacing a derived row
                int next = entity.columns().size();
                bindRow(updates, 0, record, report).bind(next + 2, now).bind(next + 3, record.id()).add();
                counts.updated++;
            } else {
                counts.unchanged++;
            }
        }
        if (inserts.size() > 0) inserts.execute();
        if (updates.size() > 0) updates.execute();
        return new ArrayList<>(incoming.keySet());
    }

    /** Binds the typed columns, raw and hash from {@code first}; returns the batch for the caller's last binds. */
    private PreparedBatch bindRow(PreparedBatch batch, int first, Incoming record, FieldReport report) {
        Object[] values = entity.valuesOf(new TolerantRecord(record.node()), report);
        for (int i = 0; i < values.length; i++) batch.bind(first + i, values[i]);
        return batch.bind(first + values.length, record.node().toString()).bind(first + values.length + 1, record.hash());
    }

    private Map<String, Stored> lookup(Handle tx, java.util.Collection<String> ids) {
        Map<String, Stored> stored = new HashMap<>();
        tx.createQuery(lookupSql).bindList("ids", new ArrayList<>(ids)).map((rs, ctx) -> {
            stored.put(rs.getString("id"), new Stored(rs.getLong("content_hash"), rs.getString("source"), rs.getBoolean("deleted")));
            return null;
        }).forEach(ignored -> {});
        return stored;
    }

    private void reject(Handle tx, EntityCounts counts, long runId, LocalDateTime now, JsonNode item, String reason) {
        tx.createUpdate("INSERT INTO sync_rejects (run_id, entity, reason, raw, seen_at) VALUES (?, ?, ?, ?, ?)")
                .bind(0, runId).bind(1, entity.name()).bind(2, reason).bind(3, item.toString()).bind(4, now).execute();
        counts.rejected++;
    }
}
