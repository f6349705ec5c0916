package valor.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JSON object from the API, read without trusting its key spelling: "SessionID",
 * "sessionId", "session_id" and "Session ID" all find the same field, because the API's exact
 * keys are not published.
 */
public final class TolerantRecord {
    /** Records repeat the same few keys a million times; normalise each spelling once. */
    private static final Map<String, String> NORMALISED = new ConcurrentHashMap<>();
    private static final int NORMALISED_LIMIT = 10_000;

    private final JsonNode node;

    public TolerantRecord(JsonNode node) {
        this.node = node;
    }

    /** Lower case, letters and digits only. */
    public static String normalise(String key) {
        String known = NORMALISED.get(key);
        if (known != null) return known;
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) out.append(Character.toLowerCase(c));
        }
        String normalised = out.toString();
        if (NORMALISED.size() < NORMALISED_LIMIT) NORMALISED.put(key, normalised); // a hostile API cannot grow it forever
        return normalised;
    }

    public JsonNode node() {
        return node;
    }

    /**
     * The field whose normalised key comes first in {@code names} (normalised, most specific
     * first), or null when none is present. If two keys normalise the same, the first one wins.
     */
    public Map.Entry<String, JsonNode> find(List<String> names) {
        Map.Entry<String, JsonNode> best = null;
        int bestRank = names.size();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            int rank = names.indexOf(normalise(field.getKey()));
            if (rank >= 0 && rank < bestRank) {
                best = field;
                bestRank = rank;
                if (rank == 0) break;
            }
        }
        return best;
    }
}
