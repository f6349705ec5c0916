package valor.store;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import valor.base.ClasspathResources;

/**
 * Applies the numbered files in sql/migrations/ in order, each recorded once it has succeeded,
 * in the same schema_migrations table on every engine. A file that is not portable has an
 * engine's own version under the same name ({@link Engine#sql}); a version with nothing to do
 * on an engine is a file of comments. H2 commits DDL as it goes, so a file is not atomic there;
 * recording it last means a half-applied file is retried, which is why migrations use IF NOT
 * EXISTS where they can. On PostgreSQL each file is one transaction, and a lock keeps two
 * processes from applying the same one at once.
 */
public final class Migrations {
    private static final Pattern FILE = Pattern.compile("(\\d+)_([\\w-]+)\\.sql");

    private Migrations() {}

    public static void apply(Handle handle) {
        Engine engine = Engine.of(handle);
        handle.useTransaction(tx -> {
            if (engine == Engine.POSTGRES) PostgresStore.lockSchema(tx);
            tx.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY,"
                    + " name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)");
        });
        // One read of what is applied: a store that is up to date (every run but the first after an update) costs no more.
        Set<Integer> recorded = new HashSet<>(handle.createQuery("SELECT version FROM schema_migrations").mapTo(Integer.class).list());
        for (Migration migration : migrations()) {
            if (recorded.contains(migration.version())) continue;
            handle.useTransaction(tx -> {
                if (engine == Engine.POSTGRES) PostgresStore.lockSchema(tx); // until commit: the next process waits, then sees it applied
                boolean applied = tx.createQuery("SELECT COUNT(*) FROM schema_migrations WHERE version = ?")
                        .bind(0, migration.version()).mapTo(Integer.class).one() > 0;
                if (applied) return;
                String sql = engine.sql("sql/migrations", migration.file());
                if (!onlyComments(sql)) engine.runScript(tx, sql);
                tx.createUpdate("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
                        .bind(0, migration.version()).bind(1, migration.name()).bind(2, LocalDateTime.now(ZoneOffset.UTC)).execute();
            });
        }
    }

    private static boolean onlyComments(String sql) {
        return sql.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("--"));
    }

    /** The versions this toolkit ships. */
    static List<Integer> versions() {
        return migrations().stream().map(Migration::version).toList();
    }

    private record Migration(int version, String name, String file) {}

    private static List<Migration> migrations() {
        return ClasspathResources.list("sql/migrations").stream().filter(f -> f.endsWith(".sql")).map(file -> {
            Matcher match = FILE.matcher(file);
            if (!match.matches()) throw new IllegalStateException("migration " + file + " is not named NNN_name.sql");
            return new Migration(Integer.parseInt(match.group(1)), match.group(2), file);
        }).toList();
    }
}
