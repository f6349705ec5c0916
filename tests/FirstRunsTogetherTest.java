package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands started together on a machine whose JBang has not built them yet, as a user of the
 * published catalog with their own JBang meets them (JBang 0.132.1 builds an uncached script in a
 * folder every process shares, with no lock: jbangdev/jbang#2445). Each test starts from an empty
 * JBANG_DIR and runs JBang as an installed one would, without the checkout's ./jbang and its lock.
 */
class FirstRunsTogetherTest {
    @TempDir
    Path home;

    /** The advice the docs give for scheduled jobs: build a command once after an update, then start it as often as you like. */
    @Test
    void afterBuildingOnceThreeRunsStartedTogetherAllSucceed() throws Exception {
        try (PublishedToolkit toolkit = PublishedToolkit.serve(home, "valor-sync")) {
            String jbang = toolkit.plainJBang().toString();
            PublishedToolkit.Result build = toolkit.run(List.of(jbang, "build", "valor-sync@org"), Map.of());
            assertEquals(0, build.exitCode(), build.toString());

            List<Process> together = new ArrayList<>();
            for (int i = 0; i < 3; i++) together.add(toolkit.start(List.of(jbang, "valor-sync@org", "--help"), Map.of()));
            for (Process run : together) {
                PublishedToolkit.Result result = PublishedToolkit.await(run);
                assertEquals(0, result.exitCode(), result.toString());
                assertTrue(result.out().startsWith("usage: valor-sync"), result.toString());
            }
        }
    }

    /** Two launcher installs at once take turns: each builds every command of the catalog, the second finds them built. */
    @Test
    void launcherInstallsStartedTogetherTakeTurnsAndBothWriteWorkingLaunchers() throws Exception {
        List<String> aliases = List.of("valor-sync", "valor-login", "valor-sql");
        try (PublishedToolkit toolkit = PublishedToolkit.serve(home, aliases.toArray(String[]::new))) {
            Path jbang = toolkit.plainJBang();
            // The jbang on the PATH is the one the install builds with, as with a user's own JBang
            Map<String, String> path = Map.of("PATH", jbang.getParent() + ":" + System.getenv("PATH"));
            PublishedToolkit.Result build = toolkit.run(List.of(jbang.toString(), "build", "valor-sql@org"), path);
            assertEquals(0, build.exitCode(), build.toString());

            List<Process> installs = new ArrayList<>();
            for (String bin : List.of("bin-a", "bin-b")) {
                installs.add(toolkit.start(List.of(jbang.toString(), "valor-sql@org", "--install", home.resolve(bin).toString()), path));
            }
            List<PublishedToolkit.Result> results = new ArrayList<>();
            for (Process install : installs) results.add(PublishedToolkit.await(install));
            for (PublishedToolkit.Result install : results) {
                assertEquals(0, install.exitCode(), install.toString());
                assertTrue(install.out().startsWith("wrote 3 launchers to "), install.toString());
                assertTrue(install.err().contains("[3/3] valor-sql: building... done ("), install.toString());
            }
            assertTrue(results.stream().anyMatch(r -> r.err().contains("another install is building the commands; waiting for it to finish")),
                    "one waited for the other: " + results);
            for (String bin : List.of("bin-a", "bin-b")) {
                for (String alias : aliases) {
                    PublishedToolkit.Result help = toolkit.run(List.of(home.resolve(bin).resolve(alias).toString(), "--help"), Map.of());
                    assertEquals(0, help.exitCode(), bin + "/" + alias + ": " + help);
                    assertTrue(help.out().startsWith("usage: " + alias), help.toString());
                }
            }
        }
    }
}
