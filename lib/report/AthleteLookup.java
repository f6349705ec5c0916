package valor.report;

import java.sql.Connection;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import valor.query.AthleteMatch;

/**
 * Which athlete --athlete means (an id, or a full name in any case, as query.AthleteMatch matches
 * it for every command's flag: a value that names no one or several people is a usage error with
 * the closest names or the ids), and everyone --all draws.
 */
public final class AthleteLookup {
    private AthleteLookup() {}

    public static Athlete find(Connection connection, String value) {
        AthleteMatch.Athlete match = AthleteMatch.one(connection, "--athlete", value);
        return new Athlete(match.id(), match.name(), match.deleted());
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
