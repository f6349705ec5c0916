//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.fake;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import valor.base.Json;
import valor.fake.FakeValorApi.Call;
import valor.fake.FakeValorApi.Reply;

/**
 * The paging protocol every list endpoint of the Valor API shares: a required, JSON-encoded
 * {@code X-Continuation-Token} header ({@code ""} first), a {@code limit} query parameter, and the
 * envelope {@code {"statusCode":200,"X-Continuation-Token":...,"body":...}} with the next token
 * in the body. Tokens contain double quotes on purpose, so a client that forgets to JSON-encode
 * the token it sends back gets a 400 instead of silently working.
 */
public final class FakePagedEndpoint<T> implements FakeValorApi.Endpoint {
    static final int DEFAULT_LIMIT = 100;
    static final String TOKEN_FIELD = "X-Continuation-Token";
    private static final Pattern TOKEN = Pattern.compile("\\{\"pos\":(\\d{1,18}),\"of\":\"([A-Za-z]+)\",\"v\":1\\}");

    @FunctionalInterface
    interface RecordWriter<T> {
        void write(FakeShape shape, JsonGenerator json, T item) throws IOException;
    }

    private final String name;
    private final Function<Call, FakeOrganisation.Scan<T>> scanFor;
    private final RecordWriter<T> writer;
    private final String emptyMessage;
    private final AtomicLong endlessPages = new AtomicLong();
    private final Function<Call, Predicate<T>> keepAfterRead;

    /** {@code emptyMessage}: the 404 message when the first page finds nothing and is the last; null when an empty list is fine. */
    FakePagedEndpoint(String name, Function<Call, FakeOrganisation.Scan<T>> scanFor, RecordWriter<T> writer, String emptyMessage) {
        this(name, scanFor, call -> null, writer, emptyMessage);
    }

    /**
     * An endpoint that filters each page after reading it, as DynamoDB's FilterExpression does:
     * {@code limit} records are read and only those the call's {@code keepAfterRead} predicate
     * keeps are sent (a null predicate keeps them all), so a page may come short or empty and
     * still carry a token ({@link FakeValorApi.AthleteFilter#SCAN}).
     */
    FakePagedEndpoint(String name, Function<Call, FakeOrganisation.Scan<T>> scanFor, Function<Call, Predicate<T>> keepAfterRead,
                      RecordWriter<T> writer, String emptyMessage) {
        this.name = name;
        this.scanFor = scanFor;
        this.keepAfterRead = keepAfterRead;
        this.writer = writer;
        this.emptyMessage = emptyMessage;
    }

    /** The token that resumes this endpoint's scan at a position. */
    public static String token(String endpoint, long position) {
        return "{\"pos\":" + position + ",\"of\":\"" + endpoint + "\",\"v\":1}";
    }

    @Override
    public Reply handle(Call call) throws IOException {
        String header = call.continuationToken();
        if (header == null) {
            return Reply.message(400, "Missing X-Continuation-Token header: send \"\" (an empty string, JSON-encoded) on the first request");
        }
        String token = decode(header);
        if (token == null) {
            return Reply.message(400, "X-Continuation-Token must be a JSON-encoded string, e.g. \"\" or the previous token JSON-encoded");
        }
        String limitText = call.query("limit");
        int limit;
        try {
            limit = limitText == null || limitText.isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(limitText.trim());
        } catch (NumberFormatException notANumber) {
            return Reply.message(400, "limit must be a number, not '" + limitText + "'");
        }
        if (limit < 1) return Reply.message(400, "limit must be at least 1, not " + limit);
        long start = 0;
        if (!token.isEmpty()) {
            Matcher m = TOKEN.matcher(token);
            if (!m.matches() || !m.group(2).equals(name)) return Reply.message(400, "Invalid continuation token");
            start = Long.parseLong(m.group(1));
        }

        FakeOrganisation.Scan<T> scan = scanFor.apply(call);
        long size = scan.size();
        if (call.modes().contains(FakeFaults.Kind.ENDLESS)) {
            return envelope(call.shape(), token(name, size + endlessPages.incrementAndGet()), List.of());
        }
        Predicate<T> keep = keepAfterRead.apply(call);
        List<T> page = new ArrayList<>(Math.min(limit, 1024));
        long position = start;
        for (int read = 0; position < size && read < limit; ) {
            T item = scan.at(position++);
            if (item == null) continue;
            read++;
            if (keep == null || keep.test(item)) page.add(item);
        }
        // Skip ahead to the next visible record, so that the last page says so instead of
        // leaving the client one empty page to fetch.
        while (position < size && scan.at(position) == null) position++;
        String next = position < size ? token(name, position) : null;
        if (page.isEmpty() && token.isEmpty() && next == null && emptyMessage != null) return Reply.message(404, emptyMessage);
        if (call.modes().contains(FakeFaults.Kind.REPEAT_TOKEN)) next = token;
        return envelope(call.shape(), next, page);
    }

    /** The header's string value, or null when it is not a JSON-encoded string. */
    private static String decode(String header) {
        try {
            JsonNode node = Json.parse(header);
            return node != null && node.isTextual() ? node.textValue() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private Reply envelope(FakeShape shape, String next, List<T> page) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + page.size() * 400);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", 200);
            if (next != null) json.writeStringField(TOKEN_FIELD, next);
            else shape.writeLastToken(json, TOKEN_FIELD);
            json.writeFieldName("body");
            if (shape.body() == FakeShape.Body.STRING) {
                byte[] array = arrayBytes(shape, page);
                byte[] escaped = escapeForJsonString(array);
                json.writeRawUTF8String(escaped, 0, escaped.length);
            } else {
                writeArray(shape, json, page);
            }
            json.writeEndObject();
        }
        return new Reply(200, bytes.toByteArray(), Map.of());
    }

    private byte[] arrayBytes(FakeShape shape, List<T> page) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + page.size() * 400);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            writeArray(shape, json, page);
        }
        return bytes.toByteArray();
    }

    /**
     * The body of a JSON string holding valid UTF-8 JSON text: only quotes and backslashes need a
     * backslash, because the JSON generator already escaped every control character. Doing this
     * on bytes is several times faster than a generator's writeString of the same text, which
     * matters at a thousand pages of a thousand sessions.
     */
    static byte[] escapeForJsonString(byte[] json) {
        int extra = 0;
        for (byte b : json) if (b == '"' || b == '\\') extra++;
        byte[] out = new byte[json.length + extra];
        int at = 0;
        for (byte b : json) {
            if (b == '"' || b == '\\') out[at++] = '\\';
            out[at++] = b;
        }
        return out;
    }

    private void writeArray(FakeShape shape, JsonGenerator json, List<T> page) throws IOException {
        json.writeStartArray();
        for (T item : page) writer.write(shape, json, item);
        json.writeEndArray();
    }
}
