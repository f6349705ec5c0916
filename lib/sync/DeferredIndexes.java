package valor.sync;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;
import org.jdbi.v3.core.Handle;
import valor.base.Failure;
import valor.store.Engine;

/**
 * The first sync of a table loads it without its indexes and builds them once at the end.
 *
 * <p>H2 maintains every B-tree index row by row and revisits each changed key again at commit;
 * with six indexes on random ids that is most of the cost of a first sync, while building an
 * index over the finished table is one sorted pass. The statements that rebuild the indexes are
 * saved (sync_deferred_indexes) before they are dropped, in the same store, so a sync killed in
 * between rebuilds them when its pass completes on the next run. Rebuilding is idempotent: a
 * sync killed after building an index but before forgetting it finds it there next time.
 */
final class DeferredIndexes {
    private static final Pattern PRIMARY_KEY = Pattern.compile("PRIMARY KEY \\((.*)\\)$");

    private DeferredIndexes() {}

    /** An index to drop for now: its name, and the statements that rebuild and drop it. */
    private record Deferred(String name, String rebuild, String drop) {}

    /** Drops the table's indexes (on H2 its primary key too), saving how to rebuild them. Only for an empty table. */
    static void defer(Handle handle, String table) {
        Engine engine = Engine.of(handle);
        List<Deferred> deferred = engine == Engine.H2 ? h2Indexes(handle, table) : postgresIndexes(handle, table);
        for (Deferred index : deferred) {
            // Saved, then dropped: each DDL statement commits, so a kill between them loses nothing.
            handle.execute(engine.upsert("sync_deferred_indexes", List.of("table_name", "index_name", "rebuild"),
                    List.of("table_name", "index_name")), table, index.name(), index.rebuild());
            handle.execute(index.drop());
        }
    }

    private static List<Deferred> h2Indexes(Handle handle, String table) {
        List<Deferred> deferred = new ArrayList<>(handle.createQuery("""
                        SELECT c.CONSTRAINT_NAME, STRING_AGG('"' || k.COLUMN_NAME || '"', ', ') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION)
                        FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS c
                        JOIN INFORMATION_SCHEMA.INDEX_COLUMNS k ON k.INDEX_NAME = c.INDEX_NAME AND k.TABLE_NAME = c.TABLE_NAME
                        WHERE c.TABLE_NAME = UPPER(?) AND c.CONSTRAINT_TYPE = 'PRIMARY KEY' GROUP BY c.CONSTRAINT_NAME""")
                .bind(0, table)
                .map((rs, ctx) -> new Deferred(rs.getString(1),
                        "ALTER TABLE " + table + " ADD CONSTRAINT IF NOT EXISTS \"" + rs.getString(1) + "\" PRIMARY KEY (" + rs.getString(2) + ")",
                        "ALTER TABLE " + table + " DROP CONSTRAINT \"" + rs.getString(1) + "\""))
                .list());
        deferred.addAll(handle.createQuery("""
                        SELECT i.INDEX_NAME, STRING_AGG('"' || k.COLUMN_NAME || '"', ', ') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION)
                        FROM INFORMATION_SCHEMA.INDEXES i
                        JOIN INFORMATION_SCHEMA.INDEX_COLUMNS k ON k.INDEX_NAME = i.INDEX_NAME AND k.TABLE_NAME = i.TABLE_NAME
                        WHERE i.TABLE_NAME = UPPER(?) AND i.INDEX_TYPE_NAME = 'INDEX' GROUP BY i.INDEX_NAME""")
                .bind(0, table)
                .map((rs, ctx) -> new Deferred(rs.getString(1),
                        "CREATE INDEX IF NOT EXISTS \"" + rs.getString(1) + "\" ON " + table + " (" + rs.getString(2) + ")",
                        "DROP INDEX \"" + rs.getString(1) + "\""))
                .list());
        return deferred;
    }

