package valor.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import valor.base.Failure;

/**
 * A SQL file with the header sql/README.md describes: the first comment line is the one-line
 * description, each {@code -- param NAME[ = DEFAULT][ (required)]: description} line declares
 * a named parameter, and each {@code -- column NAME: meaning} line says what a result column means
 * (valor-chart titles its axes with it). Used for the saved queries (built-in and the user's own)
 * and for any file given with -f. A line that starts like a parameter declaration but is not one is an
 * error naming the file and line: ignored, it would leave a parameter undeclared and its default silently lost.
 * @param columns the meanings of result columns, by lower-case name
 */
public record SavedQuery(String name, String description, List<Param> params, String sql, Map<String, String> columns) {
    private static final Pattern PARAM = Pattern.compile(
            "--\\s*param\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*(?:=\\s*(.*?))?\\s*(\\(\\s*required\\s*\\))?\\s*:(?:\\s+(.*))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LOOKS_LIKE_PARAM = Pattern.compile("--\\s*param(?:\\s.*)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern COLUMN = Pattern.compile("--\\s*column\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(\\S.*)", Pattern.CASE_INSENSITIVE);

    /**
     * A declared parameter; {@code defaultValue} is null when it has none (it is then bound as NULL,
     * unless it is {@code required}: then a run without a value is a usage error).
     */
    public record Param(String name, String defaultValue, String description, boolean required) {
        /** For --list: "athlete", "weeks=12" or "session (required)". */
        public String summary() {
            if (required) return name + " (required)";
            return defaultValue == null ? name : name + "=" + defaultValue;
        }
    }

    /** Parses SQL text that has no file of its own (an argument, standard input). */
    public static SavedQuery parse(String name, String sql) {
        return parse(name, sql, name);
    }

    /** @param origin names the text in errors, e.g. the file's path: "ORIGIN:LINE: what is wrong" */
    public static SavedQuery parse(String name, String sql, String origin) {
        String description = "";
        List<Param> params = new ArrayList<>();
        Map<String, String> columns = new LinkedHashMap<>();
        String[] lines = sql.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            if (!line.startsWith("--")) break; // the header ends where the SQL starts
            Matcher param = PARAM.matcher(line);
            Matcher column = COLUMN.matcher(line); // a look-alike is only a comment: at worst an axis keeps the column's name
            if (param.matches()) {
                String where = origin + ":" + (i + 1) + ": ";
                String paramName = param.group(1).toLowerCase(Locale.ROOT);
                String defaultValue = param.group(2) == null || param.group(2).isBlank() ? null : param.group(2).strip();
                boolean required = param.group(3) != null;
                if (required && defaultValue != null) {
                    throw Failure.usage(where + "parameter " + paramName + " is required and has a default (" + defaultValue + "); drop one");
                }
                for (Param earlier : params) {
                    if (earlier.name().equals(paramName)) throw Failure.usage(where + "parameter " + paramName + " is declared twice");
                }
                params.add(new Param(paramName, defaultValue, param.group(4) == null ? "" : param.group(4).strip(), required));
            } else if (column.matches()) {
                columns.put(column.group(1).toLowerCase(Locale.ROOT), column.group(2).strip());
            } else if (LOOKS_LIKE_PARAM.matcher(line).matches()) {
                throw Failure.usage(origin + ":" + (i + 1) + ": '" + line + "' is not a parameter declaration;"
                        + " write -- param NAME[ = DEFAULT][ (required)]: DESCRIPTION");
            } else if (description.isEmpty()) {
                description = line.replaceFirst("^--+\\s*", "");
            }
        }
        return new SavedQuery(name, description, List.copyOf(params), sql, Collections.unmodifiableMap(columns));
    }

    public Param param(String name) {
        for (Param param : params) if (param.name().equals(name)) return param;
        return null;
    }

    /** For --list: "athlete, weeks=12", "session (required), joint". */
    public String paramSummary() {
        return String.join(", ", params.stream().map(Param::summary).toList());
    }
}
