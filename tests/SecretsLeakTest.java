package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.api.ApiUrl;
import valor.auth.CognitoClient;
import valor.auth.CognitoTokens;
import valor.base.Failure;
import valor.base.Log;
import valor.store.Database;
import valor.fake.FakeCognito;
import valor.fake.FakeOrganisation;
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

    /**
     * The API quotes the request's headers, Authorization included, in its error answers: in the JSON
     * message of a list endpoint's 403 and 401, in the envelope of reportData's and ikData's errors,
     * and in a gateway's text page, where the token straddles the point a client cuts a long body
     * short. After syncs that meet all of them (a run that completes with failed sessions, one that
     * fails, one whose token is refused), no column of any table, no output line and no JSON holds
     * the token or any piece of it. The token is opaque, not JWT-shaped: only what the toolkit knows
     * can mask it.
     */
    @OnBothEngines
    void aTokenTheApiEchoesInItsErrorsReachesNoTableOutputOrJson(String engine) throws Exception {
        String token = "op4que/Tok3n+Q9wLx2Vb7Hs5Nd8Kf1Rm6Tz0Yc3UaE=";
        TestStore store = TestStore.of(engine, home);
        List<String> seen = new ArrayList<>(); // every run's output, and every cell of the store after it
        String echoed;
        try (FakeValorApi api = FakeValorApi.builder().organisation(FakeOrganisation.generate(5, 4, 24)).token(token)
                .faults("*@1=echo-headers", "exercises@1x20=403", "sessions@2=502", "reportData@1x30=500", "ikData@2x2=404").start()) {
            Supplier<TestIo.Result> sync = () -> {
                TestIo io = TestIo.inHome(home).env("VALOR_TOKEN", token);
                store.env().forEach(io::env);
                return io.run(new SyncCommand(), "--db", store.dbArg(), "--base-url", api.baseUrl().toString(), "--retries", "1",
                        "--with", "reports,ik", "--json", "--verbose");
            };
            record(seen, sync.get(), 0);
            seen.add(everyCell(store));
            echoed = store.rows("SELECT message FROM sync_endpoints WHERE endpoint = 'exercises'") + "\n"
                    + store.rows("SELECT kind, http_status, error FROM session_data_fetches WHERE status = 'failed' ORDER BY kind");
            api.faults().add("athletes@" + (api.requestCount("athletes") + 1) + "x2=502");
            record(seen, sync.get(), 1);
            seen.add(everyCell(store));
            api.faults().add("sessions@" + (api.requestCount("sessions") + 1) + "x9=401");
            record(seen, sync.get(), 3);
            seen.add(everyCell(store));
        }

        assertTrue(echoed.contains("Authorization: Bearer [redacted]"), "the API did echo the header, and it was masked: " + echoed);
        assertTrue(echoed.contains("kind=ik, http_status=404") && echoed.contains("kind=report") && echoed.contains("\"Authorization\":\"Bearer [redacted]\""),
                "session data errors were echoed: " + echoed);
        String everything = String.join("\n", seen) + (store.postgres() ? "" : databaseFiles(home));
        assertFalse(everything.contains(token), "the token leaked");
        for (int start = 0; start + 12 <= token.length(); start++) {
            String piece = token.substring(start, start + 12);
            assertFalse(everything.contains(piece), "a piece of the token leaked: ..." + piece + "... in "
                    + everything.substring(Math.max(0, everything.indexOf(piece) - 200), Math.min(everything.length(), everything.indexOf(piece) + 50)));
        }
    }

    /** Every value of every column of every table in the store, as text (binary columns byte for byte). */
    private static String everyCell(TestStore store) throws SQLException {
        StringBuilder cells = new StringBuilder();
        try (Connection connection = Database.connect(store.location());
             ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                String schema = tables.getString("TABLE_SCHEM");
                if (!schema.equalsIgnoreCase("INFORMATION_SCHEMA") && !schema.equalsIgnoreCase("pg_catalog")) {
                    names.add("\"" + schema + "\".\"" + tables.getString("TABLE_NAME") + "\"");
                }
            }
            assertTrue(names.size() >= 15, "the store's tables: " + names);
            for (String table : names) {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData columns = rows.getMetaData();
                    while (rows.next()) {
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            int type = columns.getColumnType(i);
                            boolean binary = type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB;
                            byte[] bytes = binary ? rows.getBytes(i) : null;
                            cells.append(binary ? (bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1)) : rows.getString(i)).append('\t');
                        }
                        cells.append('\n');
                    }
                }
            }
        }
        return cells.toString();
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
