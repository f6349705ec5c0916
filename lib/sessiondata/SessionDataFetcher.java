//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.sessiondata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import valor.api.ApiClient;
import valor.api.ApiStatusException;
import valor.api.TolerantRecord;
import valor.base.Failure;
import valor.base.Json;
import valor.base.Secrets;
import valor.ik.IkCodec;
import valor.ik.IkJointSummary;
import valor.ik.IkSeries;

/**
 * Fetches one session's report or IK series and turns it into what the store needs: flattened
 * metric rows, or encoded arrays with their summaries. Runs on the fetcher threads, so parsing and
 * encoding happen in parallel and the single writer only writes. Never throws: every outcome,
 * failures included, is a {@link Fetched} for the writer to record.
 */
public final class SessionDataFetcher {

    /** A session to fetch: its id and the s3Key it has now. */
    public record Task(SessionDataKind kind, String sessionId, String s3Key) {}

    /** What became of a task. */
    public sealed interface Fetched permits Report, Ik, Failed, Fatal {
        Task task();
    }

    /** A report: the body as the API sent it, and its rows. */
    public record Report(Task task, String raw, List<ReportMetrics.Row> rows) implements Fetched {}

    /** One joint's encoded arrays (null where the API sent none) and its summary. */
    record EncodedJoint(String name, byte[] angle, byte[] velocity, byte[] acceleration, IkJointSummary summary) {}

    /** An IK series, encoded. */
    public record Ik(Task task, int samples, Double durationSeconds, byte[] time, List<EncodedJoint> joints, String extra,
              long jsonBytes, long storedBytes) implements Fetched {}

    /**
     * This session failed; others may still succeed. {@code httpStatus} is null when the API gave none.
     * The message quotes what the API sent (an error body, a value it could not read), so it is masked here.
     */
    public record Failed(Task task, Integer httpStatus, String message) implements Fetched {
        public Failed {
            message = Secrets.redact(message);
        }
    }

    /** Nothing more can succeed (the token was refused, or the fetcher itself broke): the whole phase stops. */
    public record Fatal(Task task, RuntimeException error) implements Fetched {}

    private final ApiClient api;

    public SessionDataFetcher(ApiClient api) {
        this.api = api;
    }

    public Fetched fetch(Task task) {
        try {
            JsonNode envelope = api.json(task.kind().endpoint(), Map.of("s3Key", task.s3Key()));
            return task.kind() == SessionDataKind.REPORTS ? report(task, envelope) : ik(task, envelope);
        } catch (ApiStatusException e) {
            // 401 after a failed renewal: no later request can succeed. A 403 is left to the session: the
            // same token just listed the sessions, so it is this resource (or route) that is refused.
            if (e.status() == 401) return new Fatal(task, e);
            return new Failed(task, e.status(), e.getMessage());
        } catch (Failure e) {
            return new Failed(task, null, e.getMessage()); // retries exhausted: recorded, retried next run
        } catch (MalformedBody e) {
            return new Failed(task, 200, "GET /" + task.kind().endpoint() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new Failed(task, null, "GET /" + task.kind().endpoint() + ": cannot read the answer (" + e + ")");
        }
    }

    private static Report report(Task task, JsonNode envelope) throws MalformedBody {
        JsonNode body = body(envelope);
        String raw = body.isTextual() ? body.asText() : body.toString();
        JsonNode report = body;
        if (body.isTextual()) {
            try {
                report = Json.parse(raw);
            } catch (JsonProcessingException e) {
                throw new MalformedBody("the body string is not valid JSON (" + e.getOriginalMessage() + ")");
            }
        }
        if (!report.isObject()) throw new MalformedBody("the report is " + describe(report) + ", not a JSON object");
        return new Report(task, raw, ReportMetrics.flatten(report));
    }

    private static Ik ik(Task task, JsonNode envelope) throws MalformedBody {
        JsonNode body = body(envelope);
        IkSeries series;
        long jsonBytes;
        try {
            if (body.isTextual()) {
                String text = body.asText();
                series = IkSeries.parse(text);
                jsonBytes = text.length();
            } else if (body.isObject()) {
                series = IkSeries.parse(body);
                jsonBytes = body.toString().length();
            } else {
                throw new MalformedBody("the IK body is " + describe(body) + ", not a JSON object of arrays");
            }
        } catch (IkSeries.Malformed e) {
            throw new MalformedBody(e.getMessage());
        }
        byte[] time = series.time() == null ? null : IkCodec.encode(series.time());
        long stored = length(time);
        List<EncodedJoint> joints = new ArrayList<>(series.joints().size());
        for (Map.Entry<String, IkSeries.Joint> entry : series.joints().entrySet()) {
            IkSeries.Joint joint = entry.getValue();
            EncodedJoint encoded = new EncodedJoint(entry.getKey(), encode(joint.angle()), encode(joint.velocity()),
                    encode(joint.acceleration()), IkJointSummary.of(entry.getKey(), joint, series.time()));
            stored += length(encoded.angle()) + length(encoded.velocity()) + length(encoded.acceleration());
            joints.add(encoded);
        }
        ObjectNode extra = series.extra();
        return new Ik(task, series.samples(), series.durationSeconds(), time, joints, extra == null ? null : extra.toString(),
                jsonBytes, stored);
    }

    /** The envelope's body; an answer without an envelope is its own body. */
    private static JsonNode body(JsonNode envelope) throws MalformedBody {
        if (!envelope.isObject()) throw new MalformedBody("the answer is " + describe(envelope) + ", not a JSON object");
        Map.Entry<String, JsonNode> field = new TolerantRecord(envelope).find(List.of("body"));
        if (field != null) {
            JsonNode body = field.getValue();
            if (body.isNull() || (body.isTextual() && body.asText().isBlank())) throw new MalformedBody("the body is empty");
            return body;
        }
        ObjectNode bare = envelope.deepCopy();
        bare.remove(List.of("statusCode", "StatusCode", "status_code"));
        return bare;
    }

    private static byte[] encode(double[] values) {
        return values == null ? null : IkCodec.encode(values);
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "empty";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A 200 whose body is not what the endpoint sends: recorded for the session, not retried now. */
    static final class MalformedBody extends Exception {
        MalformedBody(String message) {
            super(message);
        }
    }
}
