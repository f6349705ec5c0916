package valor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.List;
import valor.api.ApiPage;
import valor.api.ApiRecords;
import valor.api.TolerantRecord;
import valor.base.Json;
import valor.sync.Entity;

class ApiPageTest {
    @Test
    void bodyAsAJsonEncodedStringIsDecodedAndTheTokenReEncoded() throws Exception {
        ApiPage page = ApiPage.parse("""
                {"statusCode": 200, "X-Continuation-Token": "{\\"pos\\":2}", "body": "[{\\"SessionID\\":\\"a\\"},{\\"SessionID\\":\\"b\\"}]"}""", "sessions");
        assertEquals(2, page.items().size());
        assertEquals("\"{\\\"pos\\\":2}\"", page.nextToken());
    }

    @Test
    void bodyAsAnArrayIsReadToo() throws Exception {
        ApiPage page = ApiPage.parse("{\"X-Continuation-Token\": \"t1\", \"body\": [{\"id\": 1}]}", "sessions");
        assertEquals(1, page.items().size());
        assertEquals("\"t1\"", page.nextToken());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"X-Continuation-Token\": null,", "\"X-Continuation-Token\": \"null\",", "\"X-Continuation-Token\": \"\",", ""})
    void everyFormOfNoMorePagesEndsTheWalk(String tokenField) throws Exception {
        ApiPage page = ApiPage.parse("{\"statusCode\": 200, " + tokenField + " \"body\": \"[]\"}", "sessions");
        assertTrue(page.isLast());
        assertTrue(page.items().isEmpty());
    }

    @Test
    void aStructuredTokenGoesBackAsItsJson() throws Exception {
        ApiPage page = ApiPage.parse("{\"X-Continuation-Token\": {\"pk\": \"x\"}, \"body\": []}", "sessions");
        assertEquals("{\"pk\":\"x\"}", page.nextToken());
    }

    @Test
    void aBodyStringThatIsNotJsonIsMalformedAndWorthARetry() {
        assertThrows(ApiPage.Malformed.class, () -> ApiPage.parse("{\"body\": \"[{\\\"a\\\": 1\"}", "sessions"));
    }

    @Test
    void aBareArrayIsOneLastPage() throws Exception {
        ApiPage page = ApiPage.parse("[{\"id\": 1}, {\"id\": 2}]", "athletes");
        assertEquals(2, page.items().size());
        assertNull(page.nextToken());
    }

    @Test
    void eachRecordIsKeptAsTheBytesTheApiSentInsideItsBodyString() throws Exception {
        String records = "[{\"SessionID\": \"s-1\",  \"Name\": \"Caf\u00e9 \\\"A\\\" \\u00e9 \\ud83d\\ude00\\n\\/\"}, {\"SessionID\":\"s-2\"}]";
        ApiPage page = ApiPage.parse("{\"statusCode\": 200, \"X-Continuation-Token\": null, \"body\": " + Json.quote(records) + "}", "sessions");
        ApiRecords read = page.records();
        assertEquals(2, read.size());
        assertEquals("{\"SessionID\": \"s-1\",  \"Name\": \"Caf\u00e9 \\\"A\\\" \\u00e9 \\ud83d\\ude00\\n\\/\"}", read.text(0),
                "whitespace and escapes as sent");
        assertEquals("Caf\u00e9 \"A\" \u00e9 \ud83d\ude00\n/", read.node(0).get("Name").asText());
        assertEquals("{\"SessionID\":\"s-2\"}", read.text(1));
        assertEquals(read.hash(1), ApiPage.parse("{\"body\": [{\"SessionID\":\"s-2\"}]}", "sessions").records().hash(0),
                "the same bytes, the same hash, however the body came");
        assertTrue(read.hash(0) != read.hash(1));
    }

    /** The one-scan reading and the tree reading agree on every shape the tree reading takes. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"statusCode\": 200, \"X-Continuation-Token\": \"t\", \"body\": \"[{\\\"id\\\": 1}, 7, \\\"x\\\", null, [1,2], {\\\"id\\\": -2.50e1}]\"}",
            "{\"body\": [ {\"id\" : 1} , true ,{\"id\":{\"deep\":[1,{\"a\":2}]}} ], \"nextToken\": {\"pk\": 3}}",
            "{\"body\": {\"sessions\": [{\"id\": 1}], \"X-Continuation-Token\": \"in-body\"}}",
            "{\"items\": [{\"id\": 1}]}",
            "{\"body\": \"  \"}",
            "{\"body\": null, \"X-Continuation-Token\": \"null\"}",
            "[{\"id\": 1}]"})
    void everyEnvelopeShapeGivesTheSameRecords(String envelope) throws Exception {
        ApiPage page = ApiPage.parse(envelope, "sessions");
        List<String> texts = page.items().stream().map(Object::toString).toList();
        for (int i = 0; i < page.size(); i++) assertEquals(texts.get(i), Json.parse(page.records().text(i)).toString());
        assertTrue(page.size() > 0 || envelope.contains("null") || envelope.contains("\"  \""));
    }

    @Test
    void idsReadInOneScanAreWhatTheTreeReadingFinds() throws Exception {
        String records = "[{\"id\": \"low\", \"SessionID\": \" s-1 \"}, {\"session_id\": \"first\", \"SessionID\": \"second\"},"
                + " {\"SessionID\": \"a\", \"SessionID\": \"b\"}, {\"SessionID\": 42}, {\"SessionID\": 4.50}, {\"SessionID\": {\"x\": 1}},"
                + " {\"SessionID\": \"  \"}, {\"other\": 1}, 5]";
        ApiRecords read = ApiPage.parse("{\"body\": " + Json.quote(records) + "}", "sessions").records();
        String[] ids = read.texts(Entity.SESSIONS.idKeys());
        for (int i = 0; i < read.size(); i++) {
            String expected = read.isObject(i) ? Entity.SESSIONS.idOf(new TolerantRecord(read.node(i))) : null;
            assertEquals(expected, ids[i], read.text(i));
        }
        assertEquals(List.of("s-1", "first", "b", "42", "4.5"), java.util.Arrays.asList(ids).subList(0, 5));
    }
}
