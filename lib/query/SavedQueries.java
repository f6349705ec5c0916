package valor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import valor.base.ClasspathResources;

/**
 * The built-in saved queries in sql/queries/, which travel inside the jar: a query's name is its
 * file name without .sql. {@link QueryLibrary} adds the user's own in front of them.
 */
public final class SavedQueries {
    static final String FOLDER = "sql/queries";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private SavedQueries() {}

    public static List<SavedQuery> all() {
        List<SavedQuery> queries = new ArrayList<>();
        for (String file : ClasspathResources.list(FOLDER)) {
            if (file.endsWith(".sql")) queries.add(load(file.substring(0, file.length() - 4)));
        }
        return queries;
    }

    public static Optional<SavedQuery> find(String name) {
        if (!looksLikeName(name)) return Optional.empty();
        boolean exists = SavedQueries.class.getClassLoader().getResource(FOLDER + "/" + name + ".sql") != null;
        return exists ? Optional.of(load(name)) : Optional.empty();
    }

    /** A word such as sessions-per-week, as opposed to SQL text. */
    public static boolean looksLikeName(String text) {
        return NAME.matcher(text).matches();
    }

    private static SavedQuery load(String name) {
        String path = FOLDER + "/" + name + ".sql";
        return SavedQuery.parse(name, ClasspathResources.read(path), path);
    }
}
