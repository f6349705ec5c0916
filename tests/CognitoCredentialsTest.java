package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import valor.api.ApiUrl;
import valor.auth.CognitoClient;
import valor.auth.CognitoCredentials;
import valor.auth.CognitoTokens;
import valor.auth.Jwt;
import valor.auth.TokenType;
import valor.base.Log;
import valor.fake.FakeCognito;

/** Renewal rules of a signed-in bearer, including threads that fetch in parallel and share one sign-in. */
class CognitoCredentialsTest {
    private static CognitoClient client(FakeCognito cognito) {
        return new CognitoClient(ApiUrl.parse(cognito.url().toString(), "test"), cognito.clientId(), Log.silent(TestIo.capture().io()));
    }

    @Test
    void parallelRefusalsOfTheSameTokenRenewItOnce() throws Exception {
        try (FakeCognito cognito = FakeCognito.builder().user("ana", "pw-12345").start()) {
            CognitoClient client = client(cognito);
            CognitoCredentials credentials = new CognitoCredentials(client, client.signIn("ana", "pw-12345"), TokenType.ID,
                    CognitoCredentials.MARGIN, Clock.systemUTC(), null, null, Log.silent(TestIo.capture().io()));
            int threads = 6;
            CyclicBarrier allSent = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<String>> results = pool.invokeAll(java.util.Collections.nCopies(threads, () -> {
                    String refused = credentials.bearer(); // every thread sends the same token...
                    allSent.await();                      // ...and all of them are refused before any renews
                    assertTrue(credentials.renew());
                    String next = credentials.bearer();
                    assertNotEquals(refused, next);
                    return next;
                }));
                String first = results.get(0).get();
                for (Future<String> result : results) assertEquals(first, result.get(), "every thread retries with the one new token");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, cognito.refreshes(), "one refresh for six refusals");
        }
    }

    @Test
    void aTokenIsRenewedBeforeItExpiresNotOnEveryRequest() throws Exception {
        try (FakeCognito cognito = FakeCognito.builder().user("ana", "pw-12345").tokenLifetime(Duration.ofSeconds(120)).start()) {
            CognitoClient client = client(cognito);
            CognitoTokens tokens = client.signIn("ana", "pw-12345");
            Clock now = Clock.systemUTC();
            CognitoCredentials fresh = new CognitoCredentials(client, tokens, TokenType.ID, CognitoCredentials.MARGIN, now, null, null,
                    Log.silent(TestIo.capture().io()));
            for (int i = 0; i < 5; i++) assertEquals(tokens.idToken(), fresh.bearer());
            assertEquals(0, cognito.refreshes());

            Clock later = Clock.offset(now, Duration.ofSeconds(70)); // 50 s left: inside the 60 s margin
            CognitoCredentials ageing = new CognitoCredentials(client, tokens, TokenType.ACCESS, CognitoCredentials.MARGIN, later, null, null,
                    Log.silent(TestIo.capture().io()));
            String renewed = ageing.bearer();
            assertNotEquals(tokens.accessToken(), renewed);
            assertEquals("access", Jwt.parse(renewed).text("token_use"));
            assertEquals(1, cognito.refreshes());
        }
    }

    @Test
    void aWrongClockDoesNotTurnIntoARefreshBeforeEveryRequest() throws Exception {
        try (FakeCognito cognito = FakeCognito.builder().user("ana", "pw-12345").tokenLifetime(Duration.ofMinutes(10)).start()) {
            CognitoClient client = client(cognito);
            TestIo io = TestIo.capture();
            CognitoCredentials credentials = new CognitoCredentials(client, client.signIn("ana", "pw-12345"), TokenType.ID,
                    CognitoCredentials.MARGIN, Clock.offset(Clock.systemUTC(), Duration.ofHours(2)), null, null, new Log(io.io(), false, false));
            for (int i = 0; i < 5; i++) credentials.bearer();
            assertEquals(1, cognito.refreshes());
            assertTrue(io.err().contains("is this computer's clock right?"), io.err());
        }
    }
}
