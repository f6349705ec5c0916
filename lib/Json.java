//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
     * reorders fields between calls does not make unchanged records look changed.
     */
    public static long contentHash(JsonNode node) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(canonical(node).getBytes(StandardCharsets.UTF_8));
            byte[] bytes = digest.digest();
            long hash = 0;
            for (int i = 0; i < 8; i++) hash = (hash << 8) | (bytes[i] & 0xff);
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(JsonNode node) {
        if (!node.isObject() && !node.isArray()) return node.toString();
        StringBuilder out = new StringBuilder();
        if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) out.append(i == 0 ? "" : ",").append(canonical(node.get(i)));
            return out.append(']').toString();
        }
        List<String> keys = new ArrayList<>();
        ((ObjectNode) node).fieldNames().forEachRemaining(keys::add);
        Collections.sort(keys);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quote(keys.get(i))).append(':').append(canonical(node.get(keys.get(i))));
        }
        return out.append('}').toString();
    }
}
