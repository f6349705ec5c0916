package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.api.ApiUrl;
import valor.auth.CognitoClient;
import valor.auth.SignIn;
import valor.base.Failure;
import valor.base.Log;
import valor.fake.FakeCognito;

/** valor-login as a user runs it: sign in, status, sign out, and one clear line for every way signing in can go wrong. */
class LoginCommandTest {
    @TempDir
    Path home;

    static void assertOneLineError(TestIo.Result result, int exitCode, String expected) {
        assertEquals(exitCode, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), "one line: " + result);
        assertTrue(result.err().startsWith("valor-login: "), result.toString());
        assertTrue(result.err().contains(expected), "expected '" + expected + "' in " + result);
        assertFalse(result.err().contains("\tat "), "no stack trace");
    }

    @Test
    void signingInCachesTheTokensInAPrivateFileAndSaysUntilWhen() throws Exception {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            TestIo.Result result = fixture.login();
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.out().startsWith("signed in as " + LoginFixture.USER + "; the id token is valid until "), result.out());
            assertTrue(result.out().contains("tokens cached in " + fixture.cacheFile()), result.out());
            assertEquals("", result.err());

            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.cacheFile())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.cacheFile().getParent())));
            SignIn cached = fixture.cached();
            assertEquals(LoginFixture.USER, cached.username());
            assertEquals(fixture.cognito.clientId(), cached.clientId());
            assertTrue(fixture.cognito.accepts(cached.tokens().idToken(), FakeCognito.Accepts.ID), "the cached id token is one Cognito issued");
            assertFalse(Files.readString(fixture.cacheFile()).contains(LoginFixture.PASSWORD), "the password is never stored");
            try (var files = Files.list(fixture.cacheFile().getParent())) {
                assertEquals(1, files.count(), "no temporary file left behind");
            }
        }
    }

    @Test
    void theCacheFolderFollowsValorConfigDirThenXdg() {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            Path custom = home.resolve("elsewhere/valor-config");
            TestIo.Result result = fixture.io().env("VALOR_CONFIG_DIR", custom.toString()).stdin(LoginFixture.PASSWORD)
                    .run(new LoginCommand(), "--username", LoginFixture.USER, "--password-stdin");
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(Files.exists(custom.resolve("tokens.json")));
            assertFalse(Files.exists(fixture.cacheFile()));
        }
    }

    @Test
    void statusShowsWhoAndUntilWhenButNoSecret() {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            assertOneLineError(fixture.loginCommand("--status"), 3, "not signed in (no cached tokens in " + fixture.cacheFile() + "); run valor-login");
            assertEquals(0, fixture.login().exitCode());
            TestIo.Result status = fixture.loginCommand("--status");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().startsWith("signed in as " + LoginFixture.USER + " since "), status.out());
            assertTrue(status.out().contains("id token:      valid until "), status.out());
            assertTrue(status.out().contains("min left)"), status.out());
            assertTrue(status.out().contains("cache:         " + fixture.cacheFile()), status.out());
            assertTrue(status.out().contains("client id:     " + fixture.cognito.clientId()), status.out());
            for (String secret : fixture.cognito.secretsIssued()) assertFalse(status.out().contains(secret), "no token shown");
        }
    }

    @Test
    void statusSaysWhenTheTokensHaveExpired() throws Exception {
        try (LoginFixture fixture = LoginFixture.start(home, FakeCognito.builder().user(LoginFixture.USER, LoginFixture.PASSWORD)
                .tokenLifetime(Duration.ofSeconds(1)), cognito -> LoginFixture.api().acceptToken(cognito.acceptor()))) {
            assertEquals(0, fixture.login().exitCode());
            Thread.sleep(1500);
            TestIo.Result status = fixture.loginCommand("--status");
            assertTrue(status.out().contains("id token:      expired "), status.out());
            assertTrue(status.out().contains("ago; valor-sync renews it)"), status.out());
        }
    }

    @Test
    void logoutRevokesTheRefreshTokenAndRemovesTheCache() {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            assertEquals(0, fixture.login().exitCode());
            String refreshToken = fixture.cached().tokens().refreshToken();
            TestIo.Result logout = fixture.loginCommand("--logout");
            assertEquals(0, logout.exitCode(), logout.toString());
            assertEquals("signed out " + LoginFixture.USER + ": removed " + fixture.cacheFile() + "; the refresh token is revoked\n", logout.out());
            assertFalse(Files.exists(fixture.cacheFile()));
            assertEquals(1, fixture.cognito.revocations());
            CognitoClient client = new CognitoClient(ApiUrl.parse(fixture.cognito.url().toString(), "test"), fixture.cognito.clientId(),
                    Log.silent(TestIo.capture().io()));
            Failure refused = org.junit.jupiter.api.Assertions.assertThrows(Failure.class, () -> client.refresh(refreshToken));
            assertTrue(refused.getMessage().contains("run valor-login"), refused.getMessage());

            TestIo.Result again = fixture.loginCommand("--logout");
            assertEquals(0, again.exitCode());
            assertTrue(again.out().startsWith("not signed in; nothing to remove"), again.out());
        }
    }

    @Test
    void logoutRemovesTheCacheEvenWhenCognitoIsUnreachable() throws Exception {
        Path cacheFile;
        try (LoginFixture fixture = LoginFixture.start(home)) {
            assertEquals(0, fixture.login().exitCode());
            cacheFile = fixture.cacheFile();
        }
        TestIo.Result logout = TestIo.inHome(home).run(new LoginCommand(), "--logout");
        assertEquals(0, logout.exitCode(), logout.toString());
        assertTrue(logout.err().startsWith("warning: could not revoke the refresh token at Cognito (cannot reach Cognito at"), logout.err());
        assertFalse(Files.exists(cacheFile));
    }

    @Test
    void everyCognitoRefusalGetsOneLineSayingWhatToDo() {
        FakeCognito.Builder users = FakeCognito.builder()
                .user(LoginFixture.USER, LoginFixture.PASSWORD)
                .user("new@club.example", "pw-new-0001", FakeCognito.UserState.NEW_PASSWORD_REQUIRED)
                .user("reset@club.example", "pw-reset-01", FakeCognito.UserState.RESET_REQUIRED)
                .user("unconfirmed@club.example", "pw-unconf-1", FakeCognito.UserState.UNCONFIRMED)
                .user("disabled@club.example", "pw-disabled", FakeCognito.UserState.DISABLED)
                .user("sms@club.example", "pw-sms-0001", FakeCognito.UserState.SMS_MFA)
                .user("totp@club.example", "pw-totp-001", FakeCognito.UserState.SOFTWARE_TOKEN_MFA)
                .user("custom@club.example", "pw-custom-1", FakeCognito.UserState.CUSTOM_CHALLENGE);
        try (LoginFixture fixture = LoginFixture.start(home, users, cognito -> LoginFixture.api().acceptToken(cognito.acceptor()))) {
            assertOneLineError(fixture.loginWith("not-the-password"), 3, "Cognito refused the password of " + LoginFixture.USER
                    + " (Cognito: Incorrect username or password.); check the username and password and try again");
            assertOneLineError(signIn(fixture, "nobody@club.example", "whatever-pw"), 3,
                    "Cognito has no user nobody@club.example in this user pool; check the username");
            assertOneLineError(signIn(fixture, "new@club.example", "pw-new-0001"), 3,
                    "must set a new password before its first use: sign in once in the Valor app to choose one, then run valor-login again");
            assertOneLineError(signIn(fixture, "reset@club.example", "pw-reset-01"), 3,
                    "the password of reset@club.example must be reset before you can sign in: use 'Forgot password' in the Valor app");
            assertOneLineError(signIn(fixture, "unconfirmed@club.example", "pw-unconf-1"), 3,
                    "the account unconfirmed@club.example is not confirmed yet: confirm it from the vendor's invitation email");
            assertOneLineError(signIn(fixture, "disabled@club.example", "pw-disabled"), 3, "the account disabled@club.example is disabled");
            assertOneLineError(signIn(fixture, "sms@club.example", "pw-sms-0001"), 3,
                    "requires multi-factor authentication (SMS_MFA), which valor-login does not support");
            assertOneLineError(signIn(fixture, "totp@club.example", "pw-totp-001"), 3,
                    "requires multi-factor authentication (SOFTWARE_TOKEN_MFA), which valor-login does not support");
            assertOneLineError(signIn(fixture, "custom@club.example", "pw-custom-1"), 3,
                    "Cognito asked custom@club.example for a CUSTOM_CHALLENGE challenge, which valor-login does not support");
            TestIo.Result wrongClient = fixture.io().stdin(LoginFixture.PASSWORD)
                    .run(new LoginCommand(), "--username", LoginFixture.USER, "--password-stdin", "--client-id", "no-such-client");
            assertOneLineError(wrongClient, 3, "Cognito does not know client id no-such-client; check --client-id or VALOR_CLIENT_ID");
            assertFalse(Files.exists(fixture.cacheFile()), "nothing cached by a failed sign-in");
        }
    }

    @Test
    void errorTypesWithANamespaceAreUnderstood() {
        FakeCognito.Builder prefixed = FakeCognito.builder().user(LoginFixture.USER, LoginFixture.PASSWORD)
                .errorTypePrefix("com.amazonaws.cognito.identity.idp.model#");
        try (LoginFixture fixture = LoginFixture.start(home, prefixed, cognito -> LoginFixture.api().acceptToken(cognito.acceptor()))) {
            assertOneLineError(fixture.loginWith("not-the-password"), 3, "Cognito refused the password of " + LoginFixture.USER);
        }
    }

    @Test
    void throttlingIsRetriedAndWhenItPersistsSaysToWait() {
        FakeCognito.Builder throttled = FakeCognito.builder().user(LoginFixture.USER, LoginFixture.PASSWORD).throttleFirst(1);
        try (LoginFixture fixture = LoginFixture.start(home, throttled, cognito -> LoginFixture.api().acceptToken(cognito.acceptor()))) {
            assertEquals(0, fixture.login().exitCode(), "one TooManyRequestsException is retried away");
            fixture.cognito.throttleNext(10);
            assertOneLineError(fixture.login(), 1, "Cognito is throttling requests and kept refusing the sign-in; wait a minute and try again");
        }
    }

    @Test
    void missingCredentialsAndPlainHttpAreRefusedBeforeAnyPasswordIsRead() {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            assertOneLineError(fixture.io().env("VALOR_CLIENT_ID", "").run(new LoginCommand(), "--username", "u", "--password-stdin"), 3,
                    "no client id: pass --client-id or set VALOR_CLIENT_ID");
            assertOneLineError(fixture.io().run(new LoginCommand()), 3, "no username: pass --username or set VALOR_USERNAME");
            assertOneLineError(fixture.io().run(new LoginCommand(), "--username", "u"), 3,
                    "no terminal to ask for the password on; pipe it with --password-stdin");
            assertOneLineError(fixture.io().run(new LoginCommand(), "--username", "u", "--password-stdin"), 3,
                    "--password-stdin: no password on standard input");
            assertOneLineError(fixture.io().run(new LoginCommand(), "--cognito-url", "http://cognito.example.com", "--username", "u"), 2,
                    "--cognito-url uses plain http:// for cognito.example.com; only loopback hosts may");
            assertOneLineError(fixture.io().env("VALOR_COGNITO_URL", "http://10.1.2.3:9000").run(new LoginCommand(), "--username", "u"), 2,
                    "VALOR_COGNITO_URL uses plain http:// for 10.1.2.3");
            assertOneLineError(fixture.io().run(new LoginCommand(), "--cognito-url", "https://me:pw@cognito.example.com"), 2,
                    "--cognito-url must not carry credentials");
            assertOneLineError(fixture.io().run(new LoginCommand(), "--status", "--logout"), 2, "--status and --logout contradict each other");
            assertOneLineError(fixture.io().run(new LoginCommand(), "--status", "--username", "u"), 2, "--username is for signing in");
            assertEquals(0, fixture.cognito.signIns());
        }
    }

    @Test
    void anUnreachableCognitoFailsFastWithOneLine() {
        TestIo.Result result = TestIo.inHome(home).stdin("pw").run(new LoginCommand(), "--cognito-url", "http://127.0.0.1:9",
                "--client-id", "c", "--username", "u", "--password-stdin");
        assertOneLineError(result, 1, "cannot reach Cognito at http://127.0.0.1:9");
        assertTrue(result.err().contains("check --cognito-url or VALOR_COGNITO_URL"), result.err());
    }

    @Test
    void aUrlThatIsNotCognitoSaysSo() {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            TestIo.Result result = fixture.io().env("VALOR_COGNITO_URL", fixture.api.baseUrl().toString()).stdin(LoginFixture.PASSWORD)
                    .run(new LoginCommand(), "--username", LoginFixture.USER, "--password-stdin");
            assertEquals(1, result.exitCode(), result.toString());
            assertTrue(result.err().contains("answered HTTP 403 without a Cognito error type; check --cognito-url or VALOR_COGNITO_URL"),
                    result.err());
        }
    }

    @Test
    void aCacheOthersCouldReadIsRefusedWithTheChmodThatFixesIt() throws Exception {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            assertEquals(0, fixture.login().exitCode());
            Files.setPosixFilePermissions(fixture.cacheFile(), PosixFilePermissions.fromString("rw-r--r--"));
            assertOneLineError(fixture.loginCommand("--status"), 3, "the token cache file " + fixture.cacheFile()
                    + " is open to other users (rw-r--r--); fix it with: chmod 600 " + fixture.cacheFile());
            TestIo.Result sync = fixture.sync();
            assertEquals(3, sync.exitCode(), sync.toString());
            assertTrue(sync.err().contains("fix it with: chmod 600 " + fixture.cacheFile()), sync.err());

            Files.setPosixFilePermissions(fixture.cacheFile(), PosixFilePermissions.fromString("rw-------"));
            Path folder = fixture.cacheFile().getParent();
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            assertOneLineError(fixture.loginCommand("--status"), 3, "the token cache folder " + folder
                    + " is open to other users (rwxr-xr-x); fix it with: chmod 700 " + folder);
            assertOneLineError(fixture.login(), 3, "fix it with: chmod 700 " + folder);
            assertEquals(1, fixture.cognito.signIns(), "refused before the password was sent");

            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            assertEquals(0, fixture.loginCommand("--status").exitCode());
        }
    }

    @Test
    void aLooseOrDamagedCacheCanStillBeRemoved() throws Exception {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            assertEquals(0, fixture.login().exitCode());
            Files.setPosixFilePermissions(fixture.cacheFile(), PosixFilePermissions.fromString("rw-rw-rw-"));
            assertEquals(0, fixture.loginCommand("--logout").exitCode());
            assertFalse(Files.exists(fixture.cacheFile()));

            assertEquals(0, fixture.login().exitCode());
            Files.writeString(fixture.cacheFile(), "{\"version\":1,\"id_tok");
            assertOneLineError(fixture.loginCommand("--status"), 3, "the token cache " + fixture.cacheFile() + " is damaged; run valor-login");
            assertEquals(0, fixture.loginCommand("--logout").exitCode());
            assertFalse(Files.exists(fixture.cacheFile()));
        }
    }

    @Test
    void signingInAgainReplacesTheCachedTokens() {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            assertEquals(0, fixture.login().exitCode());
            String first = fixture.cached().tokens().refreshToken();
            Instant firstSignIn = fixture.cached().signedInAt();
            assertEquals(0, fixture.login("--quiet").exitCode());
            assertNotEquals(first, fixture.cached().tokens().refreshToken());
            assertFalse(fixture.cached().signedInAt().isBefore(firstSignIn));
        }
    }

    @Test
    void aPasswordInTheEnvironmentIsPointedOutAfterSigningIn() {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            TestIo.Result result = fixture.io().env("VALOR_PASSWORD", "x-other-password").stdin(LoginFixture.PASSWORD)
                    .run(new LoginCommand(), "--username", LoginFixture.USER, "--password-stdin");
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.err().contains("VALOR_PASSWORD is set, so valor-sync signs in with it and does not use these cached tokens"),
                    result.err());
        }
    }

    private static TestIo.Result signIn(LoginFixture fixture, String username, String password) {
        return fixture.io().stdin(password + "\n").run(new LoginCommand(), "--username", username, "--password-stdin");
    }
}
