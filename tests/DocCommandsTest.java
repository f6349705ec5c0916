package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * Every command block of README.md and docs/*.md, run exactly as written, in reading order, as one
 * reader would: in a copy of the checkout, with a home of their own that starts empty, JBang's
 * cache the suite's (so nothing is built twice), and the launchers on the PATH once the README has
 * installed them. Blocks share what earlier ones made: the README's demo sync, its launchers, the
 * files a command writes for the next. {@code ```sh} and {@code ```bash} blocks must exit 0; a
 * {@code ```console} transcript's commands must print what it shows ("..." stands for anything)
 * and fail when it shows an error.
 *
 * <p>"Your organisation" is a fake API (VALOR_API_URL and VALOR_TOKEN in the environment, the token
 * also in ~/.valor-token), and the docs' placeholders {@code <athlete id>} and {@code <session id>}
 * are ids from it. What cannot run here is on {@link #SKIPS}, each with why and the test that runs
 * its equivalent.
 */
class DocCommandsTest {
    static final Path ROOT = CatalogAliasTest.ROOT;

    /** A line, or a whole block (by its first line), that is not run here, why, and where its equivalent runs. */
    record Skip(String page, String startsWith, boolean wholeBlock, String why) {
        boolean blockMatches(DocBlocks.Block block) {
            return wholeBlock && block.page().equals(page) && block.firstLine().startsWith(startsWith);
        }

        boolean lineMatches(DocBlocks.Block block, String line) {
            return !wholeBlock && (page == null || block.page().equals(page)) && line.startsWith(startsWith);
        }
    }

    static final List<Skip> SKIPS = List.of(
            new Skip("README.md", "sdk install jbang", true,
                    "installs JBang from sdkman.io, brew, scoop.sh or jbang.dev, which this machine cannot reach;"
                            + " PublishedCatalogTest runs the commands with a JBang installed that way (PublishedToolkit.plainJBang)"),
            new Skip(null, "./jbang tests/RunTests.java", false, "the test suite itself, which is running this"),
            new Skip("README.md", "./jbang valor-sync --demo --with reports,ik", false,
                    "minutes of fetching every session's joint angles: DemoPicturesTest syncs the demo with every session's reports,"
                            + " SessionDataSyncTest fetches reports and joint angles, and the page below is drawn from the plain demo here"),
            new Skip(null, "VALOR_WRITE_DOCS=1 ./jbang tests/RunTests.java GeneratedDocsTest", false,
                    "the suite runs GeneratedDocsTest itself (which is what this command writes the pages from)"),
            new Skip(null, "export VALOR_CLIENT_ID=", false,
                    "a client id of the vendor's Cognito; the fake API here takes a token (VALOR_TOKEN), and SyncSignInTest signs in at a fake Cognito"),
            new Skip(null, "valor-login", false,
                    "asks for a password on a terminal, at the vendor's Cognito: LoginTerminalTest runs it on a terminal against a fake Cognito,"
                            + " LoginCommandTest --status and --logout"),
            new Skip("docs/syncing.md", "systemctl --user", true,
                    "needs a systemd user session; ScheduledSyncTest runs valor-sync --json --quiet as the unit does, and a TERM as systemctl stop sends"),
            new Skip("docs/analyst-commands.md", "valor-console --demo", true,
                    "serves until Ctrl-C and opens a browser: ConsoleBrowserTest runs it with a browser, ConsoleAccessTest attacks it"),
            new Skip("docs/analyst-commands.md", "duckdb -c", true,
                    "DuckDB's own command-line tool, which the toolkit does not install; ExportTest reads the exports through DuckDB's JDBC driver"),
            new Skip("docs/team-store.md", "export VALOR_DB=jdbc:postgresql://db.club.example", true,
                    "a club's PostgreSQL server: TeamStoreAccessTest.theTeamStorePagesCommandsRunAsWritten runs these lines against the suite's server"),
            new Skip("docs/team-store.md", "psql ", true,
                    "psql and a club's server; TeamStoreAccessTest reads the store as the analysts' role over JDBC"),
            new Skip("docs/publishing.md", "jbang valor-sync@<your-org>", true,
                    "a catalog published on GitHub: PublishedCatalogTest runs valor-sync@org --demo and valor-sql@org queries from a catalog served on 127.0.0.1"));