    /**
     * PostgreSQL keeps the primary key during the load (its inserts check it cheaply, and the
     * writes that replace a row need it); the other indexes are rebuilt from their own definitions.
     */
    private static List<Deferred> postgresIndexes(Handle handle, String table) {
        return handle.createQuery("""
                        SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
                        JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                        WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary""")
                .bind(0, table)
                .map((rs, ctx) -> new Deferred(rs.getString(1),
                        rs.getString(2).replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS "),
                        "DROP INDEX IF EXISTS \"" + rs.getString(1) + "\""))
                .list();
    }

    /** Whether the table's indexes are deferred (a first sync of it is under way or was interrupted). */
    static boolean pending(Handle handle, String table) {
        return handle.createQuery("SELECT COUNT(*) FROM sync_deferred_indexes WHERE table_name = ?")
                .bind(0, table).mapTo(Integer.class).one() > 0;
    }

    /** Builds the table's deferred indexes, each one forgotten once it exists. */
    static void rebuild(Handle handle, String table) {
        rebuild(handle, table, "");
    }

    /**
     * Builds the deferred indexes whose first column is this one (all of them for ""): what
     * per-athlete passes need to find an athlete's rows, while the rest wait for the load's end.
     */
    static void rebuild(Handle handle, String table, String leadingColumn) {
        String leading = leadingColumn.isEmpty() ? ""
                : Engine.of(handle) == Engine.H2 ? "(\"" + leadingColumn.toUpperCase(Locale.ROOT) + "\"" : "(" + leadingColumn.toLowerCase(Locale.ROOT);
        List<Map.Entry<String, String>> pending = handle.createQuery("SELECT index_name, rebuild FROM sync_deferred_indexes WHERE table_name = ?")
                .bind(0, table).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .filter(index -> index.getValue().contains(leading)).list();
        for (Map.Entry<String, String> index : pending) {
            // Older versions saved the primary key's statement without IF NOT EXISTS.
            if (!exists(handle, table, index.getKey())) build(handle, table, index.getValue());
            handle.execute("DELETE FROM sync_deferred_indexes WHERE table_name = ? AND index_name = ?", table, index.getKey());
        }
    }

    private static boolean exists(Handle handle, String table, String name) {
        if (Engine.of(handle) == Engine.POSTGRES) {
            return handle.createQuery("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ? AND indexname = ?")
                    .bind(0, table).bind(1, name).mapTo(Integer.class).one() > 0;
        }
        return handle.createQuery("""
                        SELECT (SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_NAME = UPPER(:table) AND CONSTRAINT_NAME = :name)
                             + (SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = UPPER(:table) AND INDEX_NAME = :name)""")
                .bind("table", table).bind("name", name).mapTo(Integer.class).one() > 0;
    }

    /** Runs a rebuild statement; a primary key that two rows break gets one line naming the key. */
    private static void build(Handle handle, String table, String rebuild) {
        try {
            handle.execute(rebuild);
        } catch (RuntimeException e) {
            Matcher key = PRIMARY_KEY.matcher(rebuild);
            if (!duplicateKey(e) || !key.find()) throw e;
            String columns = key.group(1);
            String duplicate = handle.createQuery("SELECT " + columns + ", COUNT(*) FROM " + table
                            + " GROUP BY " + columns + " HAVING COUNT(*) > 1 FETCH FIRST 1 ROW ONLY")
                    .map((rs, ctx) -> {
                        List<String> values = new ArrayList<>();
                        int count = rs.getMetaData().getColumnCount();
                        for (int i = 1; i < count; i++) values.add(rs.getString(i));
                        return "'" + String.join("', '", values) + "' is stored " + rs.getLong(count) + " times";
                    }).findOne().orElse("a value is stored twice");
            throw Failure.failed("cannot rebuild the primary key of " + table + ": " + columns.replace("\"", "").toLowerCase(Locale.ROOT)
                    + " " + duplicate + "; delete all but one of those rows (valor-sql --write) and run valor-sync again", e);
        }
    }

    private static boolean duplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) return true;
        }
        return false;
    }
}
