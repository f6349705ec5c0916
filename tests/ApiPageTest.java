package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import valor.api.ApiPage;
import valor.base.Json;

class ApiPageTest {
    @Test
    void bodyAsAJsonEncodedStringIsDecodedAndTheTokenReEncoded() throws Exception {
        ApiPage page = ApiPage.parse(Json.parse("""
                {"statusCode": 200, "X-Continuation-Token": "{\\"pos\\":2}", "body": "[{\\"SessionID\\":\\"a\\"},{\\"SessionID\\":\\"b\\"}]"}"""), "sessions");
        assertEquals(2, page.items().size());
        assertEquals("\"{\\\"pos\\\":2}\"", page.nextToken());
    }

    @Test
    void bodyAsAnArrayIsReadToo() throws Exception {
        ApiPage page = ApiPage.parse(Json.parse("{\"X-Continuation-Token\": \"t1\", \"body\": [{\"id\": 1}]}"), "sessions");
        assertEquals(1, page.items().size());
        assertEquals("\"t1\"", page.nextToken());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"X-Continuation-Token\": null,", "\"X-Continuation-Token\": \"null\",", "\"X-Continuation-Token\": \"\",", ""})
    void everyFormOfNoMorePagesEndsTheWalk(String tokenField) throws Exception {
        ApiPage page = ApiPage.parse(Json.parse("{\"statusCode\": 200, " + tokenField + " \"body\": \"[]\"}"), "sessions");
        assertTrue(page.isLast());
        assertTrue(page.items().isEmpty());
    }

    @Test
    void aStructuredTokenGoesBackAsItsJson() throws Exception {
        ApiPage page = ApiPage.parse(Json.parse("{\"X-Continuation-Token\": {\"pk\": \"x\"}, \"body\": []}"), "sessions");
        assertEquals("{\"pk\":\"x\"}", page.nextToken());
    }

    @Test
    void aBodyStringThatIsNotJsonIsMalformedAndWorthARetry() {
        assertThrows(ApiPage.Malformed.class, () -> ApiPage.parse(Json.parse("{\"body\": \"[{\\\"a\\\": 1\"}"), "sessions"));
    }

    @Test
    void aBareArrayIsOneLastPage() throws Exception {
        ApiPage page = ApiPage.parse(Json.parse("[{\"id\": 1}, {\"id\": 2}]"), "athletes");
        assertEquals(2, page.items().size());
        assertNull(page.nextToken());
    }
}
