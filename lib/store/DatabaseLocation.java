package valor.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import valor.base.DataDirs;
import valor.base.Failure;
import valor.base.Invocation;
import valor.base.Io;

/**
 * Turns {@code --db} / {@code VALOR_DB} / {@code --demo} into an H2 JDBC URL (or a PostgreSQL
 * server's, {@link PostgresUrl}), checking the file
 * before H2 sees it, so that a typo or a wrong file gets one clear line and is never modified.
 * The store's folder and file must be private (0700, 0600) unless the user says others may read
 * them ({@code --allow-open-permissions}); the toolkit's own data folder is made private.
 *
 * @param jdbcUrl     the URL, with the toolkit's settings; credentials never go in it
 * @param file        the {@code .mv.db} file, or null for an in-memory database
 * @param key         the key the store's passwords come from
 * @param openAllowed the user allowed a store others can read: files H2 creates keep their permissions
 * @param postgres    the PostgreSQL server and database for a team store, or null for H2
 * @param login       who connects to it (null for H2)
 */
public record DatabaseLocation(String jdbcUrl, Path file, StoreKey key, boolean openAllowed, PostgresUrl postgres, PostgresLogin login) {
    public static final String H2_SUFFIX = ".mv.db";
    /**
     * H2's MySQL compatibility mode, on every connection to the store: it lets analysts write
     * {@code GROUP BY 1} (H2's own mode refuses it; see Mode.groupByColumnIndex) while keeping
     * H2's column labels ({@code COUNT(*)}, where PostgreSQL mode says {@code ?column?}). The mode
     * belongs to the open database, not to a connection, so every process that opens the file,
     * directly or through AUTO_SERVER, must ask for the same one.
     */
    public static final String MODE = "MODE=MySQL";

    static {
        // H2 puts every value it reads through a cache of equal values, hashing each string, a
        // session's raw JSON included: 15-25% of a query that reads a million sessions. The cache
        // saves memory only where equal values are kept; commands stream. Set before H2 starts
        // (every connection begins with a DatabaseLocation); -Dh2.objectCache=true keeps it.
        if (System.getProperty("h2.objectCache") == null) System.setProperty("h2.objectCache", "false");
    }

    /** How a command means to use the database. */
    public enum Use { CREATE_IF_MISSING, MUST_EXIST }

    public static DatabaseLocation resolve(String dbFlag, boolean demo, Use use, Io io) {
        return resolve(dbFlag, demo, use, false, PostgresLogin.Flags.NONE, io);
    }

    public static DatabaseLocation resolve(String dbFlag, boolean demo, Use use, boolean openAllowed, PostgresLogin.Flags login, Io io) {
        String given = dbFlag != null ? dbFlag : io.env("VALOR_DB");
        String source = dbFlag != null ? "--db" : "VALOR_DB";
        if (given != null && PostgresUrl.is(given)) {
            PostgresUrl url = PostgresUrl.parse(given, source);
            return new DatabaseLocation(url.url(), null, null, false, url, PostgresLogin.resolve(url, login, io));
        }
        if (login.user() != null || login.passwordFile() != null) {
            throw Failure.usage("--db-user and --db-password-file are for a PostgreSQL store (--db jdbc:postgresql://HOST/DB)");
        }
        StoreKey key = StoreKey.of(io);
        if (given == null) {
            Path path = demo ? DataDirs.demoDatabase(io) : DataDirs.defaultDatabase(io);
            if (use == Use.MUST_EXIST && !Files.exists(path)) throw Failure.usage(noDefaultStore(path, demo, io));
            StorePermissions.ownDataFolder(path, use == Use.CREATE_IF_MISSING, io);
            return ofFile(path, use, "", Map.of(), key, openAllowed);
        }
        if (!H2Url.isJdbc(given)) return ofFile(expandHome(given, io), use, source + " ", Map.of(), key, openAllowed);
        H2Url url = H2Url.parse(given, source);
        if (url.memory() != null) {
            Map<String, String> settings = url.over(Map.of());
            settings.put("MODE", "MySQL");
            return new DatabaseLocation("jdbc:h2:mem:" + url.memory() + settings(settings), null, key, openAllowed, null, null);
        }
        return ofFile(expandHome(url.path(), io), use, source + " ", url.settings(), key, openAllowed);
    }

    /**
     * What is missing when the store a command reads by default is not there: the demo's store is
     * what the user synced (they left out --demo), or nothing has been synced yet. valor-sync is
     * named the way this command was run.
     */
    private static String noDefaultStore(Path path, boolean demo, Io io) {
        String sync = Invocation.commandOrAlias("valor-sync", io);
        if (demo) return "no demo database at " + path + "; run " + sync + " --demo first";
        Path demoStore = DataDirs.demoDatabase(io);
        if (Files.exists(demoStore)) {
            return "no database at " + path + " (your organisation's store, which " + sync + " fills); the demo's store is at "
                    + demoStore + ": add --demo to use it";
        }
        return "no database at " + path + "; run " + sync + " first (or " + sync + " --demo to try the toolkit on a demo organisation)";
    }

