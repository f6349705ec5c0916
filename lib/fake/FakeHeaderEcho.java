//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import valor.base.Json;
import valor.fake.FakeValorApi.Reply;

/**
 * The fault {@code echo-headers}: an error answer that quotes the request it answers, Authorization
 * header and all, as a gateway with debugging left on or a careless Lambda does. Each kind of error
 * quotes it where a client reads it: in the JSON message of a list endpoint's error; inside the
 * envelope's body string for reportData and ikData; and in a bare text page for a gateway error (502,
 * 504), where the header sits across the point a client cuts a long body short.
 */
final class FakeHeaderEcho {
    private FakeHeaderEcho() {}

    static Reply quoting(HttpExchange exchange, String endpoint, Reply reply) throws IOException {
        String message = Json.MAPPER.readTree(reply.body()).path("message").asText("Error");
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        if (endpoint.equals("reportData") || endpoint.equals("ikData")) {
            ObjectNode event = Json.MAPPER.createObjectNode().put("message", message);
            event.putObject("requestContext").put("request", request).set("headers", Json.MAPPER.valueToTree(headers));
            ObjectNode envelope = Json.MAPPER.createObjectNode().put("statusCode", reply.status()).put("body", event.toString());
            return new Reply(reply.status(), Json.MAPPER.writeValueAsBytes(envelope), reply.headers());
        }
        if (reply.status() == 502 || reply.status() == 504) {
            // The token starts some 110 characters in: a client that keeps the first 120 keeps half of it.
            StringBuilder page = new StringBuilder("<pre>HTTP " + reply.status() + " from the gateway; the request was");
            page.append(" ".repeat(88 - page.length())).append("Authorization: ").append(headers.get("Authorization"));
            headers.forEach((name, value) -> page.append('\n').append(name).append(": ").append(value));
            page.append('\n').append(request).append('\n').append(message).append("</pre>");
            return new Reply(reply.status(), page.toString().getBytes(StandardCharsets.UTF_8), reply.headers());
        }
        List<String> quoted = headers.entrySet().stream().map(header -> header.getKey() + ": " + header.getValue()).toList();
        JsonNode body = Json.MAPPER.createObjectNode().put("message", message + " (" + request + ", headers " + String.join("; ", quoted) + ")");
        return new Reply(reply.status(), Json.MAPPER.writeValueAsBytes(body), reply.headers());
    }
}
