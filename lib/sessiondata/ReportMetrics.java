//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
package valor.sessiondata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import valor.api.TolerantRecord;

/**
 * Flattens a /reportData body such as
 * {@code {"WorkoutMetrics": {"Ang": {"Knee Flex. (°)": {"L": {"AvgMax": 97.1, "Score": 0.5}}}}}}
 * into one row per section × group × metric × side, with every numeric field the API sent. The
 * shape is only known from one example, so the walk is general: wherever an object holds numbers,
 * those numbers are one row's fields, and the keys on the way there name the row, read from the
 * end (side, metric, group, then section). Names are kept exactly as sent.
 */
public final class ReportMetrics {
    /** Keys that name a side; a path whose last key is not one of these has no side (''). */
    private static final Set<String> SIDES = Set.of("l", "r", "f", "b", "left", "right", "front", "back");

    private ReportMetrics() {}

    /**
     * One metric of one side.
     *
     * @param fields every numeric field as sent, e.g. AvgMax, Score, Max
     */
    public record Row(String section, String group, String metric, String side, Double avgMax, Double score,
                      Map<String, Double> fields) {}

    public static List<Row> flatten(JsonNode report) {
        List<Row> rows = new ArrayList<>();
        walk(report, new ArrayList<>(), rows);
        return rows;
    }

    private static void walk(JsonNode node, List<String> path, List<Row> rows) {
        if (!node.isObject()) return;
        Map<String, Double> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            Double number = number(field.getValue());
            if (number != null) fields.put(field.getKey(), number);
        }
        if (!fields.isEmpty()) rows.add(row(path, fields));
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isObject()) continue;
            path.add(field.getKey());
            walk(field.getValue(), path, rows);
            path.remove(path.size() - 1);
        }
    }

    private static Row row(List<String> path, Map<String, Double> fields) {
        int end = path.size();
        String side = end > 0 && SIDES.contains(path.get(end - 1).trim().toLowerCase(java.util.Locale.ROOT)) ? path.get(--end) : "";
        String metric = end > 0 ? path.get(--end) : "";
        String group = end > 0 ? path.get(--end) : "";
        String section = String.join("/", path.subList(0, end));
        Double avgMax = null, score = null;
        for (Map.Entry<String, Double> field : fields.entrySet()) {
            String key = TolerantRecord.normalise(field.getKey());
            if (avgMax == null && key.equals("avgmax")) avgMax = field.getValue();
            if (score == null && key.equals("score")) score = field.getValue();
        }
        return new Row(section, group, metric, side, avgMax, score, fields);
    }

    /** A JSON number, or a string holding one (some APIs quote their numbers); null otherwise. */
    private static Double number(JsonNode value) {
        if (value.isNumber()) return value.asDouble();
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (text.isEmpty()) return null;
            try {
                double parsed = Double.parseDouble(text);
                return Double.isFinite(parsed) ? parsed : null;
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }
}
