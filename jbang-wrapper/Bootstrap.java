import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * The ./jbang wrapper's first run on a machine without JBang: fetches JBang's jars from Maven
 * Central with Java alone (no Maven, no curl), checks each against the SHA-256 pinned in
 * jars.sha256, and compiles SerialJBang next to them. Run as {@code java Bootstrap.java HOME
 * JBANG_DIR}, holding JBANG_DIR's .wrapper.lock; HOME appears only when everything in it is complete and checked, so an interrupted
 * or failed fetch is never mistaken for a ready one. Jars already in the local Maven repository
 * are copied from there when their sums match, so a machine with a Maven cache fetches nothing.
 */
public final class Bootstrap {
    private static final String CENTRAL = "https://repo1.maven.org/maven2/";

    record Jar(String sha256, String group, String artifact, String version) {
        String path() {
            return group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version + ".jar";
        }

        String fileName() {
            return artifact + "-" + version + ".jar";
        }
    }

    public static void main(String[] args) throws Exception {
        Path here = Path.of(Bootstrap.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        Path home = Path.of(args[0]).toAbsolutePath();
        Path jbangDir = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(home.getParent());
        // Three first runs at once must not fetch three times: the others wait, then find it ready.
        Files.createDirectories(jbangDir);
        try (FileChannel lock = FileChannel.open(jbangDir.resolve(".wrapper.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock.lock();
            if (Files.isRegularFile(home.resolve("ready"))) return;
            try {
                install(here, home);
            } catch (IOException | InterruptedException e) {
                System.err.println("jbang: could not set up JBang from Maven Central (" + e.getMessage() + ")");
                System.err.println("jbang: check the network (an https_proxy variable is honoured), or install JBang yourself: https://www.jbang.dev/download/");
                System.exit(1);
            }
        }
    }

    private static void install(Path here, Path home) throws Exception {
        List<Jar> jars = pinned(here.resolve("jars.sha256"));
        Path work = Files.createTempDirectory(home.getParent(), ".fetch-");
        try {
            Path lib = Files.createDirectories(work.resolve("lib"));
            HttpClient http = client();
            Path localRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
            boolean terminal = System.console() != null;
            System.err.println("jbang: fetching JBang from Maven Central (once, " + jars.size() + " jars, about 20 MB)...");
            int done = 0;
            for (Jar jar : jars) {
                Path target = lib.resolve(jar.fileName());
                Path cached = localRepository.resolve(jar.path());
                if (!(Files.isRegularFile(cached) && sha256(Files.readAllBytes(cached)).equals(jar.sha256())
                        && copy(cached, target))) {
                    download(http, jar, target);
                }
                done++;
                if (terminal) System.err.print("\rjbang: " + done + "/" + jars.size() + " " + jar.fileName() + " ".repeat(20));
            }
            if (terminal) System.err.println();
            compileSerialJBang(here, lib, Files.createDirectories(work.resolve("classes")));
            Files.writeString(work.resolve("ready"), "");
            try {
                Files.move(work, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // An older, unfinished HOME (no "ready" in it): replace it.
                deleteRecursively(home);
                Files.move(work, home, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private static List<Jar> pinned(Path sums) throws IOException {
        List<Jar> jars = new ArrayList<>();
        for (String line : Files.readAllLines(sums)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.trim().split("\\s+");
            String[] coordinates = parts[1].split(":");
            jars.add(new Jar(parts[0], coordinates[0], coordinates[1], coordinates[2]));
        }
        return jars;
    }

    private static HttpClient client() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NORMAL);
        String proxy = System.getenv("https_proxy") != null ? System.getenv("https_proxy") : System.getenv("HTTPS_PROXY");
        if (proxy != null && !proxy.isBlank()) {
            URI uri = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
            builder.proxy(ProxySelector.of(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort())));
        }
        return builder.build();
    }

    /** Downloads one jar; a redirect or a mirror cannot substitute anything, since its sum must match the pinned one. */
    private static void download(HttpClient http, Jar jar, Path target) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(CENTRAL + jar.path())).timeout(Duration.ofMinutes(2)).build();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode() + " for " + request.uri());
                String sum = sha256(response.body());
                if (!sum.equals(jar.sha256())) {
                    throw new IOException(jar.fileName() + " from " + request.uri() + " has SHA-256 " + sum + ", expected " + jar.sha256());
                }
                Files.write(target, response.body());
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(1000L * attempt);
            }
        }
        throw last;
    }

    private static boolean copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void compileSerialJBang(Path here, Path lib, Path classes) throws IOException {
        var javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IOException("this Java has no compiler (javac): ./jbang needs a JDK, not a JRE");
        String classPath;
        try (Stream<Path> jars = Files.list(lib)) {
            classPath = String.join(java.io.File.pathSeparator, jars.map(Path::toString).sorted().toList());
        }
        int status = javac.run(null, null, System.err, "-d", classes.toString(), "-cp", classPath,
                here.resolve("SerialJBang.java").toString());
        if (status != 0) throw new IOException("could not compile SerialJBang.java");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }
}
