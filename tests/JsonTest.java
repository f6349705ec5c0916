package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import valor.base.Json;

class JsonTest {
    @Test
    void contentHashIgnoresKeyOrderButNotValues() throws Exception {
        long a = Json.contentHash(Json.parse("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":null}}"));
        long b = Json.contentHash(Json.parse("{\"b\":{\"y\":null,\"x\":[1,2]},\"a\":1}"));
        long c = Json.contentHash(Json.parse("{\"b\":{\"y\":null,\"x\":[2,1]},\"a\":1}"));
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(hash("{\"a\":1,\"b\":2}"), hash("{\"a\":2,\"b\":1}"), "values swapped between keys");
        assertNotEquals(hash("{\"a\":\"1\"}"), hash("{\"a\":1}"), "a string is not a number");
        assertNotEquals(hash("{\"a\":null}"), hash("{\"a\":\"null\"}"));
        assertNotEquals(hash("{\"a\":{\"b\":1}}"), hash("{\"a\":1,\"b\":1}"), "nesting counts");
        assertNotEquals(hash("{\"Duration\":93.4}"), hash("{\"Duration\":93.5}"));
    }

    private static long hash(String json) throws Exception {
        return Json.contentHash(Json.parse(json));
    }

    @Test
    void quoteJsonEncodesContinuationTokens() {
        assertEquals("\"\"", Json.quote(""));
        assertEquals("\"{\\\"pos\\\":3}\"", Json.quote("{\"pos\":3}"));
    }
}
