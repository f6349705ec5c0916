//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.fake;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import valor.base.Json;
import valor.fake.FakeOrganisation.FakeSession;
import valor.fake.FakeValorApi.Call;
import valor.fake.FakeValorApi.Reply;

/**
 * GET /reportData?s3Key=... and GET /ikData?s3Key=... of the fake API: one session's report
 * metrics or joint-angle series (see {@link FakeSessionData}) in the API's envelope
 * {@code {"statusCode":200,"body":...}}, the body a JSON string or an object as the shape says.
 * A key no current session has answers 404, as a missing S3 object would.
 */
public final class FakeSessionDataEndpoint implements FakeValorApi.Endpoint {
    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @FunctionalInterface
    private interface BodyWriter {
        /** Writes the body object into {@code out}; {@code quote} is {@code "}, or {@code \"} inside a JSON string. */
        void write(FakeJsonBytes out, String quote, FakeShape shape, FakeSession session) throws IOException;
    }

    private final FakeOrganisation organisation;
    private final BodyWriter writer;

    private FakeSessionDataEndpoint(FakeOrganisation organisation, BodyWriter writer) {
        this.organisation = organisation;
        this.writer = writer;
    }

    public static FakeSessionDataEndpoint reports(FakeOrganisation organisation) {
        return new FakeSessionDataEndpoint(organisation, (out, quote, shape, session) -> {
            ByteArrayOutputStream json = new ByteArrayOutputStream(2048);
            try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(json, JsonEncoding.UTF8)) {
                FakeSessionData.writeReport(generator, shape, organisation, session);
            }
            byte[] bytes = json.toByteArray();
            out.bytes(quote.length() == 1 ? bytes : FakePagedEndpoint.escapeForJsonString(bytes));
        });
    }

    public static FakeSessionDataEndpoint ik(FakeOrganisation organisation) {
        return ik(organisation, FakeSessionData.MAX_SAMPLES);
    }

    /** Series of at most {@code maxSamples} samples each (the default: {@link FakeSessionData#MAX_SAMPLES}). */
    public static FakeSessionDataEndpoint ik(FakeOrganisation organisation, int maxSamples) {
        return new FakeSessionDataEndpoint(organisation,
                (out, quote, shape, session) -> FakeSessionData.writeIk(out, quote, organisation, session, maxSamples));
    }

    @Override
    public Reply handle(Call call) throws IOException {
        String s3Key = call.query("s3Key");
        if (s3Key == null || s3Key.isBlank()) return Reply.message(400, "Missing required request parameters: [s3Key]");
        Optional<FakeSession> session = sessionWithKey(s3Key);
        if (session.isEmpty()) return Reply.message(404, "No data found for s3Key " + s3Key);
        boolean asString = call.shape().body() == FakeShape.Body.STRING;
        FakeJsonBytes out = new FakeJsonBytes(64 * 1024);
        out.ascii("{\"statusCode\":200,\"body\":");
        if (asString) out.ascii("\"");
        writer.write(out, asString ? "\\\"" : "\"", call.shape(), session.get());
        if (asString) out.ascii("\"");
        out.ascii("}");
        return new Reply(200, out.toByteArray(), Map.of());
    }

    /** The session whose current s3Key this is; keys hold the session id, which finds it without a scan. */
    private Optional<FakeSession> sessionWithKey(String s3Key) {
        Matcher ids = SESSION_ID.matcher(s3Key);
        while (ids.find()) {
            Optional<FakeSession> session = organisation.session(ids.group());
            if (session.isPresent() && session.get().s3Key().equals(s3Key)) return session;
        }
        return Optional.empty();
    }
}
