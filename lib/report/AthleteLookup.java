package valor.report;

import java.sql.Connection;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import valor.base.Failure;

/**
 * Which athlete --athlete means: an id, or a full name in any case, matched as the saved queries'
 * athlete parameter matches it. A value that names no one stops with the saved queries' own line
 * and its "did you mean ...?" (query.AthleteMatch), as a usage error: the user mistyped a flag,
 * the data is not at fault.
 */
public final class AthleteLookup {
    private AthleteLookup() {}

    public static Athlete find(Connection connection, String value) {
        if (value == null || value.isBlank()) throw Failure.usage("--athlete needs an athlete id or full name");
        List<Athlete> found;
        try {
            found = athletes(ReportRows.run(connection, ReportQueries.LOOKUP, Map.of("athlete", value.strip())));
        } catch (Failure noOne) {
            // AthleteMatch's "no athlete has the id or name 'x'; did you mean ...?" is exit 1 in valor-sql, where the query is the input.
            if (noOne.exitCode() == Failure.FAILED && noOne.getMessage().startsWith("no athlete")) throw Failure.usage(noOne.getMessage());
            throw noOne;
        }
        if (found.isEmpty()) throw Failure.usage("no athlete has the id or name '" + value.strip() + "'");
        List<Athlete> listed = found.stream().filter(a -> !a.deleted()).toList();
        List<Athlete> candidates = listed.isEmpty() ? found : listed; // a deleted athlete's history is still theirs to report
        if (candidates.size() > 1) {
            List<String> ids = candidates.stream().map(Athlete::id).toList();
            throw Failure.usage(candidates.size() + " athletes are called '" + value.strip() + "'; give one's id: " + String.join(", ", ids));
        }
        return candidates.get(0);
    }

    /**
     * Every athlete the API lists, by name as people sort names in the locale (Ángel with the A's;
     * the database's order puts it after Z), then by id.
     */
    public static List<Athlete> everyone(Connection connection, Locale locale) {
        Collator collator = Collator.getInstance(locale);
        List<Athlete> athletes = new ArrayList<>(athletes(ReportRows.run(connection, ReportQueries.EVERYONE, Map.of())));
        athletes.sort(Comparator.comparing(Athlete::shown, collator).thenComparing(Athlete::id));
        return athletes;
    }

    private static List<Athlete> athletes(List<Map<String, Object>> rows) {
        List<Athlete> athletes = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            athletes.add(new Athlete((String) row.get("athlete_id"), (String) row.get("athlete_name"), Boolean.TRUE.equals(row.get("deleted"))));
        }
        return athletes;
    }
}
