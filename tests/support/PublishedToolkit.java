package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import valor.base.Json;
import valor.base.PrivateFiles;

/**
 * The toolkit as an organisation publishes it (the files git tracks, on a web server on
 * 127.0.0.1), and a user of it: an empty folder to work in, data and config folders, and an empty
 * JBANG_DIR with the catalog registered as {@code org}. The user runs JBang either through the
 * checkout's ./jbang (which takes its lock) or as their own installed JBang would run
 * ({@link #plainJBang}: JBang's main, no lock, the way jbangdev/jbang#2445 races).
 */
final class PublishedToolkit implements AutoCloseable {
    static final Path ROOT = CatalogAliasTest.ROOT;

    final Path home;
    final StaticFileServer server;

    private PublishedToolkit(Path home, StaticFileServer server) {
        this.home = home;
        this.server = server;
    }

    /**
     * Publishes the checkout under {@code home/web} (with only {@code aliases} in its catalog, if
     * any are named: fewer commands to build) and registers it in {@code home/jbang}.
     */
    static PublishedToolkit serve(Path home, String... aliases) throws Exception {
        Path published = home.resolve("web/valor-toolkit");
        for (String tracked : trackedFiles()) {
            Path source = ROOT.resolve(tracked);
            if (!Files.isRegularFile(source)) continue; // deleted in the checkout, not yet committed
            Files.createDirectories(published.resolve(tracked).getParent());
            Files.copy(source, published.resolve(tracked));
        }
        if (aliases.length > 0) {
            ObjectNode catalog = (ObjectNode) Json.parse(Files.readString(published.resolve("jbang-catalog.json")));
            ((ObjectNode) catalog.get("aliases")).retain(aliases);
            Files.writeString(published.resolve("jbang-catalog.json"), Json.write(catalog));
        }
        PublishedToolkit toolkit = new PublishedToolkit(home, StaticFileServer.serve(home.resolve("web")));
        for (String folder : List.of("jbang", "work", "config")) Files.createDirectories(home.resolve(folder));
        Files.createDirectories(home.resolve("data"), PrivateFiles.attributes(PrivateFiles.FOLDER)); // the store goes here
        Result trust = toolkit.jbang("trust", "add", toolkit.server.url());
        assertEquals(0, trust.exitCode(), trust.toString());
        Result added = toolkit.jbang("catalog", "add", "--name", "org", toolkit.server.url() + "valor-toolkit/jbang-catalog.json");
        assertEquals(0, added.exitCode(), added.toString());
        return toolkit;
    }

    /** Through the checkout's ./jbang, from the empty work folder. */
    Result jbang(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("jbang").toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    /**
     * A jbang as a user's own installation runs it: JBang's main (the jars ./jbang fetched into
     * JBANG_DIR), then the command it prints, with no lock around the build. It is {@code bin/jbang},
     * for commands that look for jbang on the PATH.
     */
    Path plainJBang() throws IOException, InterruptedException {
        Path script = home.resolve("bin/jbang");
        if (Files.exists(script)) return script;
        Path bootstrap;
        try (var versions = Files.list(home.resolve("jbang/bootstrap"))) {
            bootstrap = versions.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Files.createDirectories(script.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\n"
                + "out=$('" + java + "' -classpath '" + bootstrap.resolve("lib") + "/*' dev.jbang.Main \"$@\"); rc=$?\n"
                + "if [ $rc -eq 255 ]; then eval \"exec $out\"; fi\n"
                + "[ -n \"$out\" ] && printf '%s\\n' \"$out\"\n"
                + "exit $rc\n");
        script.toFile().setExecutable(true);
        return script;
    }

    /** Runs a command from the empty work folder, with this user's JBANG_DIR, data and config, and {@code env} on top. */
    Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        return await(start(command, env));
    }

    Process start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.resolve("work").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("VALOR_") || name.equals("JBANG_LAUNCH_CMD"));
        builder.environment().put("JBANG_DIR", home.resolve("jbang").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    static Result await(Process process) throws InterruptedException {
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(900, TimeUnit.SECONDS)) process.destroyForcibly();
        return new Result(process.waitFor(), out, err.join());
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static List<String> trackedFiles() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", ROOT.toString(), "ls-files", "-z").redirectErrorStream(true).start();
        String listing = read(git.getInputStream());
        assertEquals(0, git.waitFor(), "the test publishes what git tracks: " + listing);
        return List.of(listing.split("\0"));
    }
}
