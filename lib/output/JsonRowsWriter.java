//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Rows as JSON objects keyed by column name, in column order: a JSON array with one row per
 * line, or JSON lines (one object per line, nothing else). NULL is null; numbers and booleans
 * stay JSON numbers and booleans; timestamps are ISO-8601 UTC strings.
 */
final class JsonRowsWriter implements ResultWriter {
    private final PrintStream out;
    private final boolean lines;
    private List<String> names;
    private JsonGenerator json;
    private boolean first = true;

    JsonRowsWriter(PrintStream out, boolean lines) {
        this.out = out;
        this.lines = lines;
    }

    /** One generator for the whole result, buffering for it: a generator (and a write to the stream) per row cost more than the row. */
    @Override
    public void begin(ResultColumns columns) {
        names = columns.uniqueNames();
        try {
            json = Factory.JSON.createGenerator((OutputStream) out);
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.setRootValueSeparator(null); // rows are separated by the lines written between them
            if (!lines) json.writeRaw("[");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void row(Object[] values) {
        try {
            if (!lines) json.writeRaw(first ? "\n" : ",\n");
            first = false;
            json.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                json.writeFieldName(names.get(i));
                write(json, values[i]);
            }
            json.writeEndObject();
            if (lines) json.writeRaw("\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void end() {
        try {
            if (!lines) json.writeRaw(first ? "]\n" : "\n]\n");
            json.close(); // writes what it holds and flushes the stream, which stays open
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) json.writeNull();
        else if (value instanceof Boolean bool) json.writeBoolean(bool);
        else if (value instanceof Long number) json.writeNumber(number);
        // Numbers as their text prints them, so a value is written alike whichever type an engine gave it.
        else if (value instanceof Double number && Double.isFinite(number)) json.writeNumber(SqlValues.text(number));
        else if (value instanceof BigDecimal number) json.writeNumber(SqlValues.text(number));
        else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) write(json, item);
            json.writeEndArray();
        } else json.writeString(SqlValues.text(value));
    }

    /** Only jackson-core's factory: the one-liner path never pays for loading ObjectMapper. */
    private static final class Factory {
        static final JsonFactory JSON = new JsonFactory();
    }
}
