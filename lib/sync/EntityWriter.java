package valor.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import valor.api.ApiPage;
import valor.api.ApiRecords;
import valor.api.TolerantRecord;
import valor.base.Json;

/**
 * Stores the pages of one pass over an entity: new records are inserted, changed ones updated,
 * unchanged ones not touched at all, and records without an id are kept whole in sync_rejects.
 *
 * <p>It starts from what the store holds in the pass's scope ({@link StoredRows}: ids and hashes,
 * read from the {@code <table>_changes} index), so deciding "unchanged" costs no database lookup.
 * {@link #prepare} runs on the pager's thread while the previous page is stored: of a record it
 * reads only the id (one scan of the page for all of them) and hashes the bytes the API sent; a
 * record whose id and bytes the store already has costs nothing more, not even a JSON tree. Only
 * a record that is new, or whose bytes differ, is read into columns; if its content is what the
 * store holds (an API that sends fields in another order), it is left alone too.
 */
public final class EntityWriter {
    private final Entity entity;
    private final Predicate<String> wanted;
    private final FieldReport report;
    private final String insertSql;
    private final String updateSql;
    private final String refreshSql;
    private final StoredRows stored;
    /** The ids of the page being prepared, to keep the last of an id a page carries twice (prepare runs on one thread). */
    private final PageIds pageIds = new PageIds();
    /** Counts each row inserted, for a first sync's summaries; null when nobody counts. */
    private StreamedSummaries streamed;

    /** A record that cannot be stored as a row, kept whole with the reason. */
    private record Reject(String reason, String raw) {}

    /**
     * A page ready to store: per record its id (null where the record is skipped), its hashes and,
     * for one that looked new or changed when prepared, its typed values and text.
     */
    public static final class Prepared {
        private final ApiRecords records;
        private final String[] ids;
        private final long[] rawHashes;
        private final long[] contentHashes;
        private final Object[][] values;
        private final String[] raws;
        private final List<Reject> rejects = new ArrayList<>();

        private Prepared(ApiRecords records) {
            this.records = records;
            int n = records.size();
            ids = new String[n];
            rawHashes = new long[n];
            contentHashes = new long[n];
            values = new Object[n][];
            raws = new String[n];
        }

        /** The ids this page carried that were wanted, for the pass's delete reconciliation. */
        public List<String> ids() {
            List<String> carried = new ArrayList<>();
            for (String id : ids) if (id != null) carried.add(id);
            return carried;
        }
    }

    /**
     * @param wanted which ids to store (a sync limited to some athletes skips the others)
     * @param stored what the store holds in the pass's scope ({@link #readStored})
     */
    EntityWriter(Entity entity, Predicate<String> wanted, FieldReport report, StoredRows stored) {
        this.entity = entity;
        this.stored = stored;
        this.wanted = wanted;
        this.report = report;
        List<String> columns = entity.columns().stream().map(Entity.Column::name).toList();
        String table = entity.table();
        String id = entity.idColumn();
        insertSql = "INSERT INTO " + table + " (" + id + ", " + String.join(", ", columns)
                + ", source, raw, content_hash, raw_hash, first_seen_at, updated_at) VALUES (?, "
                + "?, ".repeat(columns.size()) + "'api', ?, ?, ?, ?, ?)";
        updateSql = "UPDATE " + table + " SET " + columns.stream().map(c -> c + " = ?").collect(Collectors.joining(", "))
                + ", source = 'api', raw = ?, content_hash = ?, raw_hash = ?, updated_at = ?, deleted_at = NULL WHERE " + id + " = ?";
        refreshSql = "UPDATE " + table + " SET raw = ?, raw_hash = ? WHERE " + id + " = ?";
    }

    /**
     * What the store holds in a pass's scope, for {@link #EntityWriter}.
     *
     * @param where the rows the pass is responsible for, e.g. "athlete_id = ?"; empty for all
     * @param binds the values of {@code where}'s parameters
     */
    static StoredRows readStored(Connection connection, Entity entity, String where, List<Object> binds) {
        try {
            return StoredRows.read(connection, entity, where, binds);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read what " + entity.table() + " holds: " + e.getMessage(), e);
        }
    }

    /** Has {@code summaries} count every row this writer inserts; an update of a row's columns spoils the count. */
    void streamInsertsTo(StreamedSummaries summaries) {
        streamed = summaries;
    }

    /** How many live API rows the pass starts with (and has written since). */
    public long liveRows() {
        return stored.live();
    }

    /** The live API rows in the pass's scope that no page of this run carried: what a completed pass marks deleted. */
    public List<String> unseenLiveIds() {
        return stored.unseenLive();
    }

    /** Reads a page's ids and hashes, and the columns of records that look new or changed; touches no database. */
    public Prepared prepare(ApiPage page) {
        ApiRecords records = page.records();
        Prepared prepared = new Prepared(records);
        String[] ids = records.texts(entity.idKeys());
        pageIds.clear(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (!records.isObject(i)) {
                prepared.rejects.add(new Reject("not a JSON object", records.text(i)));
                continue;
            }
            String id = ids[i];
            if (id == null) {
                prepared.rejects.add(new Reject("no id (looked for " + String.join(", ", entity.idKeys()) + ")", records.text(i)));
                continue;
            }
            if (!wanted.test(id)) continue;
            int earlier = pageIds.put(id, i);
            if (earlier >= 0) prepared.ids[earlier] = null; // the last of an id in a page wins
            prepared.ids[i] = id;
            long rawHash = records.hash(i);
            prepared.rawHashes[i] = rawHash;
            if (stored.match(id, rawHash) != StoredRows.Match.SAME_BYTES) read(prepared, i);
        }
        return prepared;
    }

