package valor.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import valor.base.Failure;

/**
 * Decides the value of every :name a query uses: from -p, else the header's default, else NULL
 * for a declared parameter. An undeclared one without a value, a required one without a value,
 * or a -p the query never uses, is a usage error, so that a typo in a parameter name cannot
 * silently return everything, nor a forgotten one silently return nothing.
 */
public final class QueryParameters {
    private QueryParameters() {}

    /** Parses repeated {@code -p name=value} flags, keeping the last value given for a name. */
    public static Map<String, String> parseFlags(String[] flags) {
        Map<String, String> values = new LinkedHashMap<>();
        if (flags == null) return values;
        for (String flag : flags) {
            int equals = flag.indexOf('=');
            if (equals <= 0) throw Failure.usage("-p takes NAME=VALUE, not '" + flag + "'");
            String name = flag.substring(0, equals).strip().replaceFirst("^:", "").toLowerCase(Locale.ROOT);
            values.put(name, flag.substring(equals + 1));
        }
        return values;
    }

    public static Map<String, String> resolve(SavedQuery header, List<SqlStatements.Statement> statements, Map<String, String> given) {
        List<String> used = new ArrayList<>();
        for (SqlStatements.Statement statement : statements) {
            for (String name : statement.parameters()) if (!used.contains(name)) used.add(name);
        }
        for (String name : given.keySet()) {
            if (!used.contains(name) && header.param(name) == null) {
                throw Failure.usage("-p " + name + ": the query has no parameter :" + name
                        + (used.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", used) + ")"));
            }
        }
        requireValues(header, given);
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : used) {
            SavedQuery.Param declared = header.param(name);
            if (given.containsKey(name)) values.put(name, given.get(name));
            else if (declared != null) values.put(name, declared.defaultValue());
            else throw Failure.usage("no value for :" + name + "; pass -p " + name + "=VALUE");
        }
        return values;
    }

    /** A required parameter given no value, or a blank one, is named with what it wants. */
    private static void requireValues(SavedQuery header, Map<String, String> given) {
        List<SavedQuery.Param> missing = new ArrayList<>();
        for (SavedQuery.Param param : header.params()) {
            String value = given.get(param.name());
            if (param.required() && (value == null || value.isBlank())) missing.add(param);
        }
        if (missing.isEmpty()) return;
        List<String> flags = missing.stream().map(param -> "-p " + param.name() + "=VALUE").toList();
        String what = missing.size() == 1 && !missing.get(0).description().isEmpty() ? ": " + missing.get(0).description() : "";
        throw Failure.usage(header.name() + " needs " + String.join(" and ", flags) + what);
    }
}
