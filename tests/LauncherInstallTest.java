package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;
import valor.launcher.LauncherInstall;

/** valor-sql --install: launchers that start the toolkit's JVM directly, and fall back to JBang once the toolkit changes. */
class LauncherInstallTest {
    /** The one-liner and the daily sync: the commands whose launchers map a class-data archive. */
    private static final List<String> ARCHIVED = List.of("valor-sql", "valor-sync");

    @TempDir
    static Path shared;
    static AnalystStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void syncAStore() {
        store = AnalystStore.synced(shared, 3, 4, 120);
    }

    @Test
    void theLaunchersRunEveryCommandWithoutJBangsLauncherJvm() throws Exception {
        Path bin = dir.resolve("bin");
        TestIo.Result install = TestIo.inHome(dir).env("PATH", "/usr/bin:/bin").run(new SqlCommand(), "--install", bin.toString());

        assertEquals(0, install.exitCode(), install.toString());
        List<String> commands = List.copyOf(SourceLists.catalogScripts(CatalogAliasTest.ROOT).keySet());
        assertTrue(install.out().startsWith("wrote " + commands.size() + " launchers to " + bin + " (" + String.join(", ", commands) + ")"
                + ", with class-data archives for " + String.join(" and ", commands.stream().filter(ARCHIVED::contains).toList())), install.out());
        assertTrue(install.out().contains("export PATH=\"" + bin + ":$PATH\""), install.out());
        for (int i = 0; i < commands.size(); i++) {
            String progress = "[" + (i + 1) + "/" + commands.size() + "] " + commands.get(i) + ": building... done (";
            assertTrue(install.err().contains(progress), "a line of progress per command: " + install.err());
        }
        for (String command : commands) {
            assertTrue(Files.isExecutable(bin.resolve(command)), command);
            String exec = Files.readAllLines(bin.resolve(command)).stream().filter(l -> l.startsWith("exec ")).reduce((a, b) -> b).orElseThrow();
            assertTrue(exec.startsWith("exec '" + System.getProperty("java.home")), exec);
            boolean archived = ARCHIVED.contains(command);
            assertEquals(archived, exec.contains("-XX:SharedArchiveFile='" + bin.resolve("." + command + ".jsa") + "'"),
                    "the one-liner and the daily sync map their archive: " + exec);
            assertEquals(archived, Files.isRegularFile(bin.resolve("." + command + ".jsa")), command);
            assertTrue(exec.contains(" '-Xmx1g' "), "the heap cap its script gives JBang, not a quarter of the machine: " + exec);
            Run help = run(bin.resolve(command), "--help");
            assertEquals(0, help.exitCode(), help.toString());
            assertTrue(help.out().startsWith("usage: " + command), help.out());
        }

        Run query = run(bin.resolve("valor-sql"), "--db", store.db.toString(), "select count(*) as n from session_details");
        assertEquals(0, query.exitCode(), query.toString());
        assertEquals("n\n" + store.organisation.sessionCount() + "\n", query.out());
        assertEquals("", query.err(), "no JVM or launcher noise on stderr");

        // The daily job through its launcher: a first sync, then one that finds nothing changed, with no JVM noise.
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(5, 3, 90)).start()) {
            Path synced = dir.resolve("synced.mv.db");
            Map<String, String> token = Map.of("VALOR_TOKEN", api.token());
            for (String expected : List.of("\"added\":90,", "\"added\":0,\"updated\":0,\"unchanged\":90,")) {
                Run sync = run(token, bin.resolve("valor-sync"), "--db", synced.toString(), "--base-url", api.baseUrl().toString(),
                        "--quiet", "--json");
                assertEquals(0, sync.exitCode(), sync.toString());
                assertTrue(sync.out().contains("\"sessions\":{" + expected), sync.out());
                assertEquals("", sync.err(), "no JVM or launcher noise on stderr");
            }
        }

        // Without a locale (cron, a bare container), a name with an accent goes in and comes out whole.
        Run noLocale = run(Map.of("LANG", "", "LC_ALL", "", "LC_CTYPE", ""), bin.resolve("valor-sql"), "--db", store.db.toString(),
                "select 'Ángel ✓' as name");
        assertEquals("name\nÁngel ✓\n", noLocale.out(), noLocale.toString());

        // A saved query of the user's own lives outside the checkout: the launcher finds it and stays current (no JBang).
        Path mine = Files.createDirectories(dir.resolve("my-queries"));
        Files.writeString(mine.resolve("session-count.sql"), "-- How many sessions.\nselect count(*) as n from session_details\n");
        Run own = run(Map.of("VALOR_QUERIES", mine.toString()), bin.resolve("valor-sql"), "--db", store.db.toString(), "session-count");
        assertEquals("n\n" + store.organisation.sessionCount() + "\n", own.out(), own.toString());
        assertEquals("", own.err(), "the launcher ran the query itself");
    }

    @Test
    void aLauncherWrittenForOtherSourcesRunsThroughJBangAndSaysToReinstall() throws Exception {
        Path bin = dir.resolve("bin");
        assertEquals(0, TestIo.inHome(dir).run(new SqlCommand(), "--install", bin.toString()).exitCode());
        Path launcher = bin.resolve("valor-sql");
        String current = LauncherInstall.sourcesFingerprint(CatalogAliasTest.ROOT);
        String written = Files.readString(launcher);
        assertTrue(written.contains("'" + current + "'"), written);
        // As if lib/ had been edited since: the launcher was written for sources with another checksum.
        Files.writeString(launcher, written.replace("'" + current + "'", "'0 0'"));

        Run stale = run(launcher, "--db", store.db.toString(), "select count(*) as n from sessions");
        assertEquals(0, stale.exitCode(), stale.toString());
        assertEquals("n\n120\n", stale.out());
        assertTrue(stale.err().contains("valor-sql: the toolkit changed since this launcher was written; running it through JBang"
                + " (to be fast again: ./jbang valor-sql --install " + bin + ")"), stale.err());
    }

    @Test
    void theSourcesChecksumSeesEditsAndNewFilesButNotTimestamps() throws Exception {
        for (String folder : List.of("lib", "sql/queries", "scripts")) Files.createDirectories(dir.resolve(folder));
        Path query = dir.resolve("sql/queries/weekly.sql");
        Files.writeString(query, "select 1");
        Files.writeString(dir.resolve("lib/A.java"), "class A {}");
        String original = LauncherInstall.sourcesFingerprint(dir);

        Files.setLastModifiedTime(query, FileTime.fromMillis(4_102_444_800_000L)); // a copy from a clock years ahead
        assertEquals(original, LauncherInstall.sourcesFingerprint(dir), "timestamps alone change nothing");

        FileTime before = Files.getLastModifiedTime(query);
        Files.writeString(query, "select 2"); // same size, same time: only the content differs
        Files.setLastModifiedTime(query, before);
        String edited = LauncherInstall.sourcesFingerprint(dir);
        assertFalse(original.equals(edited), "an edit changes the checksum");

        Files.writeString(dir.resolve("sql/queries/my query.sql"), "select 3");
        assertFalse(edited.equals(LauncherInstall.sourcesFingerprint(dir)), "a new saved query changes the checksum");
    }

    @Test
    void anUnusableFolderIsAUsageError() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        SqlCommandTest.assertOneLine(TestIo.inHome(dir).run(new SqlCommand(), "--install", file.resolve("bin").toString()), 2,
                "--install " + file.resolve("bin") + ": cannot create the folder");
    }

    record Run(int exitCode, String out, String err) {}

    private Run run(Path launcher, String... args) throws Exception {
        return run(Map.of(), launcher, args);
    }

    private Run run(Map<String, String> env, Path launcher, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(CatalogAliasTest.ROOT.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        var err = new java.io.ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
        });
        drain.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS)) process.destroyForcibly();
        drain.join();
        return new Run(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }
}
