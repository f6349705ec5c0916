package valor.chart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import valor.base.Failure;

/**
 * Where a chart goes: its format from the -o file's extension, and a temporary file next to the
 * target that is renamed over it only when the chart is complete, so a failed run leaves no half-written file.
 */
public final class ChartFiles {
    public enum Format { PNG, HTML }

    /** Writes a chart's bytes to a stream. */
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private ChartFiles() {}

    public static Format format(Path target) {
        String name = target.getFileName() == null ? "" : target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) return Format.PNG;
        if (name.endsWith(".html") || name.endsWith(".htm")) return Format.HTML;
        throw Failure.usage("-o " + target + ": name a .png or .html file; the extension picks the format");
    }

    /** A temporary file beside the target, made now so an unwritable folder fails before the query runs. */
    public static Path temporaryBeside(Path target) {
        Path folder = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) throw Failure.usage("-o " + target + " is a folder; name a file in it");
        try {
            return Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
        } catch (IOException | SecurityException e) {
            throw Failure.failed("-o " + target + ": cannot write in " + folder + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** Writes the body into the temporary file and renames it over the target; removes the temporary file on any failure. */
    public static void finish(Path temporary, Path target, Body body) {
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                body.writeTo(out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw Failure.failed("-o " + target + ": cannot write it (" + e.getMessage() + ")", e);
        } finally {
            if (!done) discard(temporary);
        }
    }

    public static void discard(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // best effort: a leftover dot-file beside the target is harmless
        }
    }
}