    /** Reads one record's content hash and, unless the store holds that content, its columns. */
    private void read(Prepared page, int i) {
        JsonNode node = page.records.node(i);
        long contentHash = Json.contentHash(node) * 31 + Entity.MAPPING_VERSION;
        page.contentHashes[i] = contentHash;
        boolean sameContent = stored.sameContent(page.ids[i], contentHash);
        if (!sameContent) page.values[i] = entity.valuesOf(new TolerantRecord(node), report);
        if (!sameContent || stored.lacksRawHash(page.ids[i])) page.raws[i] = page.records.text(i);
    }

    /** Stores a prepared page inside the caller's transaction; false when it changed nothing in the store. */
    public boolean store(Handle tx, Prepared page, EntityCounts counts, long runId, LocalDateTime now) {
        storeRejects(tx, page.rejects, counts, runId, now);
        Connection connection = tx.getConnection();
        try (PreparedStatement inserts = connection.prepareStatement(insertSql);
             PreparedStatement updates = connection.prepareStatement(updateSql);
             PreparedStatement refreshes = connection.prepareStatement(refreshSql)) {
            int n = entity.columns().size();
            boolean anyInsert = false;
            boolean anyUpdate = false;
            boolean anyRefresh = false;
            for (int i = 0; i < page.ids.length; i++) {
                String id = page.ids[i];
                if (id == null) continue;
                // Checked again: an earlier page, stored since this one was prepared, may have carried the same id.
                StoredRows.Match match = stored.carried(id, page.rawHashes[i]);
                if (match == StoredRows.Match.SAME_BYTES) {
                    counts.unchanged++;
                    continue;
                }
                if (page.contentHashes[i] == 0 && page.values[i] == null) read(page, i); // looked unchanged when prepared
                if (match == StoredRows.Match.PRESENT && stored.sameContent(id, page.contentHashes[i])) {
                    if (stored.lacksRawHash(id)) { // a row stored before raw_hash: keep the bytes as sent, and their hash
                        refreshes.setString(1, page.raws[i] != null ? page.raws[i] : page.records.text(i));
                        refreshes.setLong(2, page.rawHashes[i]);
                        refreshes.setString(3, id);
                        refreshes.addBatch();
                        anyRefresh = true;
                    }
                    counts.unchanged++;
                    stored.stored(id, page.rawHashes[i], page.contentHashes[i]);
                    continue;
                }
                Object[] values = page.values[i] != null ? page.values[i] : entity.valuesOf(new TolerantRecord(page.records.node(i)), report);
                String raw = page.raws[i] != null ? page.raws[i] : page.records.text(i);
                if (match == StoredRows.Match.ABSENT) {
                    inserts.setString(1, id);
                    bind(inserts, 2, values, raw, page.contentHashes[i], page.rawHashes[i]);
                    inserts.setObject(n + 5, now);
                    inserts.setObject(n + 6, now);
                    inserts.addBatch();
                    anyInsert = true;
                    counts.added++;
                    if (streamed != null) streamed.inserted(values, now);
                } else { // changed, back after being marked deleted, or an API record replacing a derived row
                    bind(updates, 1, values, raw, page.contentHashes[i], page.rawHashes[i]);
                    updates.setObject(n + 4, now);
                    updates.setString(n + 5, id);
                    updates.addBatch();
                    anyUpdate = true;
                    counts.updated++;
                    if (streamed != null) streamed.spoil();
                }
                stored.stored(id, page.rawHashes[i], page.contentHashes[i]);
            }
            if (anyInsert) inserts.executeBatch();
            if (anyUpdate) updates.executeBatch();
            if (anyRefresh) refreshes.executeBatch();
            return anyInsert || anyUpdate || anyRefresh || !page.rejects.isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a page of " + entity.table() + ": " + e.getMessage(), e);
        }
    }

    /** Binds the typed columns, raw and the two hashes from {@code first}. */
    private void bind(PreparedStatement statement, int first, Object[] values, String raw, long contentHash, long rawHash) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) statement.setNull(first + i, entity.columns().get(i).sqlType());
            else statement.setObject(first + i, value);
        }
        statement.setString(first + values.length, raw);
        statement.setLong(first + values.length + 1, contentHash);
        statement.setLong(first + values.length + 2, rawHash);
    }

    private void storeRejects(Handle tx, List<Reject> rejects, EntityCounts counts, long runId, LocalDateTime now) {
        for (Reject reject : rejects) {
            tx.createUpdate("INSERT INTO sync_rejects (run_id, entity, reason, raw, seen_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, runId).bind(1, entity.name()).bind(2, reject.reason()).bind(3, reject.raw()).bind(4, now).execute();
            counts.rejected++;
        }
    }

    /** The ids of one page and where each was last seen in it: a small open-addressing table, reused page after page. */
    private static final class PageIds {
        private String[] ids = new String[0];
        private int[] positions = new int[0];

        void clear(int records) {
            int capacity = Integer.highestOneBit(Math.max(8, records * 2 - 1)) << 1;
            if (ids.length < capacity) {
                ids = new String[capacity];
                positions = new int[capacity];
            } else {
                java.util.Arrays.fill(ids, null);
            }
        }

        /** Records where an id is; returns where it was earlier in the page, or -1. */
        int put(String id, int position) {
            int mask = ids.length - 1;
            int slot = (id.hashCode() * 0x9E3779B9 >>> 7) & mask;
            while (ids[slot] != null) {
                if (ids[slot].equals(id)) {
                    int earlier = positions[slot];
                    positions[slot] = position;
                    return earlier;
                }
                slot = (slot + 1) & mask;
            }
            ids[slot] = id;
            positions[slot] = position;
            return -1;
        }
    }
}
