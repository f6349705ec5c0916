package valor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
            if (uri.getScheme().equals("jar")) {
                try (Stream<Path> files = Files.list(jarFileSystem(uri).getPath(folder))) {
                    return names(files);
                }
            }
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

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }
}
