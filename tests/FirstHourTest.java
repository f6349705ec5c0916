package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first steps on a machine that has only a JDK: its bin folder on the PATH and a few
 * shell tools, no jbang, no mvn, no JAVA_HOME, an empty home (so JBang, its cache and the Maven
 * repository all start empty, as a new user's do). The demo, one query, the athlete page and the
 * launchers, each command taken from README.md as written; it prints how long each took, the
 * numbers issue 23 asks for (rough: the suite runs other work beside it).
 */
class FirstHourTest {
    private static final Path ROOT = CatalogAliasTest.ROOT;
    /** What ./jbang, the launchers and the commands they start use besides java; none of them is jbang or mvn. */
    private static final List<String> SHELL_TOOLS = List.of("bash", "sh", "env", "readlink", "dirname", "find", "cksum", "sort", "cat", "uname");

    @TempDir
    Path temp;

    @Test
    void theReadmesFirstStepsRunWithOnlyAJdk() throws Exception {
        Path clone = temp.resolve("valor-toolkit");
        for (String tracked : PublishedToolkit.trackedFiles()) {
            Path source = ROOT.resolve(tracked);
            if (!Files.isRegularFile(source)) continue;
            Files.createDirectories(clone.resolve(tracked).getParent());
            Files.copy(source, clone.resolve(tracked), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path home = Files.createDirectories(temp.resolve("home"));
        Path tools = Files.createDirectories(temp.resolve("tools"));
        for (String tool : SHELL_TOOLS) {
            Path script = tools.resolve(tool); // as JBangWrapperTest does: a script, not a link JUnit warns about when it cleans up
            Files.writeString(script, "#!/bin/sh\nexec '" + Path.of("/usr/bin", tool).toRealPath() + "' \"$@\"\n");
            script.toFile().setExecutable(true);
        }
        Path jdk = Path.of(System.getProperty("java.home"), "bin");
        String path = home.resolve(".local/bin") + ":" + jdk + ":" + tools;
        // No locale either, as in a bare container: the toolkit says its sources and output are UTF-8 itself.
        Map<String, String> env = Map.of("HOME", home.toString(), "PATH", path, "LANG", "", "LC_ALL", "", "LC_CTYPE", "");
        Result noJBang = run(clone, env, "command -v jbang mvn");
        assertEquals("", noJBang.out(), "neither jbang nor mvn is on the PATH");

        String readme = Files.readString(ROOT.resolve("README.md"));
        String demo = command(readme, "./jbang valor-sync --demo ");
        String query = command(readme, "./jbang valor-sql --demo sessions-per-week");
        String page = command(readme, "./jbang valor-report --demo --athlete \"Yara Patel\" ");
        String install = command(readme, "./jbang valor-sql --install ");
        String oneLiner = command(readme, "valor-sql --demo \"select count(*) from sessions\"");

        Result synced = run(clone, env, demo);
        assertEquals(0, synced.exitCode(), synced.toString());
        assertTrue(synced.err().contains("fetching JBang from Maven Central"), "JBang came from Maven Central: " + synced.err());
        assertTrue(synced.out().contains("synced sessions 3000 new"), synced.out());
        assertTrue(synced.out().matches("(?s).*reports \\d+ fetched, 0 skipped, 0 failed; ik \\d+ fetched, 0 skipped, 0 failed.*"),
                "reports and joint angles for the recent sessions: " + synced.out());
        assertTrue(synced.out().contains("./jbang valor-report --demo --athlete \"Yara Patel\""), "the hint names the command as the user ran it: " + synced.out());

        Result weeks = run(clone, env, query);
        assertEquals(0, weeks.exitCode(), weeks.toString());
        assertTrue(weeks.out().startsWith("athlete_name,") || weeks.out().contains("Yara Patel"), weeks.out());

        Result report = run(clone, env, page);
        assertEquals(0, report.exitCode(), report.toString());
        String html = Files.readString(clone.resolve("report-yara-patel.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Yara Patel") && html.contains("largest-asymmetry"), "her page, with report metrics");

        Result launchers = run(clone, env, install);
        assertEquals(0, launchers.exitCode(), launchers.toString());
        assertTrue(launchers.out().startsWith("wrote 9 launchers to " + home.resolve(".local/bin")), launchers.out());
        Result counted = run(home, env, oneLiner);
        assertEquals(0, counted.exitCode(), counted.toString());
        assertEquals("count(*)\n3000\n", counted.out(), "the launcher works from any folder: " + counted);
        assertFalse(counted.err().contains("JBang"), "it started no JBang: " + counted.err());

        Result throughJBang = run(clone, env, "./jbang " + oneLiner);
        Result again = run(home, env, oneLiner);
        System.out.printf("first hour with only a JDK: demo %.1f s (its first summary), query %.1f s, athlete page %.1f s,"
                        + " launchers %.1f s; a one-liner through ./jbang %.1f s, through its launcher %.2f s%n",
                synced.seconds(), weeks.seconds(), report.seconds(), launchers.seconds(), throughJBang.seconds(), again.seconds());
    }

    /** The README's line that starts with {@code start}, without its trailing comment. */
    private static String command(String readme, String start) {
        String line = readme.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("README.md no longer shows a command starting " + start));
        int comment = line.indexOf("  #");
        return (comment < 0 ? line : line.substring(0, comment)).strip();
    }

    record Result(int exitCode, String out, String err, double seconds) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private static Result run(Path dir, Map<String, String> env, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of("/usr/bin/bash").toString(), "-c", command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(1200, TimeUnit.SECONDS)) process.destroyForcibly();
        return new Result(process.waitFor(), out, err.join(), (System.nanoTime() - started) / 1e9);
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
