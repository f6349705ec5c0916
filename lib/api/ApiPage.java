package valor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import valor.base.Json;

/**
 * One page of a list endpoint, read from the API's envelope
 * {@code {"statusCode":200, "X-Continuation-Token": ..., "body": ...}} whatever its variant:
 * body as a JSON-encoded string or as an array; the last page's token as JSON null, the string
 * "null", an empty string or no field at all.
 *
 * @param items     the records, as the API sent them
 * @param nextToken the X-Continuation-Token header to send for the next page (already
 *                  JSON-encoded), or null when this was the last page
 */
public record ApiPage(List<JsonNode> items, String nextToken) {
    private static final List<String> BODY_KEYS = List.of("body");
    private static final List<String> TOKEN_KEYS =
            List.of("xcontinuationtoken", "continuationtoken", "nexttoken", "lastevaluatedkey");
    private static final List<String> LIST_KEYS = List.of("items", "data", "records", "results");

    public static final String FIRST_TOKEN = Json.quote("");

    public boolean isLast() {
        return nextToken == null;
    }

    /** Thrown for a 200 whose content is not what a page looks like; the request is worth retrying. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    public static ApiPage parse(JsonNode envelope, String endpoint) throws Malformed {
        if (envelope.isArray()) return new ApiPage(list(envelope), null);
        if (!envelope.isObject()) throw new Malformed("expected a JSON object, got " + envelope.getNodeType());
        TolerantRecord outer = new TolerantRecord(envelope);
        Map.Entry<String, JsonNode> bodyField = outer.find(BODY_KEYS);
        JsonNode body = bodyField == null ? envelope : decodeIfString(bodyField.getValue());
        String token = token(outer);
        if (token == null && body.isObject() && body != envelope) token = token(new TolerantRecord(body));
        return new ApiPage(itemsOf(body, endpoint), token);
    }

    private static JsonNode decodeIfString(JsonNode body) throws Malformed {
        if (!body.isTextual()) return body;
        String text = body.asText().trim();
        if (text.isEmpty()) return Json.MAPPER.createArrayNode();
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new Malformed("its body string is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static List<JsonNode> itemsOf(JsonNode body, String endpoint) throws Malformed {
        if (body.isNull() || body.isMissingNode()) return List.of();
        if (body.isArray()) return list(body);
        if (body.isObject()) {
            TolerantRecord record = new TolerantRecord(body);
            List<String> keys = new ArrayList<>(LIST_KEYS);
            keys.add(0, TolerantRecord.normalise(endpoint));
            Map.Entry<String, JsonNode> named = record.find(keys);
            if (named != null && named.getValue().isArray()) return list(named.getValue());
            for (Iterator<JsonNode> values = body.elements(); values.hasNext(); ) {
                JsonNode value = values.next();
                if (value.isArray()) return list(value);
            }
        }
        throw new Malformed("no list of " + endpoint + " in the response body");
    }

    /** The next token as a header value, or null for every form of "no more pages". */
    private static String token(TolerantRecord record) {
        Map.Entry<String, JsonNode> field = record.find(TOKEN_KEYS);
        if (field == null) return null;
        JsonNode value = field.getValue();
        if (value.isNull() || value.isMissingNode()) return null;
        if (value.isTextual()) {
            String text = value.asText();
            return text.isEmpty() || text.equals("null") ? null : Json.quote(text);
        }
        return value.toString(); // a structured token goes back as its JSON, as json.dumps would send it
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        return items;
    }
}
