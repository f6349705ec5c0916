package valor.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * <p>The usual envelope is read in one scan of the response's bytes, without a JSON tree: a body
 * sent as a string is unescaped into a buffer once, and the records are ranges of it
 * ({@link ApiRecords}). Any other shape (a body that is an object, a token inside it, an envelope
 * that is a bare array...) is read as a tree, as tolerantly as before.
 *
 * @param records   the records, as the API sent them
 * @param nextToken the X-Continuation-Token header to send for the next page (already
 *                  JSON-encoded), or null when this was the last page
 */
public record ApiPage(ApiRecords records, String nextToken) {
    private static final List<String> BODY_KEYS = List.of("body");
    private static final List<String> STATUS_KEYS = List.of("statuscode");
    private static final List<String> TOKEN_KEYS =
            List.of("xcontinuationtoken", "continuationtoken", "nexttoken", "lastevaluatedkey");
    private static final List<String> LIST_KEYS = List.of("items", "data", "records", "results");

    public static final String FIRST_TOKEN = Json.quote("");
    public static final ApiPage EMPTY_LAST = new ApiPage(ApiRecords.NONE, null);

    public boolean isLast() {
        return nextToken == null;
    }

    public int size() {
        return records.size();
    }

    /** The records as JSON trees: for tests and small endpoints; a sync reads {@link #records} instead. */
    public List<JsonNode> items() {
        List<JsonNode> items = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) items.add(records.node(i));
        return items;
    }

    /** Thrown for a 200 whose content is not what a page looks like; the request is worth retrying. */
    public static final class Malformed extends Exception {
        private final boolean notJson;

        Malformed(String message) {
            this(message, false);
        }

        Malformed(String message, boolean notJson) {
            super(message);
            this.notJson = notJson;
        }

        /** Whether the response was not JSON at all (rather than JSON of another shape). */
        public boolean notJson() {
            return notJson;
        }
    }

    /**
     * A response read as a page, and the status its envelope claims (API Gateway puts 5xx inside a
     * 200); 0 when it claims none. An envelope that claims an error has no page.
     */
    record Envelope(ApiPage page, int status) {
        static Envelope failed(int status) {
            return status != 0 && (status < 200 || status >= 300) ? new Envelope(null, status) : null;
        }
    }

    /** Reads a page from a response's bytes (tests: from its text). */
    public static ApiPage parse(String response, String endpoint) throws Malformed {
        return read(response.getBytes(StandardCharsets.UTF_8), endpoint).page();
    }

    static Envelope read(byte[] response, String endpoint) throws Malformed {
        try {
            Envelope scanned = scan(response);
            return scanned != null ? scanned : fromTree(Json.MAPPER.readTree(response), endpoint);
        } catch (JsonProcessingException e) {
            throw new Malformed("not valid JSON (" + e.getOriginalMessage() + ")", true);
        } catch (IOException e) { // reading from a byte array: only ever a parse error
            throw new Malformed("not valid JSON (" + e.getMessage() + ")", true);
        }
    }

    /** The usual envelope in one scan; null for a shape only the tree reading takes. */
    private static Envelope scan(byte[] response) throws IOException, Malformed {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(response)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return null;
            int bodyStart = -1;
            JsonToken body = null;
            boolean statusSeen = false;
            int status = 0;
            String tokenKey = null;
            int tokenRank = TOKEN_KEYS.size();
            String token = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String normalised = TolerantRecord.normalise(key);
                JsonToken value = parser.nextToken();
                int rank;
                if (BODY_KEYS.contains(normalised)) {
                    if (body != null) return null; // two bodies: the tree reading decides which one counts
                    body = value;
                    bodyStart = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                } else if ((rank = TOKEN_KEYS.indexOf(normalised)) >= 0) {
                    // Of two fields of one spelling the tree keeps the last value; of two spellings, the first.
                    if (rank < tokenRank || (rank == tokenRank && key.equals(tokenKey))) {
                        tokenRank = rank;
                        tokenKey = key;
                        token = token(parser, value);
                    } else {
                        parser.skipChildren();
                    }
                } else if (STATUS_KEYS.contains(normalised)) {
                    if (statusSeen) return null;
                    statusSeen = true;
                    if (value.isNumeric()) {
                        if (parser.getNumberType() != JsonParser.NumberType.INT) return null;
                        int inner = parser.getIntValue();
                        status = inner >= 100 && inner < 600 ? inner : 0;
                    }
                    parser.skipChildren();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) throw new Malformed("text after the JSON object", true);
            if (Envelope.failed(status) != null) return Envelope.failed(status);
            if (body == JsonToken.VALUE_NULL) return new Envelope(new ApiPage(ApiRecords.NONE, token), status);
            if (body == JsonToken.START_ARRAY) return new Envelope(new ApiPage(elements(response, bodyStart), token), status);
            if (body != JsonToken.VALUE_STRING) return null;
            byte[] text = JsonStrings.unescape(response, bodyStart);
            if (text == null) return null; // an escape the tree reads more carefully (a lone surrogate)
            int first = JsonStrings.skipWhitespace(text, 0);
            if (first == text.length) return new Envelope(new ApiPage(ApiRecords.NONE, token), status);
            if (text[first] != '[') return null;
            try {
                return new Envelope(new ApiPage(elements(text, first), token), status);
            } catch (JsonProcessingException e) {
                throw new Malformed("its body string is not valid JSON (" + e.getOriginalMessage() + ")");
            }
        }
    }

    /** The elements of the array that starts at {@code from}, as ranges; fails unless the array is all that follows. */
    private static ApiRecords elements(byte[] bytes, int from) throws IOException {
        ApiRecords.Builder records = new ApiRecords.Builder(bytes, from);
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes, from, bytes.length - from)) {
            parser.nextToken();
            for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                int start = from + (int) parser.currentTokenLocation().getByteOffset();
                if (element.isScalarValue()) parser.finishToken();
                else parser.skipChildren();
                records.add(start, JsonStrings.trimValueEnd(bytes, start, from + (int) parser.currentLocation().getByteOffset()));
            }
            int end = from + (int) parser.currentLocation().getByteOffset();
            return records.build(end);
        }
    }

    private static String token(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) return null;
        if (value == JsonToken.VALUE_STRING) return tokenText(parser.getText());
        return parser.readValueAsTree().toString(); // a structured token goes back as its JSON, as json.dumps would send it
    }

    private static String tokenText(String text) {
        return text.isEmpty() || text.equals("null") ? null : Json.quote(text);
    }

    // ---- the tree reading: every other shape ----

    private static Envelope fromTree(JsonNode envelope, String endpoint) throws Malformed {
        if (envelope.isArray()) return new Envelope(new ApiPage(records(list(envelope)), null), 0);
        if (!envelope.isObject()) throw new Malformed("expected a JSON object, got " + envelope.getNodeType());
        TolerantRecord outer = new TolerantRecord(envelope);
        Map.Entry<String, JsonNode> statusField = outer.find(STATUS_KEYS);
        int inner = statusField != null && statusField.getValue().canConvertToInt() ? statusField.getValue().asInt() : 0;
        int status = inner >= 100 && inner < 600 ? inner : 0;
        if (Envelope.failed(status) != null) return Envelope.failed(status);
        Map.Entry<String, JsonNode> bodyField = outer.find(BODY_KEYS);
        JsonNode body = bodyField == null ? envelope : decodeIfString(bodyField.getValue());
        String token = token(outer);
        if (token == null && body.isObject() && body != envelope) token = token(new TolerantRecord(body));
        return new Envelope(new ApiPage(records(itemsOf(body, endpoint)), token), status);
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
        if (value.isTextual()) return tokenText(value.asText());
        return value.toString();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        return items;
    }

    /** Records read as trees, written back as JSON into one array. */
    private static ApiRecords records(List<JsonNode> items) {
        if (items.isEmpty()) return ApiRecords.NONE;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<int[]> ranges = new ArrayList<>(items.size());
        out.write('[');
        for (JsonNode item : items) {
            if (!ranges.isEmpty()) out.write(',');
            byte[] bytes = Json.write(item).getBytes(StandardCharsets.UTF_8);
            ranges.add(new int[] {out.size(), out.size() + bytes.length});
            out.writeBytes(bytes);
        }
        out.write(']');
        byte[] bytes = out.toByteArray();
        ApiRecords.Builder records = new ApiRecords.Builder(bytes, 0);
        for (int[] range : ranges) records.add(range[0], range[1]);
        return records.build(bytes.length);
    }
}
