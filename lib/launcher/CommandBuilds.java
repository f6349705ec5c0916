package valor.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import valor.base.Checkout;
import valor.base.Failure;
import valor.base.Io;
import valor.base.JBangCatalog;
import valor.base.Json;

/**
 * Where the commands a launcher runs come from, and their builds: the checkout's catalog
 * ({@code ./jbang build scripts/ValorSync.java}), or the JBang catalog this command was run from
 * ({@code jbang build valor-sync@org}, with the jbang that ran it), or, when neither is known, only
 * this command's own class path. JBang builds each script into its own jar of the packages it
 * uses, and {@code jbang info tools} names that jar, its dependencies and the JVM options the
 * script asks for.
 *
 * @param aliases the commands, in the catalog's order
 * @param jbang   the jbang command line that builds them; empty for this command only
 * @param refs    what jbang is given for each alias (a script path, or alias@catalog)
 * @param checkout the checkout, when the commands come from one
 * @param catalog the JBang catalog's name, when they come from one
 */
record CommandBuilds(List<String> aliases, List<String> jbang, Map<String, String> refs, Path checkout, String catalog) {
    /** The one command a run without a checkout or catalog knows: itself. */
    static final String THIS_COMMAND = "valor-sql";

    /** A command's launcher: its alias, the class to run, its class path and the JVM options its script asks JBang for. */
    record Launcher(String name, String mainClass, String classPath, List<String> jvmOptions) {
        /** JBang puts the script's own jar first. */
        Path jar() {
            return Path.of(classPath.split(":", 2)[0]);
        }
    }

    static CommandBuilds find(Io io) throws IOException {
        Optional<Path> checkout = Checkout.find();
        if (checkout.isPresent()) {
            Path toolkit = checkout.get();
            Map<String, String> refs = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> alias : Json.parse(Files.readString(toolkit.resolve("jbang-catalog.json"))).get("aliases").properties()) {
                refs.put(alias.getKey(), toolkit.resolve(alias.getValue().get("script-ref").asText()).toString());
            }
            return new CommandBuilds(List.copyOf(refs.keySet()), List.of(toolkit.resolve("jbang").toString()), refs, toolkit, null);
        }
        Optional<JBangCatalog> catalog = JBangCatalog.origin(io);
        Optional<String> jbang = jbangCommand(io);
        if (catalog.isPresent() && jbang.isPresent()) {
            Map<String, String> refs = new java.util.LinkedHashMap<>();
            for (String alias : catalog.get().aliases()) refs.put(alias, alias + "@" + catalog.get().name());
            return new CommandBuilds(catalog.get().aliases(), List.of(jbang.get()), refs, null, catalog.get().name());
        }
        return new CommandBuilds(List.of(THIS_COMMAND), List.of(), Map.of(), null, catalog.map(JBangCatalog::name).orElse(null));
    }

    /** Whether only this command's own launcher can be written. */
    boolean onlyThisCommand() {
        return jbang.isEmpty();
    }

    /** Has JBang build the alias's script (if it is not built yet) and says how to run it. */
    Launcher build(String alias) {
        if (onlyThisCommand()) {
            List<String> heap = ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-Xmx")).toList();
            return new Launcher(alias, "valor.SqlCommand", System.getProperty("java.class.path"), heap);
        }
        String ref = refs.get(alias);
        String failure = "cannot build " + alias + " for its launcher; try: " + String.join(" ", jbang) + " build " + ref;
        run(List.of("--quiet", "build", ref), failure);
        JsonNode tools;
        try {
            tools = Json.parse(run(List.of("--quiet", "info", "tools", ref), failure));
        } catch (JsonProcessingException e) {
            throw Failure.failed(failure + " (jbang info tools: " + e.getOriginalMessage() + ")");
        }
        List<String> classPath = new ArrayList<>(List.of(tools.path("applicationJar").asText()));
        tools.path("resolvedDependencies").forEach(dependency -> classPath.add(dependency.asText()));
        List<String> options = new ArrayList<>();
        tools.path("runtimeOptions").forEach(option -> options.add(option.asText()));
        Launcher launcher = new Launcher(alias, tools.path("mainClass").asText(), String.join(":", classPath), List.copyOf(options));
        if (launcher.mainClass().isEmpty() || !Files.isRegularFile(launcher.jar())) throw Failure.failed(failure + " (JBang named no jar)");
        return launcher;
    }

    /**
     * The jbang that ran this command: JBANG_LAUNCH_CMD, which JBang's launcher scripts (and the
     * toolkit's ./jbang) set, else a jbang on the PATH.
     */
    private static Optional<String> jbangCommand(Io io) {
        String launch = io.env("JBANG_LAUNCH_CMD");
        if (launch != null && Files.isExecutable(Path.of(launch))) return Optional.of(launch);
        String path = io.env("PATH");
        if (path == null) return Optional.empty();
        for (String folder : path.split(":")) {
            if (!folder.isBlank() && Files.isExecutable(Path.of(folder, "jbang"))) return Optional.of(Path.of(folder, "jbang").toString());
        }
        return Optional.empty();
    }

    /** Runs jbang with these arguments and returns its standard output; otherwise fails with {@code failure} and jbang's last error line. */
    private String run(List<String> arguments, String failure) {
        List<String> command = new ArrayList<>(jbang);
        command.addAll(arguments);
        return Processes.output(command, checkout != null ? checkout : Path.of("").toAbsolutePath(), failure);
    }
}
