package valor.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import valor.base.Json;

/**
 * The records of one page exactly as the API sent them: UTF-8 JSON text in one buffer, each record
 * a range of it. Reading a page costs one scan of its bytes: a record is turned into a JSON tree
 * ({@link #node}) or a String ({@link #text}) only when the caller needs it, which a sync needs for
 * records that changed, not for the ones it has already stored. The records are the elements of
 * one JSON array in the buffer, so one parser walks them all ({@link #texts}).
 */
public final class ApiRecords {
    public static final ApiRecords NONE = new ApiRecords("[]".getBytes(StandardCharsets.US_ASCII), 0, 2, new int[0], new int[0], 0);

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    /** The range of the array the records are the elements of. */
    private final int arrayStart;
    private final int arrayEnd;
    private final int[] starts;
    private final int[] ends;
    private final int size;

    ApiRecords(byte[] bytes, int arrayStart, int arrayEnd, int[] starts, int[] ends, int size) {
        this.bytes = bytes;
        this.arrayStart = arrayStart;
        this.arrayEnd = arrayEnd;
        this.starts = starts;
        this.ends = ends;
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The buffer the records are ranges of; {@link #start} and {@link #end} give a record's range. */
    public byte[] bytes() {
        return bytes;
    }

    public int start(int record) {
        return starts[record];
    }

    public int end(int record) {
        return ends[record];
    }

    /** Whether the record is a JSON object (an API record), not a stray number, string or array. */
    public boolean isObject(int record) {
        return bytes[starts[record]] == '{';
    }

    /** The record as the API sent it. */
    public String text(int record) {
        return new String(bytes, starts[record], ends[record] - starts[record], StandardCharsets.UTF_8);
    }

    /** The record as a JSON tree. */
    public JsonNode node(int record) {
        try {
            return Json.MAPPER.readTree(bytes, starts[record], ends[record] - starts[record]);
        } catch (IOException e) { // the page was scanned as valid JSON already
            throw new IllegalStateException("record " + record + " is not valid JSON", e);
        }
    }

    /**
     * For every record, the text of its field that {@link TolerantRecord#find} would choose among
     * {@code keys} (normalised, most specific first) read as {@link TolerantValues#text} reads it;
     * null where a record has none, or is not an object. One pass over the page, no JSON tree:
     * what a sync needs of a record it may already have stored, its id, and nothing else.
     */
    public String[] texts(List<String> keys) {
        String[] texts = new String[size];
        Map<String, Integer> ranks = new HashMap<>(); // the same few spellings, page after page
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes, arrayStart, arrayEnd - arrayStart)) {
            parser.nextToken(); // the array
            for (int record = 0; record < size; record++) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                int bestRank = keys.size();
                String bestKey = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int rank = ranks.computeIfAbsent(key, k -> keys.indexOf(TolerantRecord.normalise(k)));
                    JsonToken value = parser.nextToken();
                    // Of two fields of one spelling, the tree keeps the last value: so does this.
                    if (rank >= 0 && (rank < bestRank || (rank == bestRank && key.equals(bestKey)))) {
                        bestRank = rank;
                        bestKey = key;
                        texts[record] = text(parser, value);
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (IOException e) { // the page was scanned as valid JSON already
            throw new IllegalStateException("a page's records are not valid JSON", e);
        }
        return texts;
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            String text = parser.getText().trim();
            return text.isEmpty() ? null : text;
        }
        try {
            return TolerantValues.text(parser.readValueAsTree()); // numbers and booleans as the tree writes them
        } catch (TolerantValues.Unreadable container) {
            return null;
        }
    }

    /**
     * A 64-bit hash of the record's bytes: equal bytes, equal hash. Whether an API sends an
     * unchanged record as the same bytes each time is its own affair; where it does, this decides
     * "unchanged" without reading the record at all.
     */
    public long hash(int record) {
        int at = starts[record];
        int end = ends[record];
        long hash = 0x27D4EB2F165667C5L + (end - at);
        for (; at + 8 <= end; at += 8) hash = Long.rotateLeft(hash + (long) LONGS.get(bytes, at) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B185EBCA87L;
        long tail = 0;
        for (int shift = 0; at < end; at++, shift += 8) tail |= (bytes[at] & 0xFFL) << shift;
        return Json.mix(hash ^ tail * 0x9E3779B185EBCA87L); // xxHash64's per-word step, one lane
    }

    /** Collects the ranges of the elements of one array in a buffer as a page is scanned. */
    static final class Builder {
        private final byte[] bytes;
        private final int arrayStart;
        private int[] starts = new int[64];
        private int[] ends = new int[64];
        private int size;

        Builder(byte[] bytes, int arrayStart) {
            this.bytes = bytes;
            this.arrayStart = arrayStart;
        }

        void add(int start, int end) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size++] = end;
        }

        ApiRecords build(int arrayEnd) {
            return size == 0 ? NONE : new ApiRecords(bytes, arrayStart, arrayEnd, starts, ends, size);
        }
    }
}
