package valor.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import valor.base.Failure;
import valor.base.Json;
import valor.base.PrivateFiles;

/**
 * What valor-export wrote into a folder, kept in the folder ({@value #FILE}) so the next export
 * there replaces those files and nothing else: an analyst's own notes.csv beside them stops the
 * export (exit 2, naming it) instead of vanishing with the old folder. A small JSON object, which
 * a later version reads whatever it adds: {@code {"written_by":"valor-export","version":1,
 * "format":"csv","files":["athletes.csv", ...]}}.
 */
final class ExportManifest {
    static final String FILE = ".valor-export.json";
    private static final String WRITER = "valor-export";

    private ExportManifest() {}

    /** Lists every file in the folder (the export just written) in its manifest, written whole or not at all. */
    static void write(Path folder, ExportFormat format) throws IOException {
        ObjectNode manifest = Json.MAPPER.createObjectNode().put("written_by", WRITER).put("version", 1).put("format", format.toString());
        var files = manifest.putArray("files");
        for (String name : names(folder)) if (!name.equals(FILE)) files.add(name);
        Path temporary = Files.createTempFile(folder, FILE + ".", ".tmp", PrivateFiles.attributes(PrivateFiles.FILE));
        try {
            Files.writeString(temporary, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Refuses (exit 2, one line naming a file) a folder that holds anything but what its manifest
     * lists and the manifest itself; an empty folder passes.
     * @param shown the folder as the user named it, for the message
     * @return the files the manifest lists (none without one)
     */
    static Set<String> requireOnlyItsOwnFiles(Path folder, String shown) {
        List<String> present;
        try {
            present = names(folder);
        } catch (IOException e) {
            throw Failure.usage("--out " + shown + ": cannot read the folder (" + e.getMessage() + ")");
        }
        Set<String> listed = present.contains(FILE) ? listed(folder, shown) : Set.of();
        List<String> others = present.stream().filter(name -> !name.equals(FILE) && !listed.contains(name)).toList();
        if (others.isEmpty()) return listed;
        String first = others.get(0) + (others.size() == 1 ? "" : " (and " + (others.size() - 1) + " more)");
        throw Failure.usage("--out " + shown + " holds " + first + (present.contains(FILE)
                ? ", which valor-export did not write there (its " + FILE + " lists what it did)"
                : ", and no " + FILE + " lists it as written by valor-export")
                + "; an export replaces only its own files: move it out or name a new or empty folder");
    }

    private static Set<String> listed(Path folder, String shown) {
        try {
            JsonNode manifest = Json.parse(Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8));
            JsonNode files = manifest.path("files");
            if (!WRITER.equals(manifest.path("written_by").asText()) || !files.isArray()) throw new IOException("not valor-export's");
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode file : files) {
                String name = file.asText();
                // Only plain names of this folder: a doctored list cannot reach elsewhere.
                if (!file.isTextual() || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
                        || name.contains("\\") || name.indexOf('\0') >= 0) {
                    throw new IOException("it lists '" + name + "'");
                }
                names.add(name);
            }
            return names;
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException ? "not JSON" : e.getMessage();
            throw Failure.usage("--out " + shown + ": its " + FILE + " is not a list of files valor-export wrote (" + why
                    + "); name a new or empty folder");
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
