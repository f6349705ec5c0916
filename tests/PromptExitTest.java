package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import valor.base.PromptExit;

/**
 * A command that made HTTP requests ends as soon as it is done: the selector thread the JDK's
 * client keeps in native code (which HotSpot waits up to 0.3 s for at exit) is asked to end
 * first. In a JVM of its own, since it ends every HTTP client's selector, and tests run alongside.
 */
class PromptExitTest {
    @Test
    void theHttpClientsSelectorThreadHasEndedWhenTheCommandExits() throws Exception {
        Process child = JavaProcess.of(RequestThenExit.class).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM exited");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("selector threads after a request: 1\nstill running once asked to end: 0\n", output);
        assertEquals(7, child.exitValue(), "the command's exit status is kept");
    }

    /** Makes one request to a local server, then exits as valor-sync does; says what the selector thread did. */
    public static final class RequestThenExit {
        public static void main(String[] args) throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            HttpClient client = HttpClient.newHttpClient();
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            List<Thread> selectors = PromptExit.httpSelectorThreads();
            System.out.println("selector threads after a request: " + selectors.size());
            selectors.forEach(Thread::interrupt);
            for (Thread selector : selectors) selector.join(10_000);
            System.out.println("still running once asked to end: " + selectors.stream().filter(Thread::isAlive).count());
            server.stop(0);
            PromptExit.exit(7);
        }
    }
}
