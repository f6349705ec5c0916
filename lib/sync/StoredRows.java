package valor.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import valor.store.Engine;

/**
 * What the store holds in a pass's scope, kept compactly for the whole pass: per row its id, the
 * hash of its bytes as the API last sent them, the hash of its content, and whether it is a live
 * API row; and which ids this run's pages carried, for the deletes at the pass's end. An open
 * addressing table of arrays: a million rows cost their id strings and 21 bytes each, and
 * deciding "unchanged" is one probe, which reads a stored id's string only where its hash code is
 * the one sought (the strings are all over the heap, the hash codes side by side). Read by the
 * pager's thread while the writer's thread adds to it, so every method holds the lock
 * (uncontended: two probes per record).
 */
final class StoredRows {
    /** How a record compares with the stored row of its id. */
    enum Match {
        /** No row with this id. */
        ABSENT,
        /** A live API row whose bytes were these exact bytes: unchanged, nothing to read. */
        SAME_BYTES,
        /** A row, but not known to hold these bytes: compare the content. */
        PRESENT
    }

    private static final byte LIVE = 1;
    /** The row's bytes hash is not known (a row stored before raw_hash existed). */
    private static final byte NO_RAW_HASH = 2;
    private static final byte SEEN = 4;

    /** Slots to start with: a partition's few rows fit; a whole table's doubles its way up as it is read. */
    private static final int FIRST_CAPACITY = 1024;

    private String[] ids;
    private int[] hashCodes;
    private long[] rawHashes;
    private long[] contentHashes;
    private byte[] flags;
    private int size;

    private StoredRows() {
        allocate(FIRST_CAPACITY);
    }

    private void allocate(int capacity) {
        ids = new String[capacity];
        hashCodes = new int[capacity];
        rawHashes = new long[capacity];
        contentHashes = new long[capacity];
        flags = new byte[capacity];
        size = 0;
    }

    /**
     * Reads id, content_hash, raw_hash and whether the row is live, for the rows {@code where}
     * selects ({@code ?} for each of {@code binds}), from the table's {@code <table>_changes} index
     * (it holds exactly these columns, so no row is read). The table grows as rows are read: sizing
     * it first with {@code COUNT(*)} made H2 read every row of the table, raw JSON and all, while
     * another connection had a transaction open (880 MB read for 200,000 sessions, and its cache
     * filled with them).
     */
    static StoredRows read(Connection connection, Entity entity, String where, List<Object> binds) throws SQLException {
        StoredRows rows = new StoredRows();
        String sql = "SELECT " + entity.idColumn() + ", content_hash, raw_hash, deleted_at IS NULL FROM " + entity.table()
                + (where.isEmpty() ? "" : " WHERE " + where);
        Engine engine = Engine.of(connection);
        // Built whole first, H2's result goes through a temporary file (a third of reading 200,000 sessions'
        // entries); lazily, the rows come straight from the index as they are read.
        engine.lazyResults(connection, true);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < binds.size(); i++) statement.setObject(i + 1, binds.get(i));
            statement.setFetchSize(10_000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long contentHash = rs.getLong(2);
                    boolean derived = rs.wasNull(); // rows derived from sessions have no hash
                    long rawHash = rs.getLong(3);
                    byte flag = (byte) ((!derived && rs.getBoolean(4) ? LIVE : 0) | (rs.wasNull() || derived ? NO_RAW_HASH : 0));
                    rows.put(rs.getString(1), rawHash, contentHash, flag);
                }
            }
        } finally {
            engine.lazyResults(connection, false);
        }
        return rows;
    }

    synchronized Match match(String id, long rawHash) {
        return matchAt(slot(id), rawHash);
    }

    /**
     * {@link #match}, for a page being stored: an unchanged row ({@link Match#SAME_BYTES}) is marked
     * seen by this run in the same probe (the caller stores any other, which marks it).
     */
    synchronized Match carried(String id, long rawHash) {
        int slot = slot(id);
        Match match = matchAt(slot, rawHash);
        if (match == Match.SAME_BYTES) flags[slot] |= SEEN;
        return match;
    }

    private Match matchAt(int slot, long rawHash) {
        if (ids[slot] == null) return Match.ABSENT;
        return (flags[slot] & (LIVE | NO_RAW_HASH)) == LIVE && rawHashes[slot] == rawHash ? Match.SAME_BYTES : Match.PRESENT;
    }

    /** Whether a live API row of this id holds this content (bytes aside: an API may reorder the fields of a record). */
    synchronized boolean sameContent(String id, long contentHash) {
        int slot = slot(id);
        return ids[slot] != null && (flags[slot] & LIVE) != 0 && contentHashes[slot] == contentHash;
    }

    /** Whether the row of this id has no bytes hash yet (stored before it existed), so storing one now is worth a write. */
    synchronized boolean lacksRawHash(String id) {
        int slot = slot(id);
        return ids[slot] != null && (flags[slot] & NO_RAW_HASH) != 0;
    }

    /** Whether no row was read (nor stored since). */
    synchronized boolean isEmpty() {
        return size == 0;
    }

    synchronized boolean contains(String id) {
        return ids[slot(id)] != null;
    }

    /** Records what a page just stored or carried: the row of this id is live, holds these bytes, and was seen. */
    synchronized void stored(String id, long rawHash, long contentHash) {
        put(id, rawHash, contentHash, (byte) (LIVE | SEEN));
    }

    synchronized long live() {
        long live = 0;
        for (int slot = 0; slot < ids.length; slot++) if (ids[slot] != null && (flags[slot] & LIVE) != 0) live++;
        return live;
    }

    /** The live API rows no page of this run carried: deleted upstream, once the pass is complete. */
    synchronized List<String> unseenLive() {
        List<String> unseen = new ArrayList<>();
        for (int slot = 0; slot < ids.length; slot++) {
            if (ids[slot] != null && (flags[slot] & (LIVE | SEEN)) == LIVE) unseen.add(ids[slot]);
        }
        return unseen;
    }

    private void put(String id, long rawHash, long contentHash, byte flag) {
        if (2 * (size + 1) > ids.length) grow();
        int slot = slot(id);
        if (ids[slot] == null) {
            ids[slot] = id;
            hashCodes[slot] = id.hashCode();
            size++;
        }
        rawHashes[slot] = rawHash;
        contentHashes[slot] = contentHash;
        flags[slot] = flag;
    }

    /** The slot holding {@code id}, or the empty slot where it would go. */
    private int slot(String id) {
        int mask = ids.length - 1;
        int hashCode = id.hashCode();
        int slot = spread(hashCode) & mask;
        while (ids[slot] != null && (hashCodes[slot] != hashCode || !ids[slot].equals(id))) slot = (slot + 1) & mask;
        return slot;
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void grow() {
        String[] oldIds = ids;
        long[] oldRaw = rawHashes;
        long[] oldContent = contentHashes;
        byte[] oldFlags = flags;
        allocate(oldIds.length * 2);
        for (int slot = 0; slot < oldIds.length; slot++) {
            if (oldIds[slot] != null) put(oldIds[slot], oldRaw[slot], oldContent[slot], oldFlags[slot]);
        }
        Arrays.fill(oldIds, null);
    }
}
