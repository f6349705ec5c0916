package valor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import valor.api.ApiUrl;
import valor.api.Credentials;
import valor.api.RetryPolicy;
import valor.base.Log;
import valor.fake.FakeOrganisation;
import valor.fake.FakeValorApi;
import valor.sync.Partitioning;
import valor.sync.Progress;
import valor.sync.Sync;
import valor.sync.SyncOptions;
import valor.sync.SyncReport;

/** A fake API and a fresh store file, and quick ways to sync one into the other in-process. */
final class SyncFixture implements AutoCloseable {
    /** Fast retries: tests exercise the retry paths without waiting out production backoff. */
    static final RetryPolicy FAST_RETRY = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(2));

    final FakeValorApi api;
    /** The store file (H2); null for a store on PostgreSQL. */
    final Path db;
    final TestStore store;

    SyncFixture(FakeValorApi api, TestStore store) {
        this.api = api;
        this.store = store;
        this.db = store.postgres() ? null : Path.of(store.dbArg());
    }

    static SyncFixture start(Path dir, FakeOrganisation organisation) {
        return start(dir, FakeValorApi.builder().organisation(organisation));
    }

    static SyncFixture start(Path dir, FakeValorApi.Builder builder) {
        return start(TestStore.of("h2", dir), builder);
    }

    static SyncFixture start(TestStore store, FakeOrganisation organisation) {
        return start(store, FakeValorApi.builder().organisation(organisation));
    }

    static SyncFixture start(TestStore store, FakeValorApi.Builder builder) {
        return new SyncFixture(builder.start(), store);
    }

    FakeOrganisation organisation() {
        return api.organisation();
    }

    /**
     * One pass over the organisation, so tests can count its pages and requests exactly;
     * ParallelSyncTest and the tests that run the command itself sync with the defaults.
     */
    SyncOptions options() {
        return SyncOptions.of(store.location(), ApiUrl.parse(api.baseUrl().toString(), "test"), Credentials.fixed(api.token()))
                .withPageSize(50).withRetry(FAST_RETRY, Duration.ofSeconds(5))
                .withPartitioning(new Partitioning(1, Partitioning.DEFAULT_FULL_PASS_EVERY));
    }

    SyncReport sync() {
        return sync(options());
    }

    SyncReport sync(SyncOptions options) {
        return new Sync(options, Log.silent(TestIo.capture().io()), Progress.none()).run();
    }

    SyncReport syncAthletes(String... ids) {
        return sync(options().withAthletes(List.of(ids)));
    }

    @Override
    public void close() {
        api.close();
    }
}
