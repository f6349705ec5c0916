package valor.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts, per entity and column, the records whose field was absent or unreadable, so the run
 * can say once, clearly, which field it could not find instead of leaving silent NULLs.
 */
public final class FieldReport {
    private final Map<String, Problem> problems = new LinkedHashMap<>();

    private static final class Problem {
        long missing;
        long unreadable;
        String example;
    }

    synchronized void missing(Entity entity, Entity.Column column) {
        problem(entity, column).missing++;
    }

    synchronized void unreadable(Entity entity, Entity.Column column, String key, String why) {
        Problem problem = problem(entity, column);
        problem.unreadable++;
        if (problem.example == null) problem.example = key + " " + why;
    }

    private Problem problem(Entity entity, Entity.Column column) {
        return problems.computeIfAbsent(entity.name() + "." + column.name(), k -> new Problem());
    }

    /** One line per column with trouble, e.g. "sessions.recorded_at: 12 records had no such field (looked for ...)". */
    public synchronized List<String> warnings() {
        List<String> lines = new ArrayList<>();
        problems.forEach((column, problem) -> {
            if (problem.missing > 0) {
                lines.add(column + ": " + problem.missing + " record(s) had no field for it; left empty, raw JSON kept");
            }
            if (problem.unreadable > 0) {
                lines.add(column + ": " + problem.unreadable + " record(s) had a value that could not be read (e.g. "
                        + problem.example + "); left empty, raw JSON kept");
            }
        });
        return lines;
    }
}
