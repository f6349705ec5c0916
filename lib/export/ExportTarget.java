package valor.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import valor.base.Failure;
import valor.base.PrivateFiles;

/**
 * Where an export goes, written whole or not at all: everything is written into a temporary folder
 * next to --out (so the rename at the end stays on one file system) and moved into place only when
 * complete; a failed run leaves --out as it was and removes its temporary folder. It replaces only
 * what valor-export wrote: a folder must hold nothing but the files its {@link ExportManifest}
 * lists, and a database file must be a DuckDB database.
 */
final class ExportTarget {
    /** DuckDB's working database for the Parquet and CSV formats, removed before the folder is moved into place. */
    private static final String WORK_DATABASE = ".export-work.duckdb";

    private final Path out;
    /** --out as the user wrote it, for messages. */
    private final String shown;
    private final ExportFormat format;
    private final Path temp;

    private ExportTarget(Path out, String shown, ExportFormat format, Path temp) {
        this.out = out;
        this.shown = shown;
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
            if (Files.isDirectory(out)) ExportManifest.requireOnlyItsOwnFiles(out, requested.toString());
        } else if (Files.isDirectory(out)) {
            throw Failure.usage("--out " + requested + " is a folder; --format duckdb writes one database file");
        } else if (Files.exists(out) && !isDuckDb(out)) {
            throw Failure.usage("--out " + requested + " is not a DuckDB database; an export replaces only its own files:"
                    + " move it away or name another file");
        }
        try {
            Files.createDirectories(out.getParent());
            return new ExportTarget(out, requested.toString(), format, Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".tmp-"));
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

    /**
     * Moves the finished export into place, replacing what an earlier run wrote there; private like the
     * store it came from. A folder gets its manifest first, and is checked again just before the swap.
     */
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
        ExportManifest.write(temp, format);
        if (!Files.exists(out)) {
            Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Set<String> earlier = ExportManifest.requireOnlyItsOwnFiles(out, shown);
        // A folder cannot replace a non-empty one in one rename: the old one steps aside first.
        Path old = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".old-");
        Files.delete(old);
        Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
        removeEarlierExport(old, earlier);
    }

    /**
     * Deletes what the earlier export wrote from the folder that stepped aside. Anything else (a file
     * put there between the check and the swap) goes back into --out, or stays where it is if its
     * name is taken: it is never deleted.
     */
    private void removeEarlierExport(Path old, Set<String> earlier) throws IOException {
        try (Stream<Path> files = Files.list(old)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if ((earlier.contains(name) || name.equals(ExportManifest.FILE)) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                } else if (!Files.exists(out.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(file, out.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        try {
            Files.delete(old);
        } catch (DirectoryNotEmptyException kept) {
            // a file of someone else's whose name the new export took: it stays, beside --out
        }
    }

    /** A DuckDB database file starts with a checksum and then its magic bytes "DUCK". */
    private static boolean isDuckDb(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(12);
            return head.length == 12 && new String(head, 8, 4, StandardCharsets.US_ASCII).equals("DUCK");
        } catch (IOException e) {
            return false;
        }
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
