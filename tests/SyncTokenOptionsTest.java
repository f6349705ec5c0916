package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * Ways to give valor-sync a token that other users cannot read in ps: --token-file and
 * '--token -' (standard input). --token VALUE still works but says why it should not be used.
 * The token itself appears in no output.
 */
class SyncTokenOptionsTest {
    private static final String TOKEN = "sync-token-options-test-9f3a";

    @TempDir
    Path dir;
    private FakeValorApi api;

    @BeforeEach
    void startApi() {
        api = FakeValorApi.builder().organisation(FakeOrganisation.generate(5, 2, 12)).token(TOKEN).start();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    private Path db() {
        return dir.resolve("valor.mv.db");
    }

    private TestIo.Result sync(TestIo io, String... more) {
        List<String> args = new ArrayList<>(List.of("--db", db().toString(), "--base-url", api.baseUrl().toString()));
        args.addAll(List.of(more));
        return io.run(new SyncCommand(), args.toArray(String[]::new));
    }

    private TestIo.Result sync(String... more) {
        return sync(TestIo.inHome(dir), more);
    }

    private Path tokenFile(String content, String permissions) throws Exception {
        Path file = Files.writeString(dir.resolve("valor token.txt"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private void assertSynced(TestIo.Result result) {
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(12, TestDb.count(db(), "SELECT COUNT(*) FROM sessions"));
        assertFalse((result.out() + result.err()).contains(TOKEN), "the token is never printed: " + result);
    }

    private static void assertOneLineUsageError(TestIo.Result result, String expected) {
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), "one line: " + result);
        assertTrue(result.err().startsWith("valor-sync: ") && result.err().contains(expected), result.toString());
        assertFalse(result.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aPrivateTokenFileSyncsWithoutAWord() throws Exception {
        Path file = tokenFile("  " + TOKEN + "\n\n", "rw-------");
        TestIo.Result result = sync("--token-file", file.toString());
        assertSynced(result);
        assertEquals("", result.err());
    }

    @Test
    void aTokenFileOthersCanReadWorksButSaysHowToMakeItPrivate() throws Exception {
        Path file = tokenFile(TOKEN + "\n", "rw-r--r--");
        TestIo.Result result = sync("--token-file", file.toString());
        assertSynced(result);
        assertEquals("warning: --token-file " + file + " can be read by other users of this machine; make it private with: chmod 600 '"
                + file + "'\n", result.err());
    }

    @Test
    void aTokenFromStandardInputSyncs() {
        TestIo.Result result = sync(TestIo.inHome(dir).stdin(TOKEN + "\n"), "--token", "-");
        assertSynced(result);
        assertEquals("", result.err());
    }

    @Test
    void aTokenOnTheCommandLineStillWorksButWarnsOnceWithoutShowingIt() {
        TestIo.Result result = sync("--token", TOKEN);
        assertSynced(result);
        assertEquals(1, result.err().lines().count(), result.toString());
        assertTrue(result.err().startsWith("warning: --token puts the token on the command line, where other users of this machine"
                + " can see it (ps, /proc); use --token-file FILE, '--token -' (standard input) or VALOR_TOKEN instead"), result.err());

        TestIo.Result quiet = sync("--token", TOKEN, "--quiet");
        assertEquals(0, quiet.exitCode(), quiet.toString());
        assertEquals("", quiet.out() + quiet.err(), "--quiet prints nothing but errors");
    }

    @Test
    void aTokenFileThatIsMissingEmptyOrAFolderIsOneLineExitTwo() throws Exception {
        Path missing = dir.resolve("no-such-token");
        assertOneLineUsageError(sync("--token-file", missing.toString()), "--token-file " + missing + " does not exist");
        assertOneLineUsageError(sync("--token-file", tokenFile(" \n", "rw-------").toString()), "is empty; put the token in it");
        assertOneLineUsageError(sync("--token-file", dir.toString()), "--token-file " + dir + " is a folder");
        assertOneLineUsageError(sync("--token-file", tokenFile(TOKEN + "\nsecond line\n", "rw-------").toString()),
                "must be a single token without spaces");
        assertOneLineUsageError(sync(TestIo.inHome(dir).stdin(""), "--token", "-"), "--token - read no token from standard input");
        assertFalse(Files.exists(db()), "nothing created");
    }

    @Test
    void tokenAndTokenFileTogetherAreAUsageErrorThatDoesNotShowTheToken() throws Exception {
        Path file = tokenFile(TOKEN, "rw-------");
        TestIo.Result result = sync("--token", TOKEN, "--token-file", file.toString());
        assertOneLineUsageError(result, "--token and --token-file both give the token; pass only one");
        assertFalse(result.err().contains(TOKEN));
        assertOneLineUsageError(TestIo.inHome(dir).run(new SyncCommand(), "--demo", "--token-file", file.toString()), "--token-file");
    }

    @Test
    void aRefusedTokenFromAFileIsNamedButNotShown() throws Exception {
        String wrong = "wrong-token-from-a-file-77";
        TestIo.Result result = sync("--token-file", tokenFile(wrong, "rw-------").toString());
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.err().contains("check --token, --token-file or VALOR_TOKEN"), result.err());
        assertFalse(result.err().contains(wrong), result.err());
    }

    @Test
    void helpDocumentsTheSaferWays() {
        TestIo.Result help = TestIo.inHome(dir).run(new SyncCommand(), "--help");
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("--token-file FILE") && text.contains("valor-sync --token -")
                && text.contains("visible to other users in ps"), help.out());
    }
}
