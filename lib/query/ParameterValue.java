package valor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import valor.base.Failure;

/**
 * A value the engine could not convert, when it is a parameter's: the answer names the parameter,
 * the value and the kind of value the query wants ({@code -p weeks=four: :weeks must be a whole
 * number (the query uses it as INT)}), instead of the engine's "Data conversion error converting
 * "four"". The type comes from the engine's message where it names one (a date H2 cannot parse,
 * PostgreSQL's "invalid input syntax for type integer"), else from the query's
 * {@code CAST(:name AS TYPE)}, or {@code LIMIT} and {@code OFFSET}.
 */
final class ParameterValue {
    /** The value an engine quotes last in its first line: H2's {@code converting "four"}, PostgreSQL's {@code : "four"}. */
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")*)\"");
    private static final Pattern ENGINE_TYPE = Pattern.compile("(?:Cannot parse \"([A-Z ]+)\" constant|for type ([a-z ]+):)");

    private ParameterValue() {}

    /**
     * The failure for the parameter whose value this is, or null when the value the engine quotes
     * is no parameter's (the data itself, or a literal in the SQL).
     *
     * @param given the parameters passed with -p (the others have their header's default)
     */
    static Failure explain(String engineMessage, String text, Map<String, String> values, Set<String> given) {
        String firstLine = engineMessage.lines().findFirst().orElse("");
        Matcher quoted = QUOTED.matcher(firstLine);
        String value = null;
        while (quoted.find()) value = quoted.group(1).replace("\"\"", "\"");
        if (value == null) return null;
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> parameter : values.entrySet()) {
            if (value.equals(parameter.getValue()) || value.equals("'" + parameter.getValue() + "'")) names.add(parameter.getKey());
        }
        if (names.isEmpty()) return null;
        String name = names.get(0);
        Matcher engineType = ENGINE_TYPE.matcher(firstLine);
        String type = engineType.find() ? (engineType.group(1) != null ? engineType.group(1) : engineType.group(2)) : castIn(text, name);
        String which = given.contains(name) ? "-p " + name + "=" + values.get(name) : ":" + name + " (its default, " + values.get(name) + ")";
        String wants = type == null ? "the query cannot use this value for :" + name
                : ":" + name + " must be " + kindOf(type) + " (the query uses it " + (type.equals("LIMIT") ? "as a row count"
                        : "as " + type.strip().toUpperCase(Locale.ROOT)) + ")";
        return Failure.usage(which + ": " + wants);
    }

    /** The type the text casts the parameter to, "LIMIT" for a row count, or null. */
    private static String castIn(String text, String name) {
        Matcher cast = Pattern.compile("CAST\\s*\\(\\s*:" + Pattern.quote(name) + "\\s+AS\\s+([A-Za-z ]+?)\\s*[()]",
                Pattern.CASE_INSENSITIVE).matcher(text);
        if (cast.find()) return cast.group(1);
        Matcher rows = Pattern.compile("\\b(LIMIT|OFFSET|FETCH\\s+FIRST)\\s+:" + Pattern.quote(name) + "\\b", Pattern.CASE_INSENSITIVE).matcher(text);
        return rows.find() ? "LIMIT" : null;
    }

    /** In words, the values a type takes. */
    private static String kindOf(String type) {
        String t = type.strip().toUpperCase(Locale.ROOT);
        if (t.equals("LIMIT") || t.matches("INT|INTEGER|BIGINT|SMALLINT|TINYINT|INT[248]")) return "a whole number";
        if (t.matches("DOUBLE( PRECISION)?|REAL|FLOAT[48]?|DECIMAL|NUMERIC|DECFLOAT")) return "a number";
        if (t.equals("DATE")) return "a date, YYYY-MM-DD";
        if (t.startsWith("TIMESTAMP")) return "a timestamp, YYYY-MM-DD HH:MM:SS";
        if (t.startsWith("BOOL")) return "true or false";
        return "a " + t.toLowerCase(Locale.ROOT);
    }
}
