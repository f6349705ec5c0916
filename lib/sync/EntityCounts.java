package valor.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a run did to one entity's rows. */
public final class EntityCounts {
    long added;
    long updated;
    long unchanged;
    long deleted;
    long rejected;

    public long added() {
        return added;
    }

    public long updated() {
        return updated;
    }

    public long unchanged() {
        return unchanged;
    }

    public long deleted() {
        return deleted;
    }

    public long rejected() {
        return rejected;
    }

    public long seen() {
        return added + updated + unchanged;
    }

    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("added", added);
        map.put("updated", updated);
        map.put("unchanged", unchanged);
        map.put("deleted", deleted);
        map.put("rejected", rejected);
        return map;
    }
}
