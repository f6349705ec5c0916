package valor.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import valor.base.Failure;
import valor.base.PrivateFiles;

/**
 * Where an export goes, written whole or not at all: everything is written into a temporary folder
 * next to --out (so the rename at the end stays on one file system) and moved into place only when
 * complete; a failed run leaves --out as it was and removes its temporary folder.
 */
final class ExportTarget {
    /** DuckDB's working database for the Parquet and CSV formats, removed before the folder is moved into place. */
    private static final String WORK_DATABASE = ".export-work.duckdb";

    private final Path out;
    private final ExportFormat format;
    private final Path temp;

    private ExportTarget(Path out, ExportFormat format, Path temp) {
        this.out = out;
        this.format = format;
        this.temp = temp;
    }

    /** Checks --out before the store is opened and makes the temporary folder next to it. */
    static ExportTarget prepare(Path requested, ExportFormat format) {
        Path out = requested.toAbsolutePath().normalize();
        if (out.getParent() == null) throw Failure.usage("--out " + requested + ": cannot write there");
        if (format.oneFilePerTable()) {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw Failure.usage("--out " + requested + " is a file; --format " + format + " writes a folder of files");
            }
            if (Files.isDirectory(out)) {
                try (Stream<Path> files = Files.list(out)) {
                    List<String> others = files.map(f -> f.getFileName().toString()).filter(f -> !f.endsWith("." + format)).sorted().toList();
                    if (!others.isEmpty()) {
                        throw Failure.usage("--out " + requested + " holds other files than *." + format + " (" + others.get(0)
                                + "); every export replaces the whole folder, so name a new or empty one");
                    }
                } catch (IOException e) {
                    throw Failure.usage("--out " + requested + ": cannot read the folder (" + e.getMessage() + ")");
                }
            }
        } else if (Files.isDirectory(out)) {
            throw Failure.usage("--out " + requested + " is a folder; --format duckdb writes one database file");
        }
        try {
            Files.createDirectories(out.getParent());
            return new ExportTarget(out, format, Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".tmp-"));
        } catch (IOException | UnsupportedOperationException e) {
            throw Failure.usage("--out " + requested + ": cannot write there (" + e + ")");
        }
    }

    /** The DuckDB database file the tables are loaded into. */
    Path database() {
        return format.oneFilePerTable() ? temp.resolve(WORK_DATABASE) : temp.resolve(out.getFileName());
    }

    /** A scratch DuckDB database for the IK series on their way to ik_samples, next to the export's own. */
    Path stagingDatabase() {
        return temp.resolve(".export-ik-stage.duckdb");
    }

    void dropStagingDatabase() {
        try {
            Files.deleteIfExists(stagingDatabase());
            Files.deleteIfExists(Path.of(stagingDatabase() + ".wal"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where COPY writes a table's file (Parquet and CSV). */
    Path tableFile(String table) {
        return temp.resolve(format.fileName(table));
    }

    /** Moves the finished export into place, replacing what an earlier run wrote there; private like the store it came from. */
    void commit() throws IOException {
        if (!format.oneFilePerTable()) {
            Files.deleteIfExists(Path.of(database() + ".wal"));
            PrivateFiles.restrict(database(), PrivateFiles.FILE);
            Files.move(database(), out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(temp);
            return;
        }
        Files.deleteIfExists(database());
        Files.deleteIfExists(Path.of(database() + ".wal"));
        try (var files = Files.list(temp)) {
            for (Path file : files.toList()) PrivateFiles.restrict(file, PrivateFiles.FILE); // DuckDB writes them with the umask's
        }
        if (!Files.exists(out)) {
            Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        // A folder cannot replace a non-empty one in one rename: the old one steps aside first.
        Path old = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".old-");
        Files.delete(old);
        Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(old);
    }

    /** Removes the temporary folder after a failure; --out is untouched. */
    void abandon() {
        try {
            deleteRecursively(temp);
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: the failure being reported matters more than a leftover temporary folder.
        }
    }

    Path out() {
        return out;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }
}
