package valor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL file with the header sql/README.md describes: the first comment line is the one-line
 * description, and each {@code -- param NAME[ = DEFAULT]: description} line declares a named
 * parameter. Used for the saved queries in sql/queries/ and for any file given with -f.
 */
public record SavedQuery(String name, String description, List<Param> params, String sql) {
    private static final Pattern PARAM = Pattern.compile("--\\s*param\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*(?:=\\s*(.*?))?\\s*:\\s+(.*)");

    /** A declared parameter; {@code defaultValue} is null when it has none (it is then bound as NULL). */
    public record Param(String name, String defaultValue, String description) {}

    public static SavedQuery parse(String name, String sql) {
        String description = "";
        List<Param> params = new ArrayList<>();
        for (String raw : sql.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            if (!line.startsWith("--")) break; // the header ends where the SQL starts
            Matcher param = PARAM.matcher(line);
            if (param.matches()) {
                String defaultValue = param.group(2) == null || param.group(2).isBlank() ? null : param.group(2).strip();
                params.add(new Param(param.group(1).toLowerCase(Locale.ROOT), defaultValue, param.group(3).strip()));
            } else if (description.isEmpty()) {
                description = line.replaceFirst("^--+\\s*", "");
            }
        }
        return new SavedQuery(name, description, List.copyOf(params), sql);
    }

    public Param param(String name) {
        for (Param param : params) if (param.name().equals(name)) return param;
        return null;
    }

    /** For --list: "athlete, weeks=12". */
    public String paramSummary() {
        List<String> parts = new ArrayList<>();
        for (Param param : params) parts.add(param.defaultValue() == null ? param.name() : param.name() + "=" + param.defaultValue());
        return String.join(", ", parts);
    }
}
