//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.ik;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import valor.base.Json;

/**
 * One session's joint-angle time series as /ikData sends it: parallel arrays {@code time} and,
 * per joint, {@code <joint>}, {@code <joint>_vel}, {@code <joint>_acc}. Read with a streaming
 * parser straight into double arrays, because a ten-minute session holds about two million
 * numbers and a JSON tree of them would cost several times the memory. Joint names are kept as
 * sent; anything that is not a numeric array is kept as JSON in {@link #extra}.
 *
 * @param time   seconds from the start of the session; null when the body has none
 * @param joints by joint name, in the order the API sent them
 * @param extra  the body's other fields, or null when there were none
 */
public record IkSeries(double[] time, Map<String, Joint> joints, ObjectNode extra) {
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    private static final List<String> TIME_KEYS = List.of("time", "times", "t", "timestamp", "timestamps");
    private static final List<String> VELOCITY_SUFFIXES = List.of("_vel", "_velocity");
    private static final List<String> ACCELERATION_SUFFIXES = List.of("_acc", "_accel", "_acceleration");

    /** One joint's arrays; any of them may be missing (null). NaN stands for a JSON null sample. */
    public record Joint(double[] angle, double[] velocity, double[] acceleration) {
        Joint with(Kind kind, double[] values) {
            return switch (kind) {
                case ANGLE -> new Joint(values, velocity, acceleration);
                case VELOCITY -> new Joint(angle, values, acceleration);
                case ACCELERATION -> new Joint(angle, velocity, values);
            };
        }

        int samples() {
            return Math.max(length(angle), Math.max(length(velocity), length(acceleration)));
        }
    }

    enum Kind { ANGLE, VELOCITY, ACCELERATION }

    /** Thrown when the body is not an object of arrays at all. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    public int samples() {
        int samples = length(time);
        for (Joint joint : joints.values()) samples = Math.max(samples, joint.samples());
        return samples;
    }

    /** Seconds between the first and last time stamp; null without a time array. */
    public Double durationSeconds() {
        if (time == null || time.length == 0) return null;
        return time[time.length - 1] - time[0];
    }

    /** Parses a body that arrived as a JSON string (the documented form). */
    public static IkSeries parse(String json) throws Malformed {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return read(parser);
        } catch (IOException e) {
            throw new Malformed("the IK body is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
    }

    /** Reads a body that arrived as a JSON object inside the envelope. */
    public static IkSeries parse(JsonNode body) throws Malformed {
        try (JsonParser parser = Json.MAPPER.treeAsTokens(body)) {
            return read(parser);
        } catch (IOException e) {
            throw new Malformed("the IK body cannot be read (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static IkSeries read(JsonParser parser) throws IOException, Malformed {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new Malformed("expected a JSON object of arrays, got " + describe(parser.currentToken()));
        }
        double[] time = null;
        Map<String, Joint> joints = new LinkedHashMap<>();
        ObjectNode extra = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            Object array = value == JsonToken.START_ARRAY ? readArray(parser) : Json.MAPPER.readTree(parser);
            if (!(array instanceof double[] numbers)) {
                if (extra == null) extra = Json.MAPPER.createObjectNode();
                extra.set(name, (JsonNode) array);
                continue;
            }
            if (time == null && TIME_KEYS.contains(name.toLowerCase(Locale.ROOT))) {
                time = numbers;
                continue;
            }
            Kind kind = Kind.ANGLE;
            String joint = name;
            String suffix = suffix(name, VELOCITY_SUFFIXES);
            if (suffix != null) kind = Kind.VELOCITY;
            else if ((suffix = suffix(name, ACCELERATION_SUFFIXES)) != null) kind = Kind.ACCELERATION;
            if (suffix != null) joint = name.substring(0, name.length() - suffix.length());
            Joint before = joints.getOrDefault(joint, new Joint(null, null, null));
            joints.put(joint, before.with(kind, numbers));
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) throw new Malformed("the IK body ends early");
        return new IkSeries(time, joints, extra);
    }

    /** The numbers of an array (null elements as NaN) as a double[], or the array as JSON when it holds anything else. */
    private static Object readArray(JsonParser parser) throws IOException {
        double[] values = new double[1024];
        int n = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            double value;
            if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) value = parser.getDoubleValue();
            else if (token == JsonToken.VALUE_NULL) value = Double.NaN;
            else return restAsJson(parser, values, n);
            if (n == values.length) values = Arrays.copyOf(values, n * 2);
            values[n++] = value;
        }
        return Arrays.copyOf(values, n);
    }

    /** The numbers read so far and the rest of the array (the parser is on its first non-number). */
    private static ArrayNode restAsJson(JsonParser parser, double[] read, int count) throws IOException {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(read[i])) array.addNull();
            else array.add(read[i]);
        }
        for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add((JsonNode) Json.MAPPER.readTree(parser));
        }
        return array;
    }

    private static String suffix(String name, List<String> suffixes) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : suffixes) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) return name.substring(name.length() - suffix.length());
        }
        return null;
    }

    public static int length(double[] values) {
        return values == null ? 0 : values.length;
    }

    private static String describe(JsonToken token) {
        return token == null ? "nothing" : token.asString() != null ? token.asString() : token.name().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int cut = text.indexOf('\n');
        return cut < 0 ? text : text.substring(0, cut);
    }

    /** The joints' names in the API's order. */
    public List<String> jointNames() {
        return new ArrayList<>(joints.keySet());
    }
}
