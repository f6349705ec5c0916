package valor;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** valor-console in its own JVM, as a user starts it, with a home of its own; stopped (as Ctrl-C would) on close. */
final class ConsoleProcess implements AutoCloseable {
    final Process process;
    /** "valor-console: ... is open read-only at" */
    final String firstLine;
    /** The address it printed, with the session key. */
    final String url;

    private ConsoleProcess(Process process, String firstLine, String url) {
        this.process = process;
        this.firstLine = firstLine;
        this.url = url;
    }

    static ConsoleProcess start(Path home, String... args) throws Exception {
        return start(home, Map.of(), args);
    }

    /** As above, with {@code env} added to its environment (DISPLAY, for one, which it otherwise has none of). */
    static ConsoleProcess start(Path home, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = JavaProcess.of(ConsoleCommand.class, args).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("XDG_DATA_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        String url = out.readLine();
        if (url == null || !url.startsWith("http://127.0.0.1:")) {
            process.destroyForcibly();
            throw new AssertionError("valor-console did not print its address: " + first + "\n" + url);
        }
        Thread drain = new Thread(() -> out.lines().forEach(line -> {}));
        drain.setDaemon(true);
        drain.start();
        return new ConsoleProcess(process, first, url);
    }

    int port() {
        return URI.create(url).getPort();
    }

    /** The session key: the jsessionid in the printed address. */
    String sessionId() {
        return URI.create(url).getQuery().replaceFirst("^.*jsessionid=", "");
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM, like Ctrl-C: the shutdown hook stops the console
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
