package valor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * A saved query of sql/queries/, read by the header format of sql/README.md and run the way
 * valor-sql runs it: every declared parameter bound by name (given value, else its default, else
 * NULL), as text.
 */
record SavedQueryFile(String name, String description, Map<String, String> defaults, String sql) {
    private static final Pattern PARAM = Pattern.compile("--\\s*param\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*(?:=\\s*([^:]*?))?\\s*:\\s*(.+)");

    static Path directory() {
        return CatalogAliasTest.ROOT.resolve("sql/queries");
    }

    static SavedQueryFile load(String name) {
        Path file = directory().resolve(name + ".sql");
        try {
            List<String> lines = Files.readAllLines(file);
            String description = lines.get(0).replaceFirst("^--\\s*", "");
            Map<String, String> defaults = new LinkedHashMap<>();
            for (String line : lines) {
                Matcher param = PARAM.matcher(line.trim());
                if (param.matches()) defaults.put(param.group(1), param.group(2) == null ? null : param.group(2).trim());
            }
            return new SavedQueryFile(name, description, defaults, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs against a store file; {@code params} are name, value pairs that override the defaults. */
    List<Map<String, Object>> run(Path db, String... params) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < params.length; i += 2) {
            if (!defaults.containsKey(params[i])) throw new IllegalArgumentException(name + " declares no parameter " + params[i]);
            values.put(params[i], params[i + 1]);
        }
        try (Handle handle = Jdbi.create(() -> Database.connect(TestDb.at(db))).open()) {
            Query query = handle.createQuery(sql);
            values.forEach(query::bind);
            return query.mapToMap().list();
        }
    }
}
