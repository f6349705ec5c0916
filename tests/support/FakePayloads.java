package valor;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import valor.base.Json;
import valor.fake.FakeValorApi;

/**
 * Asks the fake API for a session's report or IK body over plain HTTP and parses it with a JSON
 * tree: an independent reading that tests compare the store (and the toolkit's own parsing) with.
 */
final class FakePayloads {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FakePayloads() {}

    record Response(int status, JsonNode envelope) {
        /** The body, decoded when it came as a JSON string. */
        JsonNode body() throws Exception {
            JsonNode body = envelope.get("body");
            return body.isTextual() ? Json.parse(body.asText()) : body;
        }
    }

    static Response get(FakeValorApi api, String endpoint, String s3Key) throws Exception {
        String query = s3Key == null ? "" : "?s3Key=" + URLEncoder.encode(s3Key, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/" + endpoint + query))
                .header("Authorization", "Bearer " + api.token()).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), Json.parse(response.body()));
    }

    static JsonNode report(FakeValorApi api, String s3Key) throws Exception {
        return get(api, "reportData", s3Key).body();
    }

    static JsonNode ik(FakeValorApi api, String s3Key) throws Exception {
        return get(api, "ikData", s3Key).body();
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) values[i] = array.get(i).asDouble();
        return values;
    }
}
