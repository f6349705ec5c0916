package valor.store;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import valor.base.ClasspathResources;

/**
 * Applies the numbered files in sql/migrations/ in order, each recorded once it has succeeded.
 * H2 commits DDL as it goes, so a file is not atomic; recording it last means a half-applied
 * file is retried, which is why migrations use IF NOT EXISTS where they can.
 */
public final class Migrations {
    private static final Pattern FILE = Pattern.compile("(\\d+)_([\\w-]+)\\.sql");

    private Migrations() {}

    public static void apply(Handle handle) {
        handle.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY,"
                + " name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)");
        Set<Integer> applied = Set.copyOf(handle.createQuery("SELECT version FROM schema_migrations")
                .mapTo(Integer.class).list());
        for (Migration migration : migrations()) {
            if (applied.contains(migration.version())) continue;
            handle.useTransaction(tx -> {
                tx.createScript(ClasspathResources.read("sql/migrations/" + migration.file())).execute();
                tx.createUpdate("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, LOCALTIMESTAMP)")
                        .bind(0, migration.version()).bind(1, migration.name()).execute();
            });
        }
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
