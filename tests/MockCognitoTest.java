package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.fake.FakeValorApi;

/** valor-mock --cognito: what it prints is enough for valor-login and valor-sync to work against it. */
class MockCognitoTest {
    @TempDir
    Path home;

    @Test
    void printsWhatASignInNeedsAndTheApiTrustsOnlyItsTokens() throws Exception {
        TestIo mockIo = TestIo.capture();
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = thread.submit(() -> mockIo.run(new MockCommand(stop), "--athletes", "3", "--sessions", "40", "--cognito",
                    "--cognito-user", "coach@club.example:s3cret pass", "--token-lifetime", "30").exitCode());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!mockIo.out().contains("password=") && System.nanoTime() < deadline) Thread.sleep(20);
            Map<String, String> settings = new LinkedHashMap<>();
            for (String line : mockIo.out().split("\n")) settings.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            assertEquals(java.util.List.of("url", "cognito_url", "client_id", "username", "password"), java.util.List.copyOf(settings.keySet()));
            assertEquals("'s3cret pass'", settings.get("password"), "shell-quoted, so '. ./mock.env' works");

            TestIo.Result refused = TestIo.inHome(home).run(new SyncCommand(), "--db", home.resolve("v.mv.db").toString(),
                    "--base-url", settings.get("url"), "--token", FakeValorApi.DEFAULT_TOKEN);
            assertEquals(3, refused.exitCode(), "the fixed demo token is not accepted: " + refused);

            TestIo signedIn = TestIo.inHome(home).env("VALOR_COGNITO_URL", settings.get("cognito_url"))
                    .env("VALOR_CLIENT_ID", settings.get("client_id")).env("VALOR_API_URL", settings.get("url"));
            TestIo.Result login = signedIn.stdin("s3cret pass\n").run(new LoginCommand(), "--username", settings.get("username"), "--password-stdin");
            assertEquals(0, login.exitCode(), login.toString());
            TestIo.Result sync = TestIo.inHome(home).env("VALOR_API_URL", settings.get("url"))
                    .run(new SyncCommand(), "--db", home.resolve("v.mv.db").toString(), "--quiet");
            assertEquals(0, sync.exitCode(), sync.toString());
            assertEquals(40, TestDb.count(home.resolve("v.mv.db"), "SELECT COUNT(*) FROM sessions"));

            stop.countDown();
            assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        } finally {
            stop.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void cognitoSettingsWithoutCognitoAreAUsageError() {
        TestIo.Result result = TestIo.capture().run(new MockCommand(), "--token-lifetime", "60");
        assertEquals(2, result.exitCode());
        assertEquals("valor-mock: --cognito-user and --token-lifetime configure the fake Cognito; add --cognito\n", result.err());
        TestIo.Result badUser = TestIo.capture().run(new MockCommand(), "--cognito", "--cognito-user", "nobody");
        assertEquals(2, badUser.exitCode());
        assertTrue(badUser.err().contains("--cognito-user must be NAME:PASSWORD"), badUser.err());
    }
}
