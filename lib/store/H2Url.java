package valor.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import valor.base.Failure;

/**
 * The H2 JDBC URLs {@code --db} and {@code VALOR_DB} accept: a local file or an in-memory
 * database, with only the settings below. H2 runs some settings as code when it opens a
 * database ({@code INIT=RUNSCRIPT FROM ...}), and a {@code tcp://} or {@code ssl://} URL would
 * send the store's admin password to whatever server it names, so everything else is refused.
 *
 * @param path     the file the URL names (H2 style: without {@code .mv.db}), or null for memory
 * @param memory   the in-memory database's name, or null for a file
 * @param settings the URL's settings, names upper-cased, in the order given
 */
record H2Url(String path, String memory, Map<String, String> settings) {
    /** Settings that only tune how the file is opened; none of them runs anything or reaches another host. */
    static final List<String> ALLOWED_SETTINGS = List.of("ACCESS_MODE_DATA", "AUTO_SERVER", "AUTO_SERVER_PORT", "CACHE_SIZE",
            "DB_CLOSE_DELAY", "IFEXISTS", "LOCK_TIMEOUT", "TRACE_LEVEL_FILE", "WRITE_DELAY");
    private static final String PREFIX = "jdbc:h2:";

    static boolean isJdbc(String given) {
        return given.regionMatches(true, 0, "jdbc:", 0, 5);
    }

    /** Parses a URL the user gave as {@code source} (--db, VALOR_DB); anything not allowed is a usage error. */
    static H2Url parse(String url, String source) {
        if (!url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw Failure.usage(source + " must be a file path or an H2 URL (jdbc:h2:file:PATH), not " + url);
        }
        String[] parts = url.substring(PREFIX.length()).split(";", -1);
        String name = parts[0];
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isBlank()) continue;
            int equals = parts[i].indexOf('=');
            String key = (equals < 0 ? parts[i] : parts[i].substring(0, equals)).strip().toUpperCase(Locale.ROOT);
            String value = equals < 0 ? "" : parts[i].substring(equals + 1).strip();
            if (!ALLOWED_SETTINGS.contains(key)) {
                throw Failure.usage(source + ": the setting " + key + " is not allowed in the URL (allowed: "
                        + String.join(", ", ALLOWED_SETTINGS) + ")");
            }
            if (!value.matches("[A-Za-z0-9_.-]+")) throw Failure.usage(source + ": " + key + "=" + value + " is not a plain value");
            settings.put(key, value);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:")) return new H2Url(null, name.substring(4), settings);
        if (lower.startsWith("file:")) name = name.substring(5);
        else if (lower.startsWith("tcp:") || lower.startsWith("ssl:")) {
            throw Failure.usage(source + " must name a local file: " + lower.substring(0, 3) + ":// would send the store's"
                    + " password to another server");
        } else if (name.matches("[A-Za-z][A-Za-z0-9]+:.*")) {
            throw Failure.usage(source + " must name a local file (jdbc:h2:file:PATH) or jdbc:h2:mem:NAME, not "
                    + name.substring(0, name.indexOf(':') + 1));
        }
        if (name.isBlank()) throw Failure.usage(source + " names no file: " + url);
        return new H2Url(name, null, settings);
    }

    /** {@code base} (the toolkit's own settings) with this URL's settings put over it. */
    Map<String, String> over(Map<String, String> base) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(settings);
        return merged;
    }
}
