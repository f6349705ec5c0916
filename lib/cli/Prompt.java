package valor.cli;

import java.io.Console;
import valor.base.Io;

/**
 * Asks the person at the terminal, on the terminal itself (never on stdout, which may be piped):
 * a line, or a secret without echo. Only a command running with the real standard input and a
 * console can ask; in-process tests and piped runs cannot, and must be given what they need.
 */
public final class Prompt {
    private final Console console;

    private Prompt(Console console) {
        this.console = console;
    }

    public static Prompt forIo(Io io) {
        return new Prompt(io.in() == System.in ? System.console() : null);
    }

    public boolean available() {
        return console != null;
    }

    /** A line typed by the user, stripped; null at end of input. */
    public String line(String label) {
        String line = console.readLine("%s", label);
        return line == null ? null : line.strip();
    }

    /** A secret typed without echo; null at end of input. The caller registers it with {@link Secrets}. */
    public String secret(String label) {
        char[] typed = console.readPassword("%s", label);
        if (typed == null) return null;
        String secret = new String(typed);
        java.util.Arrays.fill(typed, '\0');
        return secret;
    }
}
