package valor.sync;

import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;
import valor.api.ApiPage;

/**
 * The checkpoints of paging passes. A pass's row (next token, pages so far) is written in the same
 * transaction as the page's records, so a killed sync resumes from the last committed page; when
 * a pass completes, rows no page of this run carried are marked deleted ({@link PassSweep} says
 * which pages a run walks: the ids they carried are kept in memory, {@link StoredRows}).
 */
public final class SyncPasses {
    private SyncPasses() {}

    /** Where a pass starts: a fresh one from the first token, an interrupted one where it stopped. */
    public record Start(String token, int pagesBefore, boolean resumed) {}

    public static Start startOrResume(Handle handle, Entity entity, String scope, boolean restart) {
        if (restart) discard(handle, entity, scope);
        return handle.createQuery("SELECT next_token, pages FROM sync_passes WHERE entity = ? AND scope = ?")
                .bind(0, entity.name()).bind(1, scope)
                .map((rs, ctx) -> new Start(rs.getString("next_token"), rs.getInt("pages"), true))
                .findOne()
                .orElse(new Start(ApiPage.FIRST_TOKEN, 0, false));
    }

    /**
     * Records a committed page (inside the page's transaction).
     *
     * @param pageNo    the page's number in the pass
     * @param records   the records committed since the last checkpoint, this page's included
     * @param nextToken where the pass resumes after this page; null when the same transaction completes the pass
     */
    public static void recordPage(Handle tx, Entity entity, String scope, long runId, int pageNo, int records,
                                  String nextToken, LocalDateTime now) {
        if (nextToken == null) return;
        int updated = tx.createUpdate("UPDATE sync_passes SET next_token = ?, pages = ?, records = records + ?, updated_at = ?"
                        + " WHERE entity = ? AND scope = ?")
                .bind(0, nextToken).bind(1, pageNo).bind(2, records).bind(3, now)
                .bind(4, entity.name()).bind(5, scope).execute();
        if (updated == 0) {
            tx.createUpdate("INSERT INTO sync_passes (entity, scope, run_id, next_token, pages, records, started_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, entity.name()).bind(1, scope).bind(2, runId).bind(3, nextToken).bind(4, pageNo)
                    .bind(5, records).bind(6, now).bind(7, now).execute();
        }
    }

    /**
     * Marks deleted the live API rows of a completed pass's scope that no page of this run carried.
     *
     * @return how many rows were marked
     */
    public static int markDeleted(Handle tx, Entity entity, List<String> unseen, LocalDateTime now) {
        if (unseen.isEmpty()) return 0;
        var batch = tx.prepareBatch("UPDATE " + entity.table() + " SET deleted_at = ? WHERE " + entity.idColumn() + " = ?"
                + " AND deleted_at IS NULL AND source = 'api'");
        for (String id : unseen) batch.bind(0, now).bind(1, id).add();
        return java.util.Arrays.stream(batch.execute()).sum();
    }

    /** Forgets every per-athlete pass of an entity: a completed pass over all of it has seen what they would. */
    public static void discardAthletePasses(Handle handle, Entity entity) {
        handle.execute("DELETE FROM sync_passes WHERE entity = ? AND scope LIKE 'athlete:%'", entity.name());
    }

    /** Forgets a pass: after it completed, or when the user asked to start over. */
    public static void discard(Handle tx, Entity entity, String scope) {
        tx.execute("DELETE FROM sync_passes WHERE entity = ? AND scope = ?", entity.name(), scope);
    }
}