    /** The same store, opened only if it exists already. */
    DatabaseLocation ifExists() {
        if (postgres != null) return this;
        return new DatabaseLocation(jdbcUrl + ";IFEXISTS=TRUE", file, key, openAllowed, null, null);
    }

    /**
     * The same file, opened read-only without H2's file lock or auto-server ({@link ReadOnlyFiles}):
     * nothing is written to it or beside it, and a sync may open it for writing meanwhile.
     */
    DatabaseLocation readOnly() {
        String url = jdbcUrl.replaceFirst("^jdbc:h2:file:", "jdbc:h2:" + ReadOnlyFiles.SCHEME + ":")
                .replaceAll("(?i);AUTO_SERVER(_PORT)?=[^;]*", "");
        return new DatabaseLocation(url + ";ACCESS_MODE_DATA=r", file, key, openAllowed, null, null);
    }

    /** Whether another process has the file open for writing now: H2 keeps a lock file beside it while it does. */
    boolean inUse() {
        return file != null && Files.exists(Path.of(base(file) + ".lock.db"));
    }

    static String base(Path file) {
        return file.toString().substring(0, file.toString().length() - H2_SUFFIX.length());
    }

    /** Whether this is a team store on a PostgreSQL server. */
    public boolean isPostgres() {
        return postgres != null;
    }

    /** What to show the user: the file, or the URL without any credentials it may carry. */
    public String display() {
        if (postgres != null) return postgres.display();
        return file != null ? file.toString() : jdbcUrl.replaceAll("(?i)(password|user)=[^;]*", "$1=...");
    }

    private static DatabaseLocation ofFile(Path path, Use use, String source, Map<String, String> given, StoreKey key, boolean openAllowed) {
        Path file = path.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw Failure.usage(source + file + " is a folder; name a file, e.g. " + file.resolve("valor" + H2_SUFFIX));
        }
        if (!file.getFileName().toString().endsWith(H2_SUFFIX)) {
            if (Files.exists(file)) throw Failure.usage(source + file + " is not an H2 database (H2 files end in " + H2_SUFFIX + ")");
            file = file.resolveSibling(file.getFileName() + H2_SUFFIX);
        }
        Path folder = file.getParent();
        if (use == Use.MUST_EXIST && !Files.exists(file)) {
            throw Failure.usage("no database at " + file + "; run valor-sync first (or valor-sync --demo)");
        }
        if (!Files.isDirectory(folder)) throw Failure.usage(source + "folder " + folder + " does not exist");
        if (Files.exists(file)) {
            if (!looksLikeH2(file)) throw Failure.usage(source + file + " is not an H2 database");
            if (use == Use.CREATE_IF_MISSING && !Files.isWritable(file)) throw Failure.usage(source + file + " is not writable");
        }
        if (use == Use.CREATE_IF_MISSING && !Files.isWritable(folder)) throw Failure.usage(source + "folder " + folder + " is not writable");
        if (!openAllowed) StorePermissions.requirePrivate(folder, file, source);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("AUTO_SERVER", "TRUE");
        settings.put("CACHE_SIZE", String.valueOf(cacheKilobytes()));
        // The toolkit reports errors itself; H2's trace file would be one more file beside the store.
        settings.put("TRACE_LEVEL_FILE", "0");
        // No compacting in place when the last connection closes: it moves data under readers that
        // have the file open read-only. valor-sync compacts by rewriting the file (StoreCompaction).
        settings.put("MAX_COMPACT_TIME", "0");
        settings.putAll(given);
        settings.put("MODE", "MySQL");
        return new DatabaseLocation("jdbc:h2:file:" + base(file) + settings(settings), file, key, openAllowed, null, null);
    }

    private static String settings(Map<String, String> settings) {
        StringBuilder text = new StringBuilder();
        settings.forEach((name, value) -> text.append(';').append(name).append('=').append(value));
        return text.toString();
    }

    /**
     * H2's page cache defaults to 16 MB, far below a synced organisation's indexes: inserts with
     * random ids then spend most of their time re-reading pages from disk. A quarter of the heap,
     * up to 1 GB, holds the working set of a million sessions.
     */
    private static long cacheKilobytes() {
        return Math.min(Runtime.getRuntime().maxMemory() / 4, 1L << 30) / 1024;
    }

    /** Every H2 MVStore file starts with a text header "H:2,...". */
    private static boolean looksLikeH2(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return Files.size(file) == 0 || new String(head, StandardCharsets.ISO_8859_1).equals("H:2,");
        } catch (IOException e) {
            throw Failure.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Path expandHome(String path, Io io) {
        if (path.equals("~") || path.startsWith("~/")) {
            String home = io.env("HOME");
            return Path.of(home != null ? home : System.getProperty("user.home"), path.substring(1).replaceFirst("^/", ""));
        }
        return Path.of(path);
    }
}
