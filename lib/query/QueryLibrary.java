package valor.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import valor.base.DataDirs;
import valor.base.Failure;
import valor.base.Io;
import valor.base.PrivateFiles;
import valor.output.ResultColumns;
import valor.output.ResultWriter;

/**
 * The saved queries a user can run by name: their own {@code NAME.sql} files in the folders of
 * {@code $VALOR_QUERIES} (separated by ':', like PATH), else in {@code queries/} of the config
 * folder ({@link DataDirs#configHome}), searched in that order, then the built-in ones that travel
 * in the jar ({@link SavedQueries}). The first of a name wins, so a user's query overrides a
 * built-in one; a folder or file that group or others may write is refused. They are read by
 * path, never from a checkout: users of a published catalog have them too, and an installed
 * launcher, which checksums only the checkout, never notices them.
 */
public final class QueryLibrary {
    public static final String ENV = "VALOR_QUERIES";
    static final String BUILT_IN = "built-in";

    /** A query as --list shows it, with where it comes from: its folder (and what it overrides), or built-in. */
    public record Listed(SavedQuery query, String source) {}

    /** The user's folders, in search order; those that do not exist are skipped, as PATH's are. */
    private final List<Path> folders;

    private QueryLibrary(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    public static QueryLibrary of(Io io) {
        String list = io.env(ENV);
        if (list == null) return new QueryLibrary(List.of(DataDirs.configHome(io).resolve("queries")));
        List<Path> folders = new ArrayList<>();
        for (String entry : list.split(":")) {
            if (!entry.isBlank()) folders.add(Path.of(entry.strip()).toAbsolutePath().normalize());
        }
        return new QueryLibrary(folders);
    }

    /** The query of that name: the user's first, else the built-in one. */
    public Optional<SavedQuery> find(String name) {
        if (!SavedQueries.looksLikeName(name)) return Optional.empty();
        for (Path folder : searched()) {
            Path file = folder.resolve(name + ".sql");
            if (Files.isRegularFile(file)) return Optional.of(read(file, name));
        }
        return SavedQueries.find(name);
    }

    /**
     * What a user typed where SQL or a saved query's name may go: a word such as sessions-per-week
     * must name a saved query ({@code unknown} says what to do when none has that name); anything else is SQL.
     */
    public SavedQuery byNameOrSql(String operand, Function<String, Failure> unknown) {
        String word = operand.strip();
        if (!SavedQueries.looksLikeName(word)) return SavedQuery.parse("sql", operand);
        return find(word).orElseThrow(() -> unknown.apply(word));
    }

    /**
     * The query a command was given, as valor-sql and valor-chart take it: {@code -f FILE}, or one
     * operand that is {@code -} (standard input), a saved query's name or SQL.
     */
    public SavedQuery given(String file, List<String> operands, Io io) throws IOException {
        if (operands.size() > 1) {
            throw Failure.usage("expected one SQL argument but got " + operands.size() + "; put the SQL in quotes");
        }
        if (file != null) {
            if (!operands.isEmpty()) throw Failure.usage("give the SQL either as an argument or with -f, not both");
            Path path = Path.of(file);
            try {
                String name = path.getFileName().toString().replaceFirst("\\.sql$", "");
                return SavedQuery.parse(name, Files.readString(path, StandardCharsets.UTF_8), path.toString());
            } catch (NoSuchFileException e) {
                throw Failure.usage("-f " + path + ": no such file");
            } catch (IOException e) {
                throw Failure.usage("-f " + path + ": cannot read it (" + e.getMessage() + ")");
            }
        }
        if (operands.isEmpty()) {
            throw Failure.usage("give SQL to run: a statement in quotes, a saved query name (see --list), -f FILE or - for standard input");
        }
        String operand = operands.get(0);
        if (operand.equals("-")) {
            return SavedQuery.parse("stdin", new String(io.in().readAllBytes(), StandardCharsets.UTF_8), "standard input");
        }
        return byNameOrSql(operand, this::unknown);
    }

    /** The one line for a name no saved query has: the names closest to it, or, when none is close, all there are. */
    public Failure unknown(String name) {
        List<String> close = closestTo(name);
        if (!close.isEmpty()) {
            return Failure.usage("no saved query named '" + name + "'; did you mean " + EditDistance.choices(close)
                    + "? (valor-sql --list describes them all)");
        }
        return Failure.usage("no saved query named '" + name + "'; there are: " + String.join(", ", names())
                + " (valor-sql --list describes them)");
    }

    /** The saved queries' names closest to a misspelt one, nearest first; none if nothing is close. */
    public List<String> closestTo(String name) {
        return EditDistance.closest(name.toLowerCase(java.util.Locale.ROOT), names(), 3);
    }

    /** Every name there is, sorted, without reading the files (for "there are: ..."). */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Path folder : searched()) {
            for (Path file : sqlFiles(folder)) {
                String name = nameOf(file);
                if (SavedQueries.looksLikeName(name)) names.add(name);
            }
        }
        SavedQueries.all().forEach(query -> names.add(query.name()));
        return List.copyOf(names);
    }

    /** Every query, sorted by name, each file read; a user's file that cannot be a saved query is an error naming it. */
    public List<Listed> list() {
        Map<String, SavedQuery> queries = new TreeMap<>();
        Map<String, Path> from = new HashMap<>();
        Map<String, String> hides = new HashMap<>();
        for (Path folder : searched()) {
            for (Path file : sqlFiles(folder)) {
                String name = nameOf(file);
                if (!SavedQueries.looksLikeName(name)) {
                    throw Failure.usage(file + ": a saved query's file name is its name, in lower-case letters, digits, - and _;"
                            + " rename it, e.g. to " + suggestedName(name) + ".sql");
                }
                if (queries.containsKey(name)) {
                    hides.putIfAbsent(name, "the one in " + folder);
                } else {
                    queries.put(name, read(file, name));
                    from.put(name, folder);
                }
            }
        }
        for (SavedQuery builtIn : SavedQueries.all()) {
            if (queries.putIfAbsent(builtIn.name(), builtIn) != null) hides.put(builtIn.name(), "the built-in");
        }
        List<Listed> listed = new ArrayList<>();
        queries.forEach((name, query) -> listed.add(new Listed(query, !from.containsKey(name) ? BUILT_IN
                : from.get(name) + (hides.containsKey(name) ? " (overrides " + hides.get(name) + ")" : ""))));
        return listed;
    }

    /** Writes every query as rows: name, parameters, description, source. */
    public void print(ResultWriter writer) {
        List<Listed> all = list();
        writer.begin(new ResultColumns(List.of("name", "parameters", "description", "source"),
                List.of(Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR)));
        for (Listed listed : all) {
            SavedQuery query = listed.query();
            writer.row(new Object[] {query.name(), query.paramSummary(), query.description(), listed.source()});
        }
        writer.end();
    }

    /**
     * The user's folders that exist, each refused if someone else may write it: whoever can add a file
     * there chooses what a saved query's name runs, a built-in one's included, under your account.
     */
    private List<Path> searched() {
        List<Path> existing = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) continue;
            requireOnlyYoursToChange(folder, "saved-query folder ");
            existing.add(folder);
        }
        return existing;
    }

    /** Refuses (exit 2, with the chmod that fixes it) a folder or file that group or others may write. */
    private static void requireOnlyYoursToChange(Path path, String what) {
        Optional<String> writable;
        try {
            writable = PrivateFiles.writableByOthers(path);
        } catch (IOException e) {
            throw Failure.usage("cannot check the permissions of " + what + path + " (" + e.getMessage() + ")");
        }
        if (writable.isPresent()) {
            throw Failure.usage(what + path + " is writable by other users (" + writable.get()
                    + "), who could change what your saved queries run; fix it with: " + PrivateFiles.chmodToStopOthersWriting(path));
        }
    }

    private static SavedQuery read(Path file, String name) {
        requireOnlyYoursToChange(file, "saved query ");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.usage(file + ": cannot read it (" + e.getMessage() + ")");
        }
        return SavedQuery.parse(name, text, file.toString());
    }

    /** The .sql files directly in a folder, sorted; none when it does not exist. Hidden files (editors' locks) are left out. */
    private static List<Path> sqlFiles(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql") && !f.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw Failure.usage(folder + ": cannot list the saved queries in it (" + e.getMessage() + ")");
        }
    }

    private static String nameOf(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.length() - ".sql".length());
    }

    private static String suggestedName(String name) {
        String suggested = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+|-+$", "");
        return suggested.isEmpty() ? "my-query" : suggested;
    }
}
