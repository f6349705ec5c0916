package valor.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * Reads the SQL files that travel inside the jar (JBang's //FILES), so a catalog alias run from
 * any folder finds them. Works the same when the classes come from a plain folder.
 */
public final class ClasspathResources {
    private ClasspathResources() {}

    /** File names directly inside a classpath folder, sorted, e.g. list("sql/migrations"). */
    public static List<String> list(String folder) {
        URL url = ClasspathResources.class.getClassLoader().getResource(folder);
        if (url == null) return List.of();
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) return jarEntries((JarURLConnection) url.openConnection(), folder);
            try (Stream<Path> files = Files.list(Path.of(uri))) {
                return names(files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String read(String path) {
        try (InputStream in = ClasspathResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path + " (is it listed in //FILES?)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(Stream<Path> files) {
        return files.map(path -> path.getFileName().toString().replace("/", "")).sorted().toList();
    }

    /** The jar's entry list, read directly: a zip file system would add its own classes to every one-liner's startup. */
    private static List<String> jarEntries(JarURLConnection connection, String folder) throws IOException {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        List<String> names = new ArrayList<>();
        for (JarEntry entry : Collections.list(connection.getJarFile().entries())) {
            String name = entry.getName();
            if (name.startsWith(prefix) && name.length() > prefix.length() && name.indexOf('/', prefix.length()) < 0) {
                names.add(name.substring(prefix.length()));
            }
        }
        Collections.sort(names);
        return names;
    }
}
