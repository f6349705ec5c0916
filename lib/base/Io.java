package valor.base;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the outside world: its streams and environment. Commands take an
 * Io instead of reaching for System.* so that tests run them in-process with captured output.
 */
public record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                 boolean outIsTerminal, boolean errIsTerminal) {

    public static Io system() {
        return new Io(System.in, System.out, System.err, System.getenv(), isTerminal(1), isTerminal(2));
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Java 17 cannot ask whether one given stream is a terminal; on Linux /proc can. */
    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception notLinux) {
            return System.console() != null;
        }
    }
}
