package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./jbang on a machine that has only a JDK: no jbang, no mvn, no Maven repository, an empty home.
 * It fetches JBang from Maven Central with Java alone and checks every jar against the sums pinned
 * in jbang-wrapper/jars.sha256; commands started together on an empty JBANG_DIR never break
 * each other's first build (JBang's own race, jbangdev/jbang#2445); and a command run again starts
 * without JBang's JVM, as long as nothing JBang's answer depends on has changed.
 */
class JBangWrapperTest {
    private static final Path ROOT = CatalogAliasTest.ROOT;

    @TempDir
    Path temp;

    @Test
    void aBareJdkFetchesJBangWithJavaAloneAndRunsIt() throws Exception {
        Result version = wrapper(ROOT, bareJdkEnvironment(), "version");
        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().contains("0.132.1"), version.output());
        assertTrue(version.output().contains("fetching JBang from Maven Central"), version.output());
        assertFalse(Files.exists(temp.resolve("home/.m2")), "nothing went through Maven");

        Result again = wrapper(ROOT, bareJdkEnvironment(), "version");
        assertEquals(0, again.exitCode(), again.output());
        assertFalse(again.output().contains("fetching"), "the second run reuses what the first fetched: " + again.output());
    }

    @Test
    void aJarWhoseSumDoesNotMatchIsRefusedAndNothingIsLeftReady() throws Exception {
        Path copy = temp.resolve("checkout");
        Files.createDirectories(copy.resolve("jbang-wrapper"));
        Files.copy(ROOT.resolve("jbang"), copy.resolve("jbang"));
        for (String file : List.of("Bootstrap.java", "SerialJBang.java")) {
            Files.copy(ROOT.resolve("jbang-wrapper").resolve(file), copy.resolve("jbang-wrapper").resolve(file));
        }
        // The first pinned jar's sum altered: what Maven Central serves no longer matches it.
        List<String> sums = new ArrayList<>(Files.readAllLines(ROOT.resolve("jbang-wrapper/jars.sha256")));
        int first = 0;
        while (sums.get(first).startsWith("#")) first++;
        String line = sums.get(first);
        sums.set(first, (line.charAt(0) == '0' ? "1" : "0") + line.substring(1));
        Files.write(copy.resolve("jbang-wrapper/jars.sha256"), sums);

        Result refused = wrapper(copy, bareJdkEnvironment(), "version");
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("expected " + sums.get(first).split(" ")[0]), refused.output());
        assertTrue(refused.output().contains("install JBang yourself"), refused.output());
        try (var left = Files.list(temp.resolve("jbang/bootstrap"))) {
            assertEquals(List.of(), left.toList(), "no half-fetched JBang is left to be mistaken for a ready one");
        }
    }

    @Test
    void threeFirstRunsStartedTogetherAllSucceed() throws Exception {
        Map<String, String> env = Map.of("JBANG_DIR", temp.resolve("jbang").toString());
        List<CompletableFuture<Result>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return wrapper(ROOT, env, "valor-sync", "--help");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Result> run : runs) {
            Result help = run.get();
            assertEquals(0, help.exitCode(), help.output());
            assertTrue(help.output().contains("usage: valor-sync"), help.output());
        }
    }

    @Test
    void withoutALocaleTheToolkitBuildsAndNamesWithAccentsGoInAndComeOutWhole() throws Exception {
        // A copy of the checkout, so JBang builds it afresh here, where no locale says the sources are UTF-8 (cron, containers).
        Path copy = checkoutCopy();
        AnalystStore store = AnalystStore.synced(Files.createDirectories(temp.resolve("store"),
                valor.base.PrivateFiles.attributes(valor.base.PrivateFiles.FOLDER)), 5, 3, 60);

        Result query = wrapper(copy, Map.of("LANG", "", "LC_ALL", "", "LC_CTYPE", ""),
                "valor-sql", "--db", store.db.toString(), "select 'Ángel ✓' as name");
        assertEquals(0, query.exitCode(), query.output());
        assertTrue(query.output().endsWith("name\nÁngel ✓\n"), query.output());
    }

    @Test
    void aCommandRunAgainStartsWithoutJBangUntilItsSourcesOrJBangsCacheChange() throws Exception {
        Path copy = checkoutCopy();
        Path jbangDir = temp.resolve("jbang");
        Map<String, String> env = Map.of("JBANG_DIR", jbangDir.toString());
        AnalystStore store = AnalystStore.synced(Files.createDirectories(temp.resolve("store"),
                valor.base.PrivateFiles.attributes(valor.base.PrivateFiles.FOLDER)), 5, 3, 60);
        String[] query = {"valor-sql", "--db", store.db.toString(), "select 'it''s $HOME \\ \"q\"' as \"a  b\""};
        String expected = "a  b\n\"it's $HOME \\ \"\"q\"\"\"\n"; // as CSV quotes it

        Result first = wrapper(copy, env, query);
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().endsWith(expected), first.output());

        // JBang's own jars moved away: a command run again does not need them, and its arguments arrive as typed.
        Path jbangJars;
        try (var bootstrapped = Files.list(jbangDir.resolve("bootstrap"))) {
            jbangJars = bootstrapped.toList().get(0).resolve("lib"); // the one JBang the wrapper fetched
        }
        Path away = temp.resolve("jbang-jars-away");
        Files.move(jbangJars, away);
        Result again = wrapper(copy, env, query);
        assertEquals(0, again.exitCode(), again.output());
        assertEquals(expected, again.output());
        Result other = wrapper(copy, env, "valor-sql", "--db", store.db.toString(), "select 40 + 2 as n");
        assertEquals(0, other.exitCode(), "other arguments, the same command: " + other.output());
        assertEquals("n\n42\n", other.output());

        // A source changed: JBang is asked again (without its jars, it cannot answer), then builds the change.
        Path command = copy.resolve("lib/cli/Command.java");
        Files.writeString(command, Files.readString(command).replace("VERSION = \"0.1.0\"", "VERSION = \"0.1.0-changed\""));
        assertTrue(wrapper(copy, env, "valor-sql", "--version").exitCode() != 0, "JBang was asked");
        Files.move(away, jbangJars);
        Result changed = wrapper(copy, env, "valor-sql", "--version");
        assertEquals("valor-sql 0.1.0-changed\n", changed.output().substring(changed.output().indexOf("valor-sql ")), changed.output());

        // JBang's cache cleared: the kept command names a jar that is gone, so JBang builds it again.
        try (var jars = Files.list(jbangDir.resolve("cache/jars"))) {
            for (Path jar : jars.toList()) deleteTree(jar);
        }
        Result rebuilt = wrapper(copy, env, query);
        assertEquals(0, rebuilt.exitCode(), rebuilt.output());
        assertTrue(rebuilt.output().endsWith(expected), rebuilt.output());
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    /** A copy of the checkout's tracked files, for JBang to build afresh. */
    private Path checkoutCopy() throws IOException, InterruptedException {
        Path copy = temp.resolve("checkout");
        for (String tracked : PublishedToolkit.trackedFiles()) {
            Path source = ROOT.resolve(tracked);
            if (!Files.isRegularFile(source)) continue; // deleted in the checkout, not yet committed
            Files.createDirectories(copy.resolve(tracked).getParent());
            Files.copy(source, copy.resolve(tracked), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        return copy;
    }

    /** PATH holds java and the few tools the wrapper's bash needs, in a folder of their own: no jbang, no mvn. */
    private Map<String, String> bareJdkEnvironment() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        if (!Files.exists(bin.resolve("java"))) {
            exec(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
            for (String tool : List.of("bash", "readlink", "dirname")) exec(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        Files.createDirectories(temp.resolve("home"));
        return Map.of("PATH", bin.toString(), "HOME", temp.resolve("home").toString(), "JBANG_DIR", temp.resolve("jbang").toString());
    }

    private static void exec(Path script, Path program) throws IOException {
        Files.writeString(script, "#!/bin/sh\nexec '" + program + "' \"$@\"\n");
        script.toFile().setExecutable(true);
    }

    record Result(int exitCode, String output) {}

    private static Result wrapper(Path checkout, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(checkout.resolve("jbang").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(600, TimeUnit.SECONDS)) process.destroyForcibly();
        return new Result(process.exitValue(), output);
    }
}
