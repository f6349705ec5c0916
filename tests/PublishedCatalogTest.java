package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
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
    static PublishedToolkit toolkit;

    @BeforeAll
    static void publishAndRegisterTheCatalog() throws Exception {
        toolkit = PublishedToolkit.serve(temp);
    }

    @AfterAll
    static void stopServing() {
        if (toolkit != null) toolkit.close();
    }

    @TestFactory
    Stream<DynamicTest> everyAliasBuildsAndRunsFromTheUrl() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String alias : SourceLists.catalogScripts(ROOT).keySet()) {
            tests.add(DynamicTest.dynamicTest(alias, () -> {
                PublishedToolkit.Result help = toolkit.jbang(alias + "@org", "--help");
                assertEquals(0, help.exitCode(), help.toString());
                assertTrue(help.out().startsWith("usage: " + alias), help.toString());
                assertTrue(!help.err().contains("[WARN]"), "JBang warned: " + help.err());
            }));
        }
        return tests.stream();
    }

    @Test
    void theDemoSyncsAndIsQueriedWithSavedQueriesTheIkFunctionAndEveryLauncher() throws Exception {
        String db = temp.resolve("data/demo.mv.db").toString();
        PublishedToolkit.Result sync = toolkit.jbang("valor-sync@org", "--demo", "--db", db);
        assertEquals(0, sync.exitCode(), sync.toString());
        assertTrue(sync.out().contains("synced sessions " + DemoOrganisation.SESSIONS + " new"), sync.toString());
        assertTrue(sync.out().contains("\n  jbang valor-sql@org --db " + db + " sessions-per-week -p weeks=4")
                        && sync.out().contains("\n  jbang valor-report@org --db " + db + " --athlete \"" + DemoOrganisation.HINT_ATHLETE + "\""),
                "the hints name the catalog it ran from: " + sync.out());
        assertFalse(sync.out().contains("<") || sync.out().contains("./jbang"), "no placeholder, no checkout here: " + sync.out());

        PublishedToolkit.Result count = toolkit.jbang("valor-sql@org", "--db", db, "--csv", "select count(*) as n from session_details");
        assertEquals(0, count.exitCode(), count.toString());
        assertEquals("n\n" + DemoOrganisation.SESSIONS + "\n", count.out());

        PublishedToolkit.Result list = toolkit.jbang("valor-sql@org", "--db", db, "--list");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("sessions-per-week"), "the saved queries travel in the jar: " + list.out());
        PublishedToolkit.Result saved = toolkit.jbang("valor-sql@org", "--db", db, "--csv", "sessions-per-week", "-p", "weeks=520");
        assertEquals(0, saved.exitCode(), saved.toString());
        assertTrue(saved.out().lines().count() > 1, saved.out());

        PublishedToolkit.Result ik = toolkit.jbang("valor-sql@org", "--db", db, "--csv", "select count(*) as n from IK_SAMPLES('no-such-session')");
        assertEquals(0, ik.exitCode(), "the store's IK_SAMPLES function finds its class: " + ik);
        assertEquals("n\n0\n", ik.out());

        // Every command's launcher, from the catalog: one line of progress each, then each runs
        Path bin = temp.resolve("bin");
        PublishedToolkit.Result install = toolkit.jbang("valor-sql@org", "--install", bin.toString());
        assertEquals(0, install.exitCode(), install.toString());
        List<String> aliases = List.copyOf(SourceLists.catalogScripts(ROOT).keySet());
        assertTrue(install.out().startsWith("wrote " + aliases.size() + " launchers to " + bin + " (" + String.join(", ", aliases) + ")"),
                install.toString());
        for (int i = 0; i < aliases.size(); i++) {
            String progress = "[" + (i + 1) + "/" + aliases.size() + "] " + aliases.get(i) + ": building... done (";
            assertTrue(install.err().contains(progress), progress + " in: " + install.err());
        }
        for (String alias : aliases) {
            PublishedToolkit.Result help = toolkit.run(List.of(bin.resolve(alias).toString(), "--help"), Map.of());
            assertEquals(0, help.exitCode(), alias + ": " + help);
            assertTrue(help.out().startsWith("usage: " + alias), help.toString());
            assertEquals("", help.err(), "it ran the command's own JVM, not JBang: " + help.err());
        }
        PublishedToolkit.Result query = toolkit.run(List.of(bin.resolve("valor-sql").toString(), "--db", db, "--csv",
                "select count(*) as n from sessions"), Map.of());
        assertEquals("n\n" + DemoOrganisation.SESSIONS + "\n", query.out(), query.toString());

        // Run through a launcher, the demo's hints name the launchers (by path: their folder is not on the PATH here)
        PublishedToolkit.Result again = toolkit.run(List.of(bin.resolve("valor-sync").toString(), "--demo", "--db", db), Map.of());
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("\n  " + bin.resolve("valor-sql") + " --db " + db + " --list"), again.out());
        PublishedToolkit.Result onPath = toolkit.run(List.of(bin.resolve("valor-sync").toString(), "--demo", "--db", db),
                Map.of("PATH", bin + ":" + System.getenv("PATH")));
        assertTrue(onPath.out().contains("\n  valor-report --db " + db + " --athlete "), onPath.out());
    }
}
