package valor.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import valor.api.ApiClient;
import valor.api.ApiPage;
import valor.api.ApiStatusException;

/**
 * How the API pages one athlete's sessions ({@code athleteID}), which nothing published says
 * (valor-api.md): from an index, where an athlete's pages are full and their pass as short as their
 * sessions; or by filtering a page of the whole organisation after reading it (as DynamoDB's
 * FilterExpression does), where pages come short or empty with more to come and every athlete's pass
 * takes as many requests as one pass over everyone: partitions would multiply the requests by the
 * number of athletes. The planner asks once, before the first run it would partition, and goes by
 * the answer after ({@link SessionPlan}); a partitioned run that turns out slower than one pass still
 * stops partitions, whatever the cause.
 */
final class AthletePages {
    /** Asks the API whether it filters one athlete's pages after reading: true or false, or null when it cannot tell. */
    @FunctionalInterface
    interface Probe {
        Boolean filtered(String athlete);
    }

    private AthletePages() {}

    /**
     * The first page of one athlete's sessions: a page shorter than asked for that carries a token is
     * filtered after reading; a full page, or the athlete's last, is an index's. Ask for an athlete
     * with few sessions (a filtered page then holds almost none); one without any answers 404, which
     * tells nothing.
     */
    static Probe asking(ApiClient api, int pageSize) {
        return athlete -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", Integer.toString(pageSize));
            query.put("athleteID", athlete);
            try {
                ApiPage page = api.page("sessions", query, ApiPage.FIRST_TOKEN);
                return !page.isLast() && page.size() < pageSize;
            } catch (ApiStatusException e) {
                if (e.status() == 404) return null;
                throw e;
            }
        };
    }

    /** What the last run that asked found; null when none has. */
    static Boolean known(Handle handle) {
        return handle.createQuery("SELECT athlete_pages_filtered FROM sync_runs WHERE athlete_pages_filtered IS NOT NULL"
                + " ORDER BY run_id DESC LIMIT 1").mapTo(Boolean.class).findOne().orElse(null);
    }

    static void record(Handle handle, long runId, boolean filtered) {
        handle.execute("UPDATE sync_runs SET athlete_pages_filtered = ? WHERE run_id = ?", filtered, runId);
    }
}
