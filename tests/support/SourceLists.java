package valor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import valor.base.Json;

/**
 * Reads JBang's //SOURCES and //FILES lines the way JBang does: paths relative to the file that
 * declares them, followed transitively. What a script compiles and ships is its closure.
 */
final class SourceLists {
    private static final Pattern DIRECTIVE = Pattern.compile("^//(SOURCES|FILES)\\s+(.+)$", Pattern.MULTILINE);

    /** A //FILES entry: the file in the checkout and its name on the class path. */
    record Resource(Path source, String classpathName) {}

    /** Everything one root pulls in: Java files in the order first reached, and resources. */
    record Closure(Set<Path> sources, Set<Resource> resources) {}

    /** One //SOURCES or //FILES line of a file, with its text as written. */
    record Directive(Path declaredIn, String kind, String value) {}

    private SourceLists() {}

    /** The catalog's aliases and their scripts: the roots a user of the published catalog builds. */
    static Map<String, Path> catalogScripts(Path checkout) throws IOException {
        JsonNode aliases = Json.parse(Files.readString(checkout.resolve("jbang-catalog.json"))).get("aliases");
        Map<String, Path> scripts = new LinkedHashMap<>();
        aliases.properties().forEach(alias -> scripts.put(alias.getKey(), checkout.resolve(alias.getValue().get("script-ref").asText()).normalize()));
        return scripts;
    }

    static List<Directive> directives(Path file) {
        List<Directive> found = new ArrayList<>();
        Matcher match = DIRECTIVE.matcher(read(file));
        while (match.find()) found.add(new Directive(file, match.group(1), match.group(2).strip()));
        return found;
    }

    /**
     * The closure of a root. A //SOURCES cycle is an error here because JBang follows it until
     * its stack overflows.
     */
    static Closure closure(Path root) {
        Closure closure = new Closure(new LinkedHashSet<>(), new LinkedHashSet<>());
        visit(root.toAbsolutePath().normalize(), new ArrayList<>(), closure);
        return closure;
    }

    private static void visit(Path file, List<Path> path, Closure closure) {
        if (path.contains(file)) throw new IllegalStateException("//SOURCES cycle: " + path.subList(path.indexOf(file), path.size()) + " -> " + file);
        if (!closure.sources().add(file)) return;
        path.add(file);
        for (Directive directive : directives(file)) {
            if (directive.kind().equals("SOURCES")) {
                visit(resolve(file, directive.value()), path, closure);
            } else {
                String[] parts = directive.value().split("=", 2);
                Path source = resolve(file, parts.length == 2 ? parts[1] : parts[0]);
                closure.resources().add(new Resource(source, parts.length == 2 ? parts[0] : source.getFileName().toString()));
            }
        }
        path.remove(path.size() - 1);
    }

    private static Path resolve(Path declaredIn, String relative) {
        return declaredIn.getParent().resolve(relative).normalize();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (listed in a //SOURCES line?)", e);
        }
    }
}
