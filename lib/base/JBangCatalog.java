package valor.base;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JBang catalog this command was run from, as in {@code jbang valor-sync@org}: its name as
 * the user registered it, and the aliases it has. JBang tells a script nothing about how it was
 * named, so this reads what JBang keeps on disk: the catalogs registered by name (the user's
 * {@code jbang-catalog.json} and {@code implicit-catalog.json} in JBANG_DIR, and those of catalog
 * files from the current folder up), and its download cache, where a catalog fetched from a URL
 * and each script it ran are kept under the SHA-256 of their URL. A catalog is this command's
 * origin when it has an alias for this command's script and JBang holds that script as fetched
 * from the catalog's address (or, for a catalog that is a file, the script is there). The
 * script's own jar, in JBang's {@code cache/jars}, names the script and locates the cache.
 *
 * @param name    the name the user runs it by: {@code org} in {@code valor-sync@org}
 * @param aliases the catalog's aliases, in its order
 */
public record JBangCatalog(String name, List<String> aliases) {
    /** JBang builds a script into {@code cache/jars/<Script>.java.<hash>/<Script>.jar}. */
    private static final Pattern SCRIPT_JAR_FOLDER = Pattern.compile("(.+\\.java)\\.[0-9a-f]+");
    private static final Pattern GITHUB_BLOB = Pattern.compile("https://github\\.com/([^/]+)/([^/]+)/blob/(.+)");

    /** The catalog this process's script was run from, if it was run from a named catalog. */
    public static Optional<JBangCatalog> origin(Io io) {
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath();
            Path folder = jar.getParent();
            if (folder == null || folder.getParent() == null || !folder.getParent().getFileName().toString().equals("jars")) continue;
            Matcher script = SCRIPT_JAR_FOLDER.matcher(folder.getFileName().toString());
            if (script.matches()) return origin(script.group(1), folder.getParent().getParent(), io);
        }
        return Optional.empty();
    }

    private static Optional<JBangCatalog> origin(String scriptFile, Path cache, Io io) {
        for (Map.Entry<String, String> registered : registered(io).entrySet()) {
            String ref = registered.getValue();
            boolean remote = ref.startsWith("http://") || ref.startsWith("https://");
            Optional<JsonNode> catalog = remote ? cached(cache, ref, "jbang-catalog.json") : readJson(Path.of(ref));
            JsonNode aliases = catalog.map(c -> c.path("aliases")).orElse(null);
            if (aliases == null || !aliases.isObject()) continue;
            List<String> names = aliases.properties().stream().map(Map.Entry::getKey).toList();
            for (String alias : names) {
                String scriptRef = aliases.path(alias).path("script-ref").asText("");
                if (!scriptRef.endsWith("/" + scriptFile) && !scriptRef.equals(scriptFile)) continue;
                boolean ranFromHere = remote ? cachedFile(cache, URI.create(ref).resolve(scriptRef).toString(), scriptFile).isPresent()
                        : Files.isRegularFile(Path.of(ref).toAbsolutePath().resolveSibling(scriptRef));
                if (ranFromHere) return Optional.of(new JBangCatalog(registered.getKey(), List.copyOf(names)));
            }
        }
        return Optional.empty();
    }

    /**
     * Catalog names and their references, as JBang looks them up: catalog files from the current
     * folder up first, then the user's, then the implicit ones JBang recorded (github.com/org/jbang-catalog).
     */
    private static Map<String, String> registered(Io io) {
        List<Path> files = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            files.add(dir.resolve("jbang-catalog.json"));
            files.add(dir.resolve(".jbang/jbang-catalog.json"));
        }
        String configured = io.env("JBANG_DIR");
        Path jbangDir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".jbang");
        files.add(jbangDir.resolve("jbang-catalog.json"));
        files.add(jbangDir.resolve("implicit-catalog.json"));
        Map<String, String> catalogs = new LinkedHashMap<>();
        for (Path file : files) {
            JsonNode named = readJson(file).map(json -> json.path("catalogs")).orElse(null);
            if (named == null || !named.isObject()) continue;
            for (Map.Entry<String, JsonNode> catalog : named.properties()) {
                String ref = catalog.getValue().path("catalog-ref").asText("");
                boolean remote = ref.startsWith("http://") || ref.startsWith("https://");
                if (!ref.isEmpty()) catalogs.putIfAbsent(catalog.getKey(), remote ? ref : file.resolveSibling(ref).toString());
            }
        }
        return catalogs;
    }

    /** A file JBang downloaded from {@code url}, as parsed JSON. */
    private static Optional<JsonNode> cached(Path cache, String url, String fileName) {
        return cachedFile(cache, url, fileName).flatMap(JBangCatalog::readJson);
    }

    /** Where JBang keeps what it downloaded from {@code url}: under the SHA-256 of the URL, or of its raw GitHub form. */
    private static Optional<Path> cachedFile(Path cache, String url, String fileName) {
        List<String> forms = new ArrayList<>(List.of(url));
        Matcher blob = GITHUB_BLOB.matcher(url);
        if (blob.matches()) forms.add("https://raw.githubusercontent.com/" + blob.group(1) + "/" + blob.group(2) + "/" + blob.group(3));
        for (String form : forms) {
            Path file = cache.resolve("urls").resolve(sha256(form)).resolve(fileName);
            if (Files.isRegularFile(file)) return Optional.of(file);
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> readJson(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Json.parse(Files.readString(file))) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // not JBang's, or being written: this catalog cannot be the origin
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
