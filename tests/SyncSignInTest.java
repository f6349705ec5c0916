package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import valor.auth.SignIn;
import valor.auth.TokenCache;
import valor.auth.TokenType;
import valor.fake.FakeCognito;
import valor.fake.FakeValorApi;

/**
 * valor-sync with a Cognito sign-in: where its token comes from, renewal before expiry and after a
 * 401 in the middle of a sync, and what happens when renewal is impossible.
 */
class SyncSignInTest {
    @TempDir
    Path home;

    @Test
    void afterValorLoginSyncNeedsNoToken() {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            assertEquals(0, fixture.login().exitCode());
            TestIo.Result sync = fixture.sync();
            assertEquals(0, sync.exitCode(), sync.toString());
            assertEquals(200, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));
            assertEquals(0, fixture.cognito.refreshes(), "a fresh token is not renewed");
            assertTrue(fixture.api.requests().stream().allMatch(r -> r.status() != 401), "no request was refused");
        }
    }

    @Test
    void withoutAnyCredentialsSyncSaysToRunValorLogin() {
        TestIo.Result sync = TestIo.inHome(home).run(new SyncCommand(), "--db", home.resolve("v.mv.db").toString());
        assertEquals(3, sync.exitCode(), sync.toString());
        assertEquals("valor-sync: no API token: pass --token-file FILE or set VALOR_TOKEN, or run valor-login to sign in (or try valor-sync --demo)\n",
                sync.err());
    }

    @Test
    void anExpiredTokenIsRenewedBeforeTheFirstRequestAndTheCacheUpdated() throws Exception {
        try (LoginFixture fixture = shortLived(Duration.ofSeconds(2), 0)) {
            assertEquals(0, fixture.login().exitCode());
            SignIn before = fixture.cached();
            Thread.sleep(2200); // the cached tokens have expired
            TestIo.Result sync = fixture.sync();
            assertEquals(0, sync.exitCode(), sync.toString());
            assertEquals(200, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));
            assertTrue(fixture.api.requests().stream().allMatch(r -> r.status() != 401), "renewed before sending, not after a refusal");
            assertTrue(fixture.cognito.refreshes() >= 1);
            SignIn after = fixture.cached();
            assertNotEquals(before.tokens().idToken(), after.tokens().idToken(), "the renewed tokens are written back to the cache");
            assertTrue(after.tokens().expiresAt(TokenType.ID).isAfter(before.tokens().expiresAt(TokenType.ID)));
            assertEquals(before.tokens().refreshToken(), after.tokens().refreshToken());
            assertEquals(before.signedInAt(), after.signedInAt());
        }
    }

    @Test
    void aLongSyncOutlivesItsTokens() {
        try (LoginFixture fixture = shortLived(Duration.ofSeconds(2), 80)) {
            assertEquals(0, fixture.login().exitCode());
            long started = System.nanoTime();
            TestIo.Result sync = fixture.sync("--page-size", "10");
            assertEquals(0, sync.exitCode(), sync.toString());
            assertTrue(System.nanoTime() - started > Duration.ofMillis(2500).toNanos(), "the sync took longer than a token lives");
            assertEquals(200, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));
            assertTrue(fixture.cognito.refreshes() >= 2, "renewed " + fixture.cognito.refreshes() + " times");
            assertEquals(1, fixture.cognito.signIns(), "renewed with the refresh token, never the password");
        }
    }

    @Test
    void a401MidSyncRenewsOnceAndRetriesTheSameRequest() {
        AtomicReference<FakeValorApi> apiRef = new AtomicReference<>();
        AtomicBoolean expired = new AtomicBoolean();
        try (LoginFixture fixture = LoginFixture.start(home, FakeCognito.builder().user(LoginFixture.USER, LoginFixture.PASSWORD),
                cognito -> LoginFixture.api().acceptToken(token -> {
                    // the API starts refusing every token issued so far on the 4th page of sessions, as if they had expired early
                    if (apiRef.get().requestCount("sessions") == 4 && !expired.getAndSet(true)) cognito.expireIssuedTokens();
                    return cognito.accepts(token, FakeCognito.Accepts.BOTH);
                }))) {
            apiRef.set(fixture.api);
            assertEquals(0, fixture.login().exitCode());
            String before = fixture.cached().tokens().idToken();
            TestIo.Result sync = fixture.sync("--verbose");
            assertEquals(0, sync.exitCode(), sync.toString());
            assertEquals(200, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));
            assertEquals(1, fixture.cognito.refreshes());

            List<FakeValorApi.LoggedRequest> sessions = fixture.api.requests("sessions");
            assertEquals(401, sessions.get(3).status());
            assertEquals(200, sessions.get(4).status());
            assertEquals(sessions.get(3).continuationToken(), sessions.get(4).continuationToken(), "the refused page is asked again, not page 1");
            assertEquals(1, sessions.stream().filter(r -> r.continuationToken().equals("\"\"")).count(), "the pass never started over");
            assertTrue(sync.err().contains("renewing the IdToken (the API refused it)"), sync.err());
            assertNotEquals(before, fixture.cached().tokens().idToken(), "the renewed token is cached");
        }
    }

    @Test
    void aRefreshThatFailsStopsWithExitThreeAndKeepsWhatWasSynced() {
        AtomicReference<FakeValorApi> apiRef = new AtomicReference<>();
        AtomicBoolean revoked = new AtomicBoolean();
        try (LoginFixture fixture = LoginFixture.start(home, FakeCognito.builder().user(LoginFixture.USER, LoginFixture.PASSWORD),
                cognito -> LoginFixture.api().acceptToken(token -> {
                    if (apiRef.get().requestCount("sessions") == 4 && !revoked.getAndSet(true)) {
                        cognito.revokeRefreshTokens(LoginFixture.USER); // an administrator signed the user out everywhere
                        cognito.expireIssuedTokens();
                    }
                    return cognito.accepts(token, FakeCognito.Accepts.BOTH);
                }))) {
            apiRef.set(fixture.api);
            assertEquals(0, fixture.login().exitCode());
            TestIo.Result failed = fixture.sync();
            assertEquals(3, failed.exitCode(), failed.toString());
            assertEquals("valor-sync: your Valor sign-in has expired or was revoked (Cognito: Invalid Refresh Token); run valor-login to sign in again\n",
                    failed.err());
            long kept = TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions");
            assertEquals(60, kept, "the three pages stored before the refusal stay");
            assertEquals("failed", TestDb.value(fixture.db, String.class, "SELECT status FROM sync_runs ORDER BY run_id DESC LIMIT 1"));
            assertTrue(TestDb.value(fixture.db, String.class, "SELECT error FROM sync_runs ORDER BY run_id DESC LIMIT 1").contains("run valor-login"));

            assertEquals(0, fixture.login().exitCode());
            TestIo.Result resumed = fixture.sync();
            assertEquals(0, resumed.exitCode(), resumed.toString());
            assertTrue(resumed.err().contains("resuming sessions (all) after page 3"), resumed.err());
            assertEquals(200, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));
        }
    }

    @Test
    void aCognitoOutageWhenTheTokenMustBeRenewedIsANetworkFailureNotASignOut() throws Exception {
        try (LoginFixture fixture = shortLived(Duration.ofSeconds(1), 0)) {
            assertEquals(0, fixture.login().exitCode());
            fixture.cognito.close();
            Thread.sleep(1100);
            TestIo.Result sync = fixture.sync();
            assertEquals(1, sync.exitCode(), sync.toString());
            assertTrue(sync.err().startsWith("valor-sync: cannot reach Cognito at " + fixture.cognito.url()), sync.err());
            assertTrue(Files.exists(fixture.cacheFile()), "the sign-in is kept for when Cognito is back");
        }
    }

    @Test
    void environmentCredentialsSignInByThemselvesAndCacheNothing() {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            TestIo io = fixture.io().env("VALOR_USERNAME", LoginFixture.USER).env("VALOR_PASSWORD", LoginFixture.PASSWORD);
            TestIo.Result sync = fixture.sync(io);
            assertEquals(0, sync.exitCode(), sync.toString());
            assertEquals(200, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));
            assertEquals(1, fixture.cognito.signIns());
            assertFalse(Files.exists(fixture.cacheFile().getParent()), "a scheduled sync leaves no tokens on disk");
        }
    }

    @Test
    void environmentCredentialsWinOverTheCacheAndSignInAgainWhenTheRefreshTokenIsRevoked() {
        AtomicReference<FakeValorApi> apiRef = new AtomicReference<>();
        AtomicBoolean revoked = new AtomicBoolean();
        try (LoginFixture fixture = LoginFixture.start(home, FakeCognito.builder().user(LoginFixture.USER, LoginFixture.PASSWORD),
                cognito -> LoginFixture.api().acceptToken(token -> {
                    if (apiRef.get().requestCount("sessions") == 2 && !revoked.getAndSet(true)) {
                        cognito.revokeRefreshTokens(LoginFixture.USER);
                        cognito.expireIssuedTokens();
                    }
                    return cognito.accepts(token, FakeCognito.Accepts.BOTH);
                }))) {
            apiRef.set(fixture.api);
            assertEquals(0, fixture.login().exitCode());
            String cachedBefore = fixture.cached().tokens().idToken();
            TestIo io = fixture.io().env("VALOR_USERNAME", LoginFixture.USER).env("VALOR_PASSWORD", LoginFixture.PASSWORD);
            TestIo.Result sync = fixture.sync(io);
            assertEquals(0, sync.exitCode(), sync.toString());
            assertEquals(200, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));
            assertEquals(3, fixture.cognito.signIns(), "valor-login, the sync's own sign-in, and signing in again after the revocation");
            assertEquals(cachedBefore, fixture.cached().tokens().idToken(), "the cache is not touched by environment credentials");
        }
    }

    @Test
    void incompleteEnvironmentCredentialsNameWhatIsMissing() {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            TestIo.Result result = fixture.sync(fixture.io().env("VALOR_PASSWORD", LoginFixture.PASSWORD));
            assertEquals(3, result.exitCode(), result.toString());
            assertEquals("valor-sync: VALOR_PASSWORD is set but VALOR_USERNAME is not; set all three to sign in without valor-login,"
                    + " or unset VALOR_PASSWORD\n", result.err());
            TestIo.Result wrong = fixture.sync(fixture.io().env("VALOR_USERNAME", LoginFixture.USER).env("VALOR_PASSWORD", "not-it-at-all"));
            assertEquals(3, wrong.exitCode(), wrong.toString());
            assertTrue(wrong.err().startsWith("valor-sync: signing in with VALOR_USERNAME and VALOR_PASSWORD: Cognito refused the password of "),
                    wrong.err());
            TestIo.Result plainHttp = fixture.sync(fixture.io().env("VALOR_USERNAME", LoginFixture.USER).env("VALOR_PASSWORD", "pw-1234")
                    .env("VALOR_COGNITO_URL", "http://cognito.example.com"));
            assertEquals(2, plainHttp.exitCode(), plainHttp.toString());
            assertTrue(plainHttp.err().contains("VALOR_COGNITO_URL uses plain http:// for cognito.example.com"), plainHttp.err());
        }
    }

    @Test
    void anExplicitTokenWinsOverEverySignIn() {
        try (LoginFixture fixture = LoginFixture.start(home, FakeCognito.builder().user(LoginFixture.USER, LoginFixture.PASSWORD),
                cognito -> LoginFixture.api().acceptToken(token -> token.equals("vendor-issued-token-1")))) {
            assertEquals(0, fixture.login().exitCode());
            TestIo io = fixture.io().env("VALOR_USERNAME", LoginFixture.USER).env("VALOR_PASSWORD", LoginFixture.PASSWORD);
            assertEquals(0, fixture.sync(io, "--token", "vendor-issued-token-1").exitCode());
            assertEquals(0, fixture.sync(io.env("VALOR_TOKEN", "vendor-issued-token-1")).exitCode());
            assertEquals(1, fixture.cognito.signIns(), "only valor-login signed in");
            assertEquals(0, fixture.cognito.refreshes());
        }
    }

    @Test
    void tokenTypeChoosesWhichTokenIsSent() {
        try (LoginFixture fixture = LoginFixture.start(home, FakeCognito.builder().user(LoginFixture.USER, LoginFixture.PASSWORD),
                cognito -> LoginFixture.api().acceptToken(cognito.acceptor(FakeCognito.Accepts.ACCESS)))) {
            assertEquals(0, fixture.login().exitCode());
            TestIo.Result withId = fixture.sync();
            assertEquals(3, withId.exitCode(), withId.toString());
            assertTrue(withId.err().contains("returned HTTP 401"), withId.err());
            assertTrue(withId.err().contains("if the vendor expects the AccessToken, try --token-type access"), withId.err());

            TestIo.Result withAccess = fixture.sync("--token-type", "access");
            assertEquals(0, withAccess.exitCode(), withAccess.toString());
            assertEquals(200, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));

            TestIo.Result bad = fixture.sync("--token-type", "refresh");
            assertEquals(2, bad.exitCode());
            assertEquals("valor-sync: --token-type must be id or access, not 'refresh'\n", bad.err());
        }
    }

    @Test
    void aSyncDoesNotBringBackASignInRemovedWhileItRan() throws Exception {
        try (LoginFixture fixture = LoginFixture.start(home)) {
            assertEquals(0, fixture.login().exitCode());
            TokenCache cache = TokenCache.in(fixture.cacheFile().getParent());
            SignIn signIn = fixture.cached();
            assertTrue(cache.delete());
            assertFalse(cache.replaceIfStill(signIn.tokens().refreshToken(), signIn), "signed out meanwhile: not written back");
            assertFalse(Files.exists(fixture.cacheFile()));
            cache.save(signIn);
            assertFalse(cache.replaceIfStill("another-refresh-token", signIn), "signed in as someone else meanwhile: not overwritten");
            assertTrue(cache.replaceIfStill(signIn.tokens().refreshToken(), signIn));
        }
    }

    private LoginFixture shortLived(Duration lifetime, int latencyMs) {
        return LoginFixture.start(home, FakeCognito.builder().user(LoginFixture.USER, LoginFixture.PASSWORD).tokenLifetime(lifetime),
                cognito -> LoginFixture.api().latencyMs(latencyMs).acceptToken(cognito.acceptor()));
    }
}
