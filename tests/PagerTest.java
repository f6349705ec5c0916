package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import valor.api.ApiClient;
import valor.api.ApiPage;
import valor.api.ApiUrl;
import valor.api.Credentials;
import valor.api.Pager;
import valor.api.RetryPolicy;
import valor.base.Log;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;

/**
 * The pager keeps requests in flight while the caller stores: two pages ahead of it, so waiting for
 * the API overlaps preparing and storing, and never more, so a slow store (a first sync) does not
 * pile pages up in memory; only before the caller takes its first page (it is reading what the
 * store holds) does it fetch further, up to a budget of bytes.
 */
class PagerTest {
    private static final String TOKEN = "pager-test-token";

    @Test
    void whileTheCallerStoresAPageTheNextTwoAreFetchedAndNoMore() throws Exception {
        try (FakeValorApi fake = FakeValorApi.builder().organisation(FakeOrganisation.generate(7, 3, 40)).token(TOKEN).start();
             Pager<Integer> pager = new Pager<>(client(fake), "sessions", Map.of("limit", "5"), ApiPage.FIRST_TOKEN, 0,
                     Pager.Limits.DEFAULT, true, ApiPage::size, null, 0)) {
            Pager.Fetched<Integer> first = pager.next();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (fake.requestCount("sessions") < 3 && System.nanoTime() < deadline) Thread.sleep(10);
            Thread.sleep(300); // the caller is still "storing" the first page: time enough for the pager to run further
            assertEquals(3, fake.requestCount("sessions"), "the first page, and two ahead of the caller");

            int records = first.records();
            int pages = 1;
            for (Pager.Fetched<Integer> page = pager.next(); page != null; page = pager.next()) {
                assertEquals(pages + 1, page.pageNo(), "in order");
                records += page.page();
                pages++;
            }
            assertEquals(40, records);
            assertEquals(8, pages);
            assertTrue(fake.requestCount("sessions") == 8, "nothing fetched past the last page: " + fake.requests("sessions"));
        }
    }

    @Test
    void untilTheCallerTakesAPageTheHeadStartFetchesUpToItsBytesThenTwoAhead() throws Exception {
        try (FakeValorApi fake = FakeValorApi.builder().organisation(FakeOrganisation.generate(7, 3, 100)).token(TOKEN).start()) {
            ApiClient api = client(fake);
            long pageBytes = api.page("sessions", Map.of("limit", "5"), ApiPage.FIRST_TOKEN).records().bytes().length;
            long before = fake.requestCount("sessions");
            try (Pager<Integer> pager = new Pager<>(api, "sessions", Map.of("limit", "5"), ApiPage.FIRST_TOKEN, 0,
                    Pager.Limits.DEFAULT, true, ApiPage::size, null, 6 * pageBytes)) {
                int headStart = (int) settled(fake, before);
                assertTrue(headStart > 3 && headStart < 12, "beyond two pages while the caller gets ready, up to about 6 pages' bytes: "
                        + headStart + " of 20");

                for (int taken = 1; taken <= headStart; taken++) assertEquals(taken, pager.next().pageNo());
                assertEquals(headStart + 2, settled(fake, before), "once the caller catches up, two ahead of it again");

                int records = 5 * headStart;
                for (Pager.Fetched<Integer> page = pager.next(); page != null; page = pager.next()) records += page.page();
                assertEquals(100, records);
            }
        }
    }

    /** The pager's requests once it has stopped fetching (it waits for the caller). */
    private static long settled(FakeValorApi fake, long before) throws InterruptedException {
        long seen = -1;
        for (long now = fake.requestCount("sessions"); now != seen; now = fake.requestCount("sessions")) {
            seen = now;
            Thread.sleep(300);
        }
        return seen - before;
    }

    private static ApiClient client(FakeValorApi fake) {
        RetryPolicy fast = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1));
        return new ApiClient(ApiUrl.parse(fake.baseUrl().toString(), "test"), Credentials.fixed(TOKEN), fast, Duration.ofSeconds(5),
                Log.silent(TestIo.capture().io()));
    }
}
