package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void contentHashIgnoresKeyOrderButNotValues() throws Exception {
        long a = Json.contentHash(Json.parse("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":null}}"));
        long b = Json.contentHash(Json.parse("{\"b\":{\"y\":null,\"x\":[1,2]},\"a\":1}"));
        long c = Json.contentHash(Json.parse("{\"b\":{\"y\":null,\"x\":[2,1]},\"a\":1}"));
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void quoteJsonEncodesContinuationTokens() {
        assertEquals("\"\"", Json.quote(""));
        assertEquals("\"{\\\"pos\\\":3}\"", Json.quote("{\"pos\":3}"));
    }
}
