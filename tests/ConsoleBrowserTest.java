package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * valor-console end to end: the command in its own JVM, H2's console in Debian's headless
 * Chromium driven through chromedriver, queries typed and run as a person would.
 */
class ConsoleBrowserTest {
    @TempDir
    static Path shared;
    static AnalystStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncAStore() {
        store = AnalystStore.synced(shared, 13, 5, 200);
    }

    @Test
    void aQueryRunsInTheBrowserAndAChangeIsRefused() throws Exception {
        try (Console console = Console.start(dir, "--db", store.db.toString(), "--no-browser");
             WebDriverClient browser = WebDriverClient.start(dir)) {
            assertTrue(console.firstLine.contains("is open read-only at"), console.firstLine);
            browser.open(console.url);

            String result = runInConsole(browser, "select count(*) as live_sessions from session_details");
            assertTrue(result.contains("LIVE_SESSIONS") && result.contains(String.valueOf(store.organisation.sessionCount())), result);

            String refused = runInConsole(browser, "delete from sessions");
            assertTrue(refused.contains("Not enough rights"), refused);
        }
        assertEquals(200L, TestDb.count(store.db, "SELECT COUNT(*) FROM sessions"), "nothing was deleted");
    }

    @Test
    void withWriteTheConsoleCanChangeTheStore() throws Exception {
        Path copy = dir.resolve("copy.mv.db");
        Files.copy(store.db, copy);
        try (Console console = Console.start(dir, "--db", copy.toString(), "--write", "--no-browser");
             WebDriverClient browser = WebDriverClient.start(dir)) {
            assertTrue(console.firstLine.contains("is open for writing at"), console.firstLine);
            browser.open(console.url);
            String result = runInConsole(browser, "update athletes set first_name = 'Zed'");
            assertTrue(result.contains("Update count: 5"), result);
        }
        assertEquals(5L, TestDb.count(copy, "SELECT COUNT(*) FROM athletes WHERE first_name = 'Zed'"));
    }

    @Test
    void theConsoleListensOnLoopbackOnlyAndRefusesOtherHosts() throws Exception {
        try (Console console = Console.start(dir, "--db", store.db.toString(), "--no-browser")) {
            int port = URI.create(console.url).getPort();
            assertFalse(ListeningSockets.addressesListeningOn(port).isEmpty());
            assertTrue(ListeningSockets.addressesListeningOn(port).stream().allMatch(ListeningSockets::isLoopback),
                    "the console listens on " + ListeningSockets.addressesListeningOn(port));
            ReadDuringSyncTest.assertOnlyLoopbackListens(store.db); // the console holds the file: its auto-server port too

            assertTrue(httpStatusLine(port, "127.0.0.1:" + port).contains(" 200 "), "this machine is served");
            assertFalse(httpStatusLine(port, "attacker.example:" + port).contains(" 200 "),
                    "a page from another site (DNS rebinding) is refused");

            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        assertThrows(ConnectException.class, () -> {
                            try (Socket socket = new Socket()) {
                                socket.connect(new InetSocketAddress(address, port), 2000);
                            }
                        }, "the console is not reachable at " + address.getHostAddress());
                    }
                }
            }
        }
    }

    /** Types SQL into the console's query frame, presses Run and returns the text of the result frame. */
    private static String runInConsole(WebDriverClient browser, String sql) throws Exception {
        browser.frame("frame[name='h2query']");
        browser.type(browser.find("#sql"), sql);
        browser.click(browser.find("input[value='Run']"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String text = "";
        while (System.nanoTime() < deadline) {
            browser.frame("frame[name='h2result']");
            text = browser.text(browser.find("body"));
            if (text.contains(sql)) return text;
            Thread.sleep(100);
        }
        throw new AssertionError("the result of '" + sql + "' never appeared; the result frame shows: " + text);
    }

    private static String httpStatusLine(int port, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return line == null ? "" : line;
        }
    }

    /** valor-console in its own JVM; stopped (as Ctrl-C would) on close. */
    private static final class Console implements AutoCloseable {
        final Process process;
        final String firstLine;
        final String url;

        private Console(Process process, String firstLine, String url) {
            this.process = process;
            this.firstLine = firstLine;
            this.url = url;
        }

        static Console start(Path dir, String... args) throws Exception {
            ProcessBuilder builder = JavaProcess.of(ConsoleCommand.class, args).redirectErrorStream(true);
            builder.environment().put("HOME", dir.toString());
            builder.environment().remove("DISPLAY");
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
            return new Console(process, first, url);
        }

        @Override
        public void close() throws Exception {
            process.destroy(); // SIGTERM, like Ctrl-C: the shutdown hook stops the console
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
