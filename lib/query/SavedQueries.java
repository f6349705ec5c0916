package valor.query;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import valor.base.ClasspathResources;
import valor.base.Failure;
import valor.output.ResultColumns;
import valor.output.ResultWriter;

/** The saved queries in sql/queries/, which travel inside the jar: a query's name is its file name without .sql. */
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

    /**
     * What a user typed where SQL or a saved query's name may go: a word such as sessions-per-week
     * must name a saved query ({@code unknown} says what to do when none has that name); anything else is SQL.
     */
    public static SavedQuery byNameOrSql(String operand, Function<String, Failure> unknown) {
        String word = operand.strip();
        if (!looksLikeName(word)) return SavedQuery.parse("sql", operand);
        return find(word).orElseThrow(() -> unknown.apply(word));
    }

    /** Writes the saved queries as rows: name, parameters, description. */
    public static void print(ResultWriter writer) {
        writer.begin(new ResultColumns(List.of("name", "parameters", "description"), List.of(Types.VARCHAR, Types.VARCHAR, Types.VARCHAR)));
        for (SavedQuery query : all()) writer.row(new Object[] {query.name(), query.paramSummary(), query.description()});
        writer.end();
    }

    /** A word such as sessions-per-week, as opposed to SQL text. */
    public static boolean looksLikeName(String text) {
        return NAME.matcher(text).matches();
    }

    private static SavedQuery load(String name) {
        return SavedQuery.parse(name, ClasspathResources.read(FOLDER + "/" + name + ".sql"));
    }
}
