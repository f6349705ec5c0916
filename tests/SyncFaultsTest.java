package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import valor.api.ApiPage;
import valor.api.ApiUrl;
import valor.api.Credentials;
import valor.api.Pager;
import valor.base.Failure;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;
import valor.sync.SyncOptions;
import valor.sync.SyncReport;

/** Throttling, server errors, broken responses and runaway paging, injected by the fake API. */
class SyncFaultsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sessions@3=429", "sessions@2x2=503", "sessions@4=500", "sessions@2=502", "sessions@3=504",
            "sessions@2=truncated", "sessions@3x2=reset", "athletes@1=503", "sessions@2=slow:3000"})
    void transientFaultsAreRetriedAndTheSyncCompletes(String fault) {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(4, 6, 250))) {
            fixture.api.faults().add(fault);
            SyncReport report = fixture.sync(fixture.options().withRetry(SyncFixture.FAST_RETRY, Duration.ofSeconds(1)));

            assertEquals("ok", report.status());
            assertTrue(report.retries() >= 1, "retried: " + report.retries());
            SyncTest.assertSessionsMatch(fixture.organisation().sessions(), fixture.db);
            assertEquals((long) report.retries(), TestDb.count(fixture.db, "SELECT retries FROM sync_runs"));
        }
    }

    @Test
    void retryAfterIsHonoured() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(4, 3, 100))) {
            fixture.api.faults().add("sessions@2=429:1");
            long started = System.nanoTime();
            fixture.sync();
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMs >= 1000, "waited " + waitedMs + " ms for Retry-After: 1");
        }
    }

    @Test
    void persistentServerErrorsFailTheRunButKeepCommittedPagesAndTheNextRunResumes() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(4, 6, 400))) {
            fixture.api.faults().add("sessions@4x50=500");
            Failure failure = assertThrows(Failure.class, fixture::sync);
            assertEquals(Failure.FAILED, failure.exitCode());
            assertTrue(failure.getMessage().startsWith("GET /sessions failed 4 time(s), last: HTTP 500"), failure.getMessage());
            assertEquals(150L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"), "three committed pages of 50 stay");
            Map<String, Object> run = TestDb.rows(fixture.db, "SELECT status, error FROM sync_runs").get(0);
            assertEquals("failed", run.get("status"));
            assertTrue(String.valueOf(run.get("error")).contains("HTTP 500"));

            fixture.api.faults().clear();
            int requestsBefore = fixture.api.requests().size();
            SyncReport resumed = fixture.sync();

            List<FakeValorApi.LoggedRequest> sessionRequests = fixture.api.requests().subList(requestsBefore, fixture.api.requests().size())
                    .stream().filter(r -> r.endpoint().equals("sessions")).toList();
            assertNotEquals(ApiPage.FIRST_TOKEN, sessionRequests.get(0).continuationToken(), "resumed from the checkpoint");
            assertEquals(8, sessionRequests.size(), "pages 4 to 8, then 1 to 3 again for what changed behind the checkpoint");
            assertEquals(250, resumed.counts("sessions").added());
            SyncTest.assertSessionsMatch(fixture.organisation().sessions(), fixture.db);
        }
    }

    @Test
    void aTwoHundredThatIsNeverValidJsonFailsCleanly() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(4, 3, 100))) {
            fixture.api.faults().add("sessions@1x10=truncated");
            Failure failure = assertThrows(Failure.class, fixture::sync);
            assertTrue(failure.getMessage().contains("not valid JSON"), failure.getMessage());
        }
    }

    @Test
    void aRepeatingContinuationTokenStopsTheRunInsteadOfLoopingForever() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(4, 3, 300))) {
            fixture.api.faults().add("sessions@3=repeat-token");
            Failure failure = assertThrows(Failure.class, fixture::sync);
            assertTrue(failure.getMessage().contains("sent a continuation token it had sent before"), failure.getMessage());
            assertTrue(fixture.api.requestCount("sessions") < 10);
        }
    }

    @Test
    void endlessEmptyPagesStopTheRun() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(4, 3, 300))) {
            fixture.api.faults().add("sessions@2=endless");
            Failure failure = assertThrows(Failure.class, fixture::sync);
            assertTrue(failure.getMessage().contains("empty pages in a row"), failure.getMessage());
            assertEquals(0L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions WHERE deleted_at IS NOT NULL"),
                    "an unfinished pass marks nothing deleted");
        }
    }

    @Test
    void aPageLimitStopsARunawayPass() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(4, 3, 300))) {
            Failure failure = assertThrows(Failure.class, () -> fixture.sync(fixture.options().withLimits(new Pager.Limits(3, 100))));
            assertTrue(failure.getMessage().contains("still paging after 3 pages"), failure.getMessage());
        }
    }

    @Test
    void aRefusedTokenIsAnAuthenticationFailureAndWritesNoData() {
        try (SyncFixture fixture = SyncFixture.start(dir, FakeOrganisation.generate(4, 3, 30))) {
            SyncOptions wrongToken = SyncOptions.of(TestDb.at(fixture.db), ApiUrl.parse(fixture.api.baseUrl().toString(), "t"),
                    Credentials.fixed("not-the-token"));
            Failure failure = assertThrows(Failure.class, () -> fixture.sync(wrongToken));
            assertEquals(Failure.AUTH, failure.exitCode());
            assertEquals(0L, TestDb.count(fixture.db, "SELECT COUNT(*) FROM sessions"));
            assertEquals("failed", TestDb.value(fixture.db, String.class, "SELECT status FROM sync_runs"));
        }
    }
}
