//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.base;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The one ObjectMapper of the toolkit, and the content hash that decides whether a record changed. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** JSON-encodes one string, as the API wants its continuation tokens: {@code ""} for the empty string. */
    public static String quote(String text) {
        return MAPPER.getNodeFactory().textNode(text).toString();
    }

    /**
     * A 64-bit hash of a JSON value that ignores the order of object keys, so an API that
     * reorders fields between calls does not make unchanged records look changed. Object members
     * are combined by addition (order-free, no sorting); arrays in order. It decides "did this
     * record change", so it needs good mixing, not cryptographic strength.
     */
    public static long contentHash(JsonNode node) {
        if (node.isObject()) {
            long sum = 0x9E3779B97F4A7C15L;
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                sum += mix(textHash(member.getKey(), 0x51) * 31 + contentHash(member.getValue()));
            }
            return mix(sum ^ 'o');
        }
        if (node.isArray()) {
            long hash = 'a';
            for (JsonNode element : node) hash = mix(hash * 31 + contentHash(element));
            return hash;
        }
        return mix(textHash(node.asText(), node.getNodeType().ordinal())); // the type seeds it: "1" is not 1, nor "null" null
    }

    private static long textHash(String text, long seed) {
        long hash = seed;
        for (int i = 0; i < text.length(); i++) hash = (hash ^ text.charAt(i)) * 0x100000001B3L; // FNV-1a over chars
        return hash;
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the whole result (the raw bytes' hash ends with it too). */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
