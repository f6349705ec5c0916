package valor.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import valor.base.Failure;
import valor.base.PrivateFiles;

/**
 * Where pages go, as valor-chart writes its files (chart.ChartFiles): each page into a temporary
 * file beside its target, renamed over it only when complete, so a failed run leaves no
 * half-written page. Pages hold an athlete's data, so they are readable by their owner only
 * (0600) and a folder made for them is 0700. A target the user named that cannot be written is a
 * usage error (exit 2), found before the store is read; one of --all's pages that cannot be
 * written fails alone (exit 1), and --all goes on with the others.
 */
public final class ReportFiles {
    private ReportFiles() {}

    /**
     * A temporary file beside the page, made now so an unwritable folder fails before any query runs.
     * @param named how errors name the page: "--out FILE" when the user gave it
     */
    public static Path temporaryBeside(Path target, String named) {
        if (Files.isDirectory(target)) throw Failure.usage(named + " is a folder; name a .html file (or use --all --out FOLDER)");
        try {
            return createTemporary(target);
        } catch (IOException | SecurityException e) {
            throw Failure.usage(named + ": cannot write in " + target.toAbsolutePath().getParent() + " (" + reason(e) + ")");
        }
    }

    /**
     * The folder for --all, made (0700, with missing parents) if it is not there; a folder made
     * here and left empty is removed by {@link #discardFolder}.
     * @return whether this call made it
     */
    public static boolean prepareFolder(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) throw Failure.usage("--out " + folder + " is a file; --all writes a folder of pages");
        boolean made = !Files.exists(folder);
        try {
            PrivateFiles.createFolder(folder);
            Path probe = Files.createTempFile(folder, ".valor-report.", ".tmp", PrivateFiles.attributes(PrivateFiles.FILE));
            Files.delete(probe);
            return made;
        } catch (IOException | SecurityException e) {
            if (made) discardFolder(folder);
            throw Failure.usage("--out " + folder + ": cannot write pages there (" + reason(e) + ")");
        }
    }

    /** Writes the page into the temporary file and renames it over the target; removes the temporary file on any failure. */
    public static void finish(Path temporary, Path target, String page) {
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(page.getBytes(StandardCharsets.UTF_8));
            }
            PrivateFiles.restrict(temporary, PrivateFiles.FILE);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw Failure.failed(target + ": cannot write it (" + reason(e) + ")", e);
        } finally {
            if (!done) discard(temporary);
        }
    }

    /**
     * Writes one of --all's pages in one step: a temporary file beside it, then the rename. A page
     * that cannot be written fails alone (exit 1), with a line naming its file and why.
     */
    public static void write(Path target, String page) {
        if (Files.isDirectory(target)) throw Failure.failed(target + ": cannot write it (a folder of that name is in the way)");
        Path temporary;
        try {
            temporary = createTemporary(target);
        } catch (IOException | SecurityException e) {
            throw Failure.failed(target + ": cannot write it (" + reason(e) + ")", e);
        }
        finish(temporary, target, page);
    }

    /** Named after its page (".noah-cohen.html.123.tmp"), unless that name would be too long for the file system. */
    private static Path createTemporary(Path target) throws IOException {
        String name = target.getFileName().toString();
        String prefix = name.getBytes(StandardCharsets.UTF_8).length <= 100 ? name : "valor-report";
        return Files.createTempFile(target.toAbsolutePath().getParent(), "." + prefix + ".", ".tmp", PrivateFiles.attributes(PrivateFiles.FILE));
    }

    public static void discard(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // best effort: a leftover dot-file beside the target is harmless
        }
    }

    /** Removes a folder --all made, if nothing is in it. */
    public static void discardFolder(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // not empty, or gone: either way nothing half-written is in it
        }
    }

    private static String reason(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
