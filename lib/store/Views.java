package valor.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import valor.base.ClasspathResources;

/**
 * The views in sql/views/, applied in file-name order after the migrations. Unlike tables they
 * hold no data, so they are simply recreated whenever their SQL changes (each file uses
 * CREATE OR REPLACE VIEW), instead of needing a migration per edit.
 */
public final class Views {
    private Views() {}

    public static void apply(Handle handle) {
        Engine engine = Engine.of(handle);
        Map<String, String> views = sources(engine);
        long hash = contentHash(views);
        handle.execute("CREATE TABLE IF NOT EXISTS schema_views (id INT PRIMARY KEY, content_hash BIGINT NOT NULL,"
                + " applied_at TIMESTAMP NOT NULL)");
        Long applied = handle.createQuery("SELECT content_hash FROM schema_views WHERE id = 1").mapTo(Long.class).findOne().orElse(null);
        if (applied != null && applied == hash) return;
        handle.useTransaction(tx -> {
            if (engine == Engine.POSTGRES) PostgresStore.lockSchema(tx);
            for (String sql : views.values()) engine.runScript(tx, sql);
            tx.execute(engine.upsert("schema_views", List.of("id", "content_hash", "applied_at"), List.of("id")), 1, hash, LocalDateTime.now(ZoneOffset.UTC));
        });
    }

    /** A hash of every view file's name and text; plain SHA-256, so a reading command can check it without Jackson. */
    static long contentHash(Engine engine) {
        return contentHash(sources(engine));
    }

    private static long contentHash(Map<String, String> views) {
        StringBuilder all = new StringBuilder();
        views.forEach((file, sql) -> all.append(file).append('\n').append(sql));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each view file's SQL as the engine runs it, by file name, in the order they are applied. */
    private static Map<String, String> sources(Engine engine) {
        Map<String, String> views = new LinkedHashMap<>();
        for (String file : ClasspathResources.list("sql/views")) {
            if (file.endsWith(".sql")) views.put(file, engine.sql("sql/views", file));
        }
        return views;
    }
}
