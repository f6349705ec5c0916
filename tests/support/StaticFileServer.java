package valor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves a folder over plain HTTP on 127.0.0.1, GET only, as a web host serves a published catalog. */
final class StaticFileServer implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    private StaticFileServer(HttpServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    static StaticFileServer serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        StaticFileServer files = new StaticFileServer(server, root.toAbsolutePath().normalize());
        server.createContext("/", files::handle);
        server.setExecutor(files.threads);
        server.start();
        return files;
    }

    /** http://127.0.0.1:PORT/ */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            boolean found = exchange.getRequestMethod().equals("GET") && file.startsWith(root) && Files.isRegularFile(file);
            if (!found) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
