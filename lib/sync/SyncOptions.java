package valor.sync;

import java.time.Duration;
import java.util.List;
import valor.api.ApiUrl;
import valor.api.Credentials;
import valor.api.Pager;
import valor.api.RetryPolicy;
import valor.sessiondata.SessionDataOptions;
import valor.store.DatabaseLocation;

/**
 * Everything a sync needs to know, already checked.
 *
 * @param athletes empty for the whole organisation, else the only athletes to sync
 * @param restart  ignore saved checkpoints and page every endpoint from the start
 * @param sessionData per-session data (reports, IK) to fetch after the sessions
 * @param partitioning how /sessions may be paged as one pass per athlete, several at a time
 */
public record SyncOptions(DatabaseLocation database, ApiUrl api, Credentials credentials, List<String> athletes,
                          int pageSize, RetryPolicy retry, Duration timeout, Pager.Limits limits, boolean restart,
                          SessionDataOptions sessionData, Partitioning partitioning) {
    public static final int DEFAULT_PAGE_SIZE = 1000;

    public static SyncOptions of(DatabaseLocation database, ApiUrl api, Credentials credentials) {
        return new SyncOptions(database, api, credentials, List.of(), DEFAULT_PAGE_SIZE, RetryPolicy.DEFAULT,
                Duration.ofSeconds(60), Pager.Limits.DEFAULT, false, SessionDataOptions.NONE,
                Partitioning.DEFAULT);
    }

    public SyncOptions withAthletes(List<String> ids) {
        return new SyncOptions(database, api, credentials, List.copyOf(ids), pageSize, retry, timeout, limits, restart, sessionData, partitioning);
    }

    public SyncOptions withPageSize(int size) {
        return new SyncOptions(database, api, credentials, athletes, size, retry, timeout, limits, restart, sessionData, partitioning);
    }

    public SyncOptions withRetry(RetryPolicy policy, Duration requestTimeout) {
        return new SyncOptions(database, api, credentials, athletes, pageSize, policy, requestTimeout, limits, restart, sessionData, partitioning);
    }

    public SyncOptions withLimits(Pager.Limits pagerLimits) {
        return new SyncOptions(database, api, credentials, athletes, pageSize, retry, timeout, pagerLimits, restart, sessionData, partitioning);
    }

    public SyncOptions withRestart(boolean startOver) {
        return new SyncOptions(database, api, credentials, athletes, pageSize, retry, timeout, limits, startOver, sessionData, partitioning);
    }

    public SyncOptions withSessionData(SessionDataOptions options) {
        return new SyncOptions(database, api, credentials, athletes, pageSize, retry, timeout, limits, restart, options, partitioning);
    }

    public SyncOptions withPartitioning(Partitioning how) {
        return new SyncOptions(database, api, credentials, athletes, pageSize, retry, timeout, limits, restart, sessionData, how);
    }

    public boolean filtered() {
        return !athletes.isEmpty();
    }
}
