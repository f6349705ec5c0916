package valor.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import valor.base.Failure;

/** Runs the programs an install needs (jbang, sh) and reads what they print. */
final class Processes {
    /** Long enough for JBang to fetch DuckDB's 70 MB jar on a slow line; a hung build still ends. */
    private static final long TIMEOUT_SECONDS = 900;

    private Processes() {}

    /** Runs a command in a folder and returns its standard output; otherwise fails with {@code failure} and its last error line. */
    static String output(List<String> command, Path dir, String failure) {
        try {
            Path errors = Files.createTempFile("valor-install", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(errors.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) process.destroyForcibly();
                if (process.waitFor() != 0) {
                    String why = Files.readAllLines(errors).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit " + process.exitValue());
                    throw Failure.failed(failure + " (" + why.strip() + ")");
                }
                return out;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw Failure.failed(failure + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.failed(failure + " (interrupted)");
        }
    }
}
