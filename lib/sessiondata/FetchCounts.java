package valor.sessiondata;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a run did for one kind of per-session data (reports, ik). */
public final class FetchCounts {
    /** Sessions whose data was fetched and stored in this run (new, or refetched for a changed s3Key). */
    public long fetched;
    /** Sessions already stored for their current s3Key: no request made. */
    public long skipped;
    /** Sessions whose fetch failed in this run; recorded in session_data_fetches and retried next run. */
    public long failed;

    public long fetched() {
        return fetched;
    }

    public long skipped() {
        return skipped;
    }

    public long failed() {
        return failed;
    }

    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("fetched", fetched);
        map.put("skipped", skipped);
        map.put("failed", failed);
        return map;
    }
}
