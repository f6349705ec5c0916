package valor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import valor.base.Json;

/**
 * Just enough of the W3C WebDriver protocol to drive Debian's headless Chromium through
 * chromedriver over plain HTTP: open a page, find elements, type, click, read text, switch frames,
 * run a script, read the console, size the window and take a screenshot (bench/PageScreenshot.java
 * uses it for the pictures in docs/ too).
 */
final class WebDriverClient implements AutoCloseable {
    static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");

    private final Process driver;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String session;

    private WebDriverClient(Process driver, URI base, Path profile) throws IOException, InterruptedException {
        this.driver = driver;
        this.base = base;
        ObjectNode options = Json.MAPPER.createObjectNode();
        options.put("binary", executable("chromium").toString());
        var args = options.putArray("args");
        CHROMIUM_FLAGS.forEach(args::add);
        args.add("--user-data-dir=" + profile);
        ObjectNode capabilities = Json.MAPPER.createObjectNode();
        ObjectNode match = capabilities.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome");
        match.set("goog:chromeOptions", options);
        match.putObject("goog:loggingPrefs").put("browser", "ALL");
        this.session = call("POST", "/session", capabilities).get("sessionId").asText();
    }

    /** Starts chromedriver and a fresh headless Chromium; fails (never skips) when either is missing. */
    static WebDriverClient start(Path workDir) throws Exception {
        Path chromedriver = executable("chromedriver");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = workDir.resolve("chromedriver.log");
        Process driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log).contains("started successfully")) {
            if (!driver.isAlive() || System.nanoTime() > deadline) {
                driver.destroyForcibly();
                throw new AssertionError("chromedriver did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        try {
            return new WebDriverClient(driver, base, Files.createDirectories(workDir.resolve("chromium-profile")));
        } catch (Exception | AssertionError e) {
            driver.destroyForcibly();
            throw e;
        }
    }

    void open(String url) throws Exception {
        call("POST", "/session/" + session + "/url", Json.MAPPER.createObjectNode().put("url", url));
    }

    String find(String css) throws Exception {
        ObjectNode query = Json.MAPPER.createObjectNode().put("using", "css selector").put("value", css);
        return call("POST", "/session/" + session + "/element", query).get(ELEMENT).asText();
    }

    /** Switches into the frame the selector finds, from the top of the page. */
    void frame(String css) throws Exception {
        call("POST", "/session/" + session + "/frame", Json.MAPPER.createObjectNode().putNull("id"));
        ObjectNode id = Json.MAPPER.createObjectNode();
        id.putObject("id").put(ELEMENT, find(css));
        call("POST", "/session/" + session + "/frame", id);
    }

    void type(String element, String text) throws Exception {
        call("POST", "/session/" + session + "/element/" + element + "/clear", Json.MAPPER.createObjectNode());
        call("POST", "/session/" + session + "/element/" + element + "/value", Json.MAPPER.createObjectNode().put("text", text));
    }

    void click(String element) throws Exception {
        call("POST", "/session/" + session + "/element/" + element + "/click", Json.MAPPER.createObjectNode());
    }

    /** Runs JavaScript in the page (its body, with {@code return} for a value) and gives back the value. */
    JsonNode script(String body) throws Exception {
        ObjectNode call = Json.MAPPER.createObjectNode().put("script", body);
        call.putArray("args");
        return call("POST", "/session/" + session + "/execute/sync", call);
    }

    /** The browser console's entries since the last call, each {level, message}; chromedriver's own log endpoint. */
    JsonNode consoleLog() throws Exception {
        return call("POST", "/session/" + session + "/se/log", Json.MAPPER.createObjectNode().put("type", "browser"));
    }

    /** Resizes the browser's window; headless, that is the page's viewport. */
    void windowSize(int width, int height) throws Exception {
        call("POST", "/session/" + session + "/window/rect", Json.MAPPER.createObjectNode().put("width", width).put("height", height));
    }

    /** The visible part of the page as PNG bytes (the protocol's screenshot endpoint). */
    byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(call("GET", "/session/" + session + "/screenshot", null).asText());
    }

    String text(String element) throws Exception {
        return call("GET", "/session/" + session + "/element/" + element + "/text", null).asText();
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = Json.parse(response.body());
        if (response.statusCode() != 200) throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + ": " + answer);
        return answer.get("value");
    }

    private static Path executable(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) return candidate;
        }
        throw new AssertionError(name + " is not installed; the browser test needs Debian's chromium and chromium-driver"
                + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
    }

    @Override
    public void close() throws Exception {
        try {
            call("DELETE", "/session/" + session, null);
        } finally {
            driver.destroy();
            if (!driver.waitFor(10, TimeUnit.SECONDS)) driver.destroyForcibly();
        }
    }
}
