package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.api.ApiUrl;
import valor.auth.CognitoClient;
import valor.auth.CognitoTokens;
import valor.base.Failure;
import valor.base.Log;
import valor.fake.FakeCognito;
import valor.fake.FakeValorApi;

/**
 * Signs in, syncs, renews, fails in every way, with a known password and the tokens the fake
 * Cognito issued; then searches everything a user or an attacker could read afterwards (output,
 * error lines, the database file's bytes, sync_runs, exception messages) for any of them. The
 * fake Cognito here even quotes the request, password included, in its error messages.
 */
class SecretsLeakTest {
    /** Quote and backslash: a server echoing it inside JSON shows it escaped, which must be masked too. */
    static final String PASSWORD = "Correct\"Horse\\Battery-42!";
    static final String WRONG_PASSWORD = "Wr0ng-Battery\"Staple";

    @TempDir
    Path home;

    @Test
    void noSecretReachesOutputTheDatabaseOrExceptionMessages() throws Exception {
        AtomicReference<FakeValorApi> apiRef = new AtomicReference<>();
        AtomicBoolean expired = new AtomicBoolean();
        AtomicLong revokeAt = new AtomicLong(-1);
        FakeCognito.Builder leaky = FakeCognito.builder().user(LoginFixture.USER, PASSWORD).echoRequestsInErrors(true);
        List<String> outputs = new ArrayList<>();
        List<String> exceptionMessages = new ArrayList<>();
        try (LoginFixture fixture = LoginFixture.start(home, leaky, cognito -> LoginFixture.api().acceptToken(token -> {
            long sessions = apiRef.get().requestCount("sessions");
            if (sessions == 3 && !expired.getAndSet(true)) cognito.expireIssuedTokens(); // a 401 mid-sync, renewed
            if (sessions == revokeAt.get()) {
                cognito.revokeRefreshTokens(LoginFixture.USER); // a 401 that cannot be renewed
                cognito.expireIssuedTokens();
            }
            return cognito.accepts(token, FakeCognito.Accepts.BOTH);
        }))) {
            apiRef.set(fixture.api);
            record(outputs, fixture.loginWith(WRONG_PASSWORD, "--verbose"), 3);
            record(outputs, fixture.loginWith(PASSWORD, "--verbose"), 0);
            record(outputs, fixture.loginCommand("--status", "--verbose"), 0);
            record(outputs, fixture.sync("--verbose"), 0);
            record(outputs, fixture.sync("--json", "--restart"), 0);
            revokeAt.set(fixture.api.requestCount("sessions") + 3);
            record(outputs, fixture.sync("--verbose", "--restart"), 3);
            TestIo envIo = fixture.io().env("VALOR_USERNAME", LoginFixture.USER).env("VALOR_PASSWORD", WRONG_PASSWORD);
            record(outputs, fixture.sync(envIo, "--verbose"), 3);
            record(outputs, fixture.loginWith(PASSWORD, "--verbose"), 0);
            record(outputs, fixture.loginCommand("--logout", "--verbose"), 0);

            CognitoClient client = new CognitoClient(ApiUrl.parse(fixture.cognito.url().toString(), "test"), fixture.cognito.clientId(),
                    Log.silent(TestIo.capture().io()));
            exceptionMessages.add(assertThrows(Failure.class, () -> client.signIn(LoginFixture.USER, WRONG_PASSWORD)).getMessage());
            String revokedToken = fixture.cognito.secretsIssued().stream().filter(t -> t.split("\\.").length == 5).findFirst().orElseThrow();
            exceptionMessages.add(assertThrows(Failure.class, () -> client.refresh(revokedToken)).getMessage());
            exceptionMessages.add(String.valueOf(new CognitoTokens(revokedToken, revokedToken, revokedToken)));

            List<String> secrets = new ArrayList<>(fixture.cognito.secretsIssued());
            secrets.add(PASSWORD);
            secrets.add(WRONG_PASSWORD);
            secrets.add("Correct\\\"Horse\\\\Battery-42!"); // the password as JSON shows it
            assertTrue(secrets.size() >= 10, "sign-ins and renewals issued tokens: " + secrets.size());
            assertTrue(exceptionMessages.get(0).contains("[redacted]"), "the echoed request was there, masked: " + exceptionMessages.get(0));

            String everything = String.join("\n", outputs) + String.join("\n", exceptionMessages) + syncRuns(fixture.db) + databaseFiles(home);
            for (String secret : secrets) {
                assertFalse(everything.contains(secret), "a secret leaked: " + secret.substring(0, 6) + "...");
                String[] parts = secret.split("\\.");
                for (int i = 1; i < parts.length; i++) { // part 0 is a header every token shares; the rest is the secret
                    assertFalse(everything.contains(parts[i]), "part " + i + " of a token leaked");
                }
            }
        }
    }

    @Test
    void theSearchWouldFindASecretWhereOneIs() throws Exception {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            assertEquals(0, fixture.login().exitCode());
            String cache = Files.readString(fixture.cacheFile());
            for (String secret : fixture.cognito.secretsIssued()) assertTrue(cache.contains(secret), "the cache holds what Cognito issued");
        }
    }

    private static void record(List<String> outputs, TestIo.Result result, int expectedExit) {
        assertEquals(expectedExit, result.exitCode(), result.toString());
        outputs.add(result.out());
        outputs.add(result.err());
    }

    private static String syncRuns(Path db) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> row : TestDb.rows(db, "SELECT * FROM sync_runs")) text.append(row).append('\n');
        for (Map<String, Object> row : TestDb.rows(db, "SELECT * FROM sync_endpoints")) text.append(row).append('\n');
        assertTrue(text.toString().contains("run valor-login"), "the failed run's error is recorded: " + text);
        return text.toString();
    }

    /** Every file next to the database (the .mv.db, a .trace.db if H2 wrote one), as raw bytes. */
    private static String databaseFiles(Path home) throws IOException {
        StringBuilder bytes = new StringBuilder();
        try (Stream<Path> files = Files.list(home)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".db")).toList()) {
                bytes.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertTrue(bytes.length() > 10_000, "the database file was read");
        return bytes.toString();
    }
}
