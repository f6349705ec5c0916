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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
        try (ConsoleProcess console = ConsoleProcess.start(dir, "--db", store.db.toString(), "--no-browser");
             WebDriverClient browser = WebDriverClient.start(dir)) {
            assertTrue(console.firstLine.contains("is open read-only at"), console.firstLine);
            browser.open(console.url);

            String result = runInConsole(browser, "select count(*) as live_sessions from session_details");
            assertTrue(result.contains("LIVE_SESSIONS") && result.contains(String.valueOf(store.organisation.sessionCount())), result);

            String refused = runInConsole(browser, "delete from sessions");
            assertTrue(refused.contains("Not enough rights") || refused.contains("The database is read only"), refused);
        }
        assertEquals(200L, TestDb.count(store.db, "SELECT COUNT(*) FROM sessions"), "nothing was deleted");
    }

    @Test
    void withWriteTheConsoleCanChangeTheStore() throws Exception {
        Path copy = dir.resolve("copy.mv.db");
        Files.copy(store.db, copy);
        try (ConsoleProcess console = ConsoleProcess.start(dir, "--db", copy.toString(), "--write", "--no-browser");
             WebDriverClient browser = WebDriverClient.start(dir)) {
            assertTrue(console.firstLine.contains("is open for writing at"), console.firstLine);
            browser.open(console.url);
            String result = runInConsole(browser, "update athletes set first_name = 'Zed'");
            assertTrue(result.contains("Update count: 5"), result);
        }
        assertEquals(5L, TestDb.count(copy, "SELECT COUNT(*) FROM athletes WHERE first_name = 'Zed'"));
    }

    /**
     * Where there is a display the console opens a browser, and a program's arguments are there for
     * every user of the machine to read (ps) as long as it runs. The browser (here a stand-in that
     * records its arguments, as BROWSER names one) is given a page only the analyst can read, which
     * leads a real browser to the console; the key is on no command line, and the page goes when the
     * console stops.
     */
    @Test
    void theBrowserIsOpenedOnAPrivatePageNeverOnTheAddress() throws Exception {
        Path arguments = dir.resolve("browser-arguments");
        Path browserCommand = Files.writeString(dir.resolve("browser"), "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\" > '" + arguments + "'\n");
        Files.setPosixFilePermissions(browserCommand, PosixFilePermissions.fromString("rwx------"));
        Path page;
        try (ConsoleProcess console = ConsoleProcess.start(dir, Map.of("DISPLAY", ":0", "BROWSER", browserCommand.toString()),
                "--db", store.db.toString());
             WebDriverClient browser = WebDriverClient.start(dir)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(arguments) && System.nanoTime() < deadline) Thread.sleep(100);
            List<String> argv = Files.readAllLines(arguments);
            assertEquals(2, argv.size(), "the browser and one argument: " + argv);
            assertFalse(String.join(" ", argv).contains(console.sessionId()), "the key is on the browser's command line: " + argv);

            page = Path.of(URI.create(argv.get(1)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(page)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(page.getParent())));
            assertTrue(Files.readString(page).contains(console.url), "the page leads to the printed address");

            browser.open(argv.get(1));
            String result = runInConsole(browser, "select count(*) as live_sessions from session_details");
            assertTrue(result.contains(String.valueOf(store.organisation.sessionCount())), result);
        }
        assertFalse(Files.exists(page), "the page is deleted when the console stops");
    }

    @Test
    void theConsoleListensOnLoopbackOnlyAndRefusesOtherHosts() throws Exception {
        // --write: the console then holds the file and serves it to others (read-only, it serves nothing)
        try (ConsoleProcess console = ConsoleProcess.start(dir, "--db", store.db.toString(), "--no-browser", "--write")) {
            int port = console.port();
            assertFalse(ListeningSockets.addressesListeningOn(port).isEmpty());
            assertTrue(ListeningSockets.addressesListeningOn(port).stream().allMatch(ListeningSockets::isLoopback),
                    "the console listens on " + ListeningSockets.addressesListeningOn(port));
            ReadDuringSyncTest.assertOnlyLoopbackListens(store.db); // the console holds the file: its auto-server port too

            String analystsPage = URI.create(console.url).getRawPath() + "?" + URI.create(console.url).getRawQuery();
            assertTrue(httpStatusLine(port, analystsPage, "127.0.0.1:" + port).contains(" 200 "), "this machine is served");
            assertFalse(httpStatusLine(port, analystsPage, "attacker.example:" + port).contains(" 200 "),
                    "a page from another site (DNS rebinding) is refused, even with the key");

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

    @Test
    void aBrowserWithoutThePrintedKeyCannotLogIn() throws Exception {
        AttackerDatabase theirs = AttackerDatabase.create(dir);
        try (ConsoleProcess console = ConsoleProcess.start(dir, "--db", store.db.toString(), "--no-browser");
             WebDriverClient browser = WebDriverClient.start(dir)) {
            String consoleRoot = "http://127.0.0.1:" + console.port() + "/";
            // Stock H2 sends whoever opens the root to its login page, with a session of their own.
            openEvenIfRefused(browser, consoleRoot);
            assertFalse(showsALoginForm(browser), "the console's root offers a login form: " + browser.text(browser.find("body")));

            // A copy of H2's login form, served elsewhere, needs nothing from the console: it is refused all the same.
            Path site = Files.createDirectories(dir.resolve("site"));
            Files.writeString(site.resolve("login.html"), """
                    <html><body><form name="login" method="post" action="%1$slogin.do?jsessionid=%2$s" id="login">
                    <input type="text" name="driver" value="org.h2.Driver"> <input type="text" name="url">
                    <input type="text" name="user"> <input type="password" name="password">
                    <input type="submit" value="Connect">
                    <input type="button" value="Test Connection" onclick="document.login.action='%1$stest.do?jsessionid=%2$s';submit()">
                    </form></body></html>
                    """.formatted(consoleRoot, "0123456789abcdef0123456789abcdef"));
            try (StaticFileServer their = StaticFileServer.serve(site)) {
                for (String button : List.of("Test Connection", "Connect")) {
                    browser.open(their.url() + "login.html");
                    browser.type(browser.find("input[name='url']"), theirs.url);
                    browser.type(browser.find("input[name='user']"), AttackerDatabase.USER);
                    browser.type(browser.find("input[name='password']"), AttackerDatabase.PASSWORD);
                    browser.click(browser.find("input[value='" + button + "']"));
                    String page = pageText(browser);
                    assertFalse(page.contains("Test successful") || showsALoginForm(browser), button + " got an answer from H2: " + page);
                    assertFalse(theirs.wasConnected(), button + " opened a connection to the attacker's database");
                }
            }

            // The printed address still works in the same browser.
            browser.open(console.url);
            String result = runInConsole(browser, "select count(*) as live_sessions from session_details");
            assertTrue(result.contains(String.valueOf(store.organisation.sessionCount())), result);
        }
        assertFalse(theirs.wasConnected(), "the console opened a connection to the attacker's database");
    }

    /** Chromium shows its own error page when the console closes the connection unanswered; chromedriver may report that as an error. */
    private static void openEvenIfRefused(WebDriverClient browser, String url) throws Exception {
        try {
            browser.open(url);
        } catch (IllegalStateException refused) {
            // the page did not load: there is nothing to log in with
        }
    }

    /** The text of the page the browser has now; right after a click the next page may still be loading (no body yet). */
    private static String pageText(WebDriverClient browser) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return browser.text(browser.find("body"));
            } catch (IllegalStateException loading) {
                if (System.nanoTime() > deadline) throw loading;
                Thread.sleep(100);
            }
        }
    }

    /** Whether H2's login form is on the page, after the root's script has had time to redirect to it. */
    private static boolean showsALoginForm(WebDriverClient browser) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        do {
            try {
                browser.find("form#login input[name='password']");
                return true;
            } catch (IllegalStateException none) {
                Thread.sleep(100);
            }
        } while (System.nanoTime() < deadline);
        return false;
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

    private static String httpStatusLine(int port, String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return line == null ? "" : line;
        }
    }
}
