package valor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object from the API, read without trusting its key spelling: "SessionID",
 * "sessionId", "session_id" and "Session ID" all find the same field, because the API's exact
 * keys are not published.
 */
public final class TolerantRecord {
    private final JsonNode node;
    private final Map<String, Map.Entry<String, JsonNode>> fields = new HashMap<>();

    public TolerantRecord(JsonNode node) {
        this.node = node;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            fields.putIfAbsent(normalise(field.getKey()), field);
        }
    }

    /** Lower case, letters and digits only. */
    public static String normalise(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    public JsonNode node() {
        return node;
    }

    /** The first of the given names (in normalised form, most specific first) that is present, or null. */
    public Map.Entry<String, JsonNode> find(List<String> names) {
        for (String name : names) {
            Map.Entry<String, JsonNode> field = fields.get(name);
            if (field != null) return field;
        }
        return null;
    }
}
