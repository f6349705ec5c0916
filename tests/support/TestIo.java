package valor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import valor.base.Io;
import valor.cli.Command;
import valor.store.StoreKey;

/** An Io whose streams are captured and whose environment is the test's own, for running commands in-process. */
final class TestIo {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();
    private byte[] stdin = new byte[0];
    private boolean terminal;

    /**
     * The store key every test uses, as one user would: the one a child process that inherits this
     * environment finds, so stores made in-process and by child processes open alike.
     */
    static final String STORE_KEY = StoreKey.of(Io.system()).file().toString();

    static TestIo capture() {
        return new TestIo().env(StoreKey.ENV, STORE_KEY);
    }

    /** A home of its own, so nothing a test runs can touch the real user's files. */
    static TestIo inHome(Path home) {
        return capture().env("HOME", home.toString()).env("XDG_DATA_HOME", home.resolve("data").toString())
                .env("XDG_CONFIG_HOME", home.resolve("config").toString());
    }

    TestIo env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Stdout and stderr as a terminal, as a person watching has them. */
    TestIo terminal() {
        terminal = true;
        return this;
    }

    TestIo stdin(String text) {
        stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    Io io() {
        return new Io(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, terminal, terminal);
    }

    /** Runs a command with these streams; the result holds its exit code and output. */
    Result run(Command command, String... args) {
        int code = command.run(args, io());
        return new Result(code, out(), err());
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