    @TempDir
    static Path temp;
    static Path clone;
    static Path home;
    static FakeValorApi organisation;
    static Map<String, String> placeholders;

    @BeforeAll
    static void aCloneAHomeAndAnOrganisation() throws Exception {
        clone = temp.resolve("valor-toolkit");
        for (String tracked : PublishedToolkit.trackedFiles()) {
            Path source = ROOT.resolve(tracked);
            if (!Files.isRegularFile(source)) continue;
            Files.createDirectories(clone.resolve(tracked).getParent());
            Files.copy(source, clone.resolve(tracked), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        home = Files.createDirectories(temp.resolve("home"));
        organisation = FakeValorApi.builder().organisation(FakeOrganisation.generate(23, 4, 120)).start();
        FakeOrganisation.FakeSession session = organisation.organisation().sessions().get(0);
        placeholders = Map.of("<athlete id>", session.athleteId(), "<session id>", session.sessionId());
        Path tokenFile = home.resolve(".valor-token");
        Files.writeString(tokenFile, organisation.token() + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterAll
    static void stopTheOrganisation() {
        if (organisation != null) organisation.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCommandBlockRunsAsWritten() {
        List<DocBlocks.Block> blocks = DocBlocks.all(ROOT).stream()
                .filter(b -> DocBlocks.SCRIPTS.contains(b.language()) || b.language().equals(DocBlocks.TRANSCRIPT)).toList();
        assertTrue(blocks.size() > 30, "the docs' command blocks were found: " + blocks.size());
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.where() + " " + block.firstLine(), () -> run(block)));
    }

    private static void run(DocBlocks.Block block) throws Exception {
        for (Skip skip : SKIPS) Assumptions.assumeFalse(skip.blockMatches(block), () -> "not run here: " + skip.why());
        if (block.language().equals(DocBlocks.TRANSCRIPT)) {
            transcript(block);
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : block.text().lines().toList()) {
            if (SKIPS.stream().noneMatch(s -> s.lineMatches(block, line))) kept.add(line);
        }
        Assumptions.assumeFalse(kept.stream().allMatch(String::isBlank), "not run here: every line is on the list of skips");
        Result result = bash("set -eo pipefail\n" + filled(String.join("\n", kept)));
        assertEquals(0, result.exitCode(), block.where() + " as written:\n" + block.text() + "\n" + result);
    }

    /** Runs each {@code $ command} of a transcript and compares what it prints with the lines shown under it. */
    private static void transcript(DocBlocks.Block block) throws Exception {
        List<String> lines = block.text().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("$ ")) throw new AssertionError(block.where() + ": a transcript line that no command printed: " + lines.get(i));
            String command = lines.get(i).substring(2);
            List<String> shown = new ArrayList<>();
            while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("$ ")) shown.add(lines.get(++i));
            Result result = bash(filled(command));
            boolean error = !shown.isEmpty() && shown.get(0).matches("valor-[a-z]+: .*");
            assertEquals(error, result.exitCode() != 0, block.where() + ": " + command + (error ? " fails" : " succeeds") + " as shown\n" + result);
            List<String> printed = (result.out() + result.err()).lines().toList();
            int at = 0;
            for (String expected : shown) {
                Pattern pattern = Pattern.compile(Stream.of(expected.split("\\.\\.\\.", -1)).map(Pattern::quote)
                        .reduce((a, b) -> a + ".*" + b).orElse(""));
                while (at < printed.size() && !pattern.matcher(printed.get(at)).matches()) at++;
                assertTrue(at < printed.size(), block.where() + ": " + command + " prints the line shown, " + expected + "\n" + result);
                at++;
            }
        }
    }

    private static String filled(String text) {
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) text = text.replace(placeholder.getKey(), placeholder.getValue());
        return text;
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** bash in the clone, with the reader's home and the launchers' folder first on the PATH, as the README tells them to set it. */
    private static Result bash(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(clone.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("VALOR_") || name.startsWith("XDG_") || name.equals("JBANG_LAUNCH_CMD"));
        env.put("HOME", home.toString());
        env.put("PATH", home.resolve(".local/bin") + ":" + System.getenv("PATH"));
        env.put("VALOR_API_URL", organisation.baseUrl().toString());
        env.put("VALOR_TOKEN", organisation.token());
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(900, TimeUnit.SECONDS)) process.destroyForcibly();
        return new Result(process.waitFor(), out, err.join());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
