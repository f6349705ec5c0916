package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import valor.base.PrivateFiles;
import valor.fake.DemoOrganisation;

/**
 * The toolkit as an organisation's users run it: the repository (the files git tracks) published
 * on a web server, the catalog registered by its URL in an empty JBANG_DIR, every alias run as
 * {@code <alias>@org} from an empty folder. JBang fetches each script and everything its
 * //SOURCES and //FILES lines name over HTTP, so a file reached only through a wildcard, or not
 * committed, fails here as it would for them.
 */
class PublishedCatalogTest {
    private static final Path ROOT = CatalogAliasTest.ROOT;

    @TempDir
    static Path temp;
    static StaticFileServer server;

    @BeforeAll
    static void publishAndRegisterTheCatalog() throws Exception {
        Path published = temp.resolve("web/valor-toolkit");
        for (String tracked : trackedFiles()) {
            Path source = ROOT.resolve(tracked);
            if (!Files.isRegularFile(source)) continue; // deleted in the checkout, not yet committed
            Files.createDirectories(published.resolve(tracked).getParent());
            Files.copy(source, published.resolve(tracked));
        }
        server = StaticFileServer.serve(temp.resolve("web"));
        Files.createDirectories(temp.resolve("jbang"));
        Files.createDirectories(temp.resolve("work"));
        Files.createDirectories(temp.resolve("data"), PrivateFiles.attributes(PrivateFiles.FOLDER)); // the store goes here
        assertEquals(0, jbang("trust", "add", server.url()).exitCode());
        Result added = jbang("catalog", "add", "--name", "org", server.url() + "valor-toolkit/jbang-catalog.json");
        assertEquals(0, added.exitCode(), added.toString());
    }

    @AfterAll
    static void stopServing() {
        if (server != null) server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyAliasBuildsAndRunsFromTheUrl() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String alias : SourceLists.catalogScripts(ROOT).keySet()) {
            tests.add(DynamicTest.dynamicTest(alias, () -> {
                Result help = jbang(alias + "@org", "--help");
                assertEquals(0, help.exitCode(), help.toString());
                assertTrue(help.out().startsWith("usage: " + alias), help.toString());
                assertTrue(!help.err().contains("[WARN]"), "JBang warned: " + help.err());
            }));
        }
        return tests.stream();
    }

    @Test
    void theDemoSyncsAndIsQueriedWithSavedQueriesTheIkFunctionAndALauncher() throws Exception {
        String db = temp.resolve("data/demo.mv.db").toString();
        Result sync = jbang("valor-sync@org", "--demo", "--db", db);
        assertEquals(0, sync.exitCode(), sync.toString());
        assertTrue(sync.out().contains("synced sessions " + DemoOrganisation.SESSIONS + " new"), sync.toString());
        assertTrue(sync.out().contains("  jbang valor-sql@<org> --db ") && !sync.out().contains("./jbang"),
                "no checkout here, so the hint names the catalog's alias: " + sync.out());

        Result count = jbang("valor-sql@org", "--db", db, "--csv", "select count(*) as n from session_details");
        assertEquals(0, count.exitCode(), count.toString());
        assertEquals("n\n" + DemoOrganisation.SESSIONS + "\n", count.out());

        Result list = jbang("valor-sql@org", "--db", db, "--list");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("sessions-per-week"), "the saved queries travel in the jar: " + list.out());
        Result saved = jbang("valor-sql@org", "--db", db, "--csv", "sessions-per-week", "-p", "weeks=520");
        assertEquals(0, saved.exitCode(), saved.toString());
        assertTrue(saved.out().lines().count() > 1, saved.out());

        Result ik = jbang("valor-sql@org", "--db", db, "--csv", "select count(*) as n from IK_SAMPLES('no-such-session')");
        assertEquals(0, ik.exitCode(), "the store's IK_SAMPLES function finds its class: " + ik);
        assertEquals("n\n0\n", ik.out());

        Path bin = temp.resolve("bin");
        Result install = jbang("valor-sql@org", "--install", bin.toString());
        assertEquals(0, install.exitCode(), install.toString());
        assertTrue(install.out().startsWith("wrote 1 launcher to " + bin + " (valor-sql)"), "only its own build is known: " + install);
        ProcessBuilder run = new ProcessBuilder(bin.resolve("valor-sql").toString(), "--db", db, "--csv", "select count(*) as n from sessions");
        run.environment().put("XDG_CONFIG_HOME", temp.resolve("config").toString()); // the store key the sync made
        Process launcher = run.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(launcher.getErrorStream()));
        assertEquals("n\n" + DemoOrganisation.SESSIONS + "\n", read(launcher.getInputStream()), err.join());
        assertEquals(0, launcher.waitFor());
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** ./jbang from an empty folder, with an empty JBANG_DIR of its own and the data and config folders in the test's. */
    static Result jbang(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("jbang").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.resolve("work").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("VALOR_"));
        builder.environment().put("JBANG_DIR", temp.resolve("jbang").toString());
        builder.environment().put("XDG_DATA_HOME", temp.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", temp.resolve("config").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(600, TimeUnit.SECONDS)) process.destroyForcibly();
        return new Result(process.waitFor(), out, err.join());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static List<String> trackedFiles() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", ROOT.toString(), "ls-files", "-z").redirectErrorStream(true).start();
        String listing = read(git.getInputStream());
        assertEquals(0, git.waitFor(), "the test publishes what git tracks: " + listing);
        return List.of(listing.split("\0"));
    }
}
