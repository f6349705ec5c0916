package valor.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import valor.base.Failure;
import valor.store.H2Errors;

/**
 * The {@code athlete} parameter the saved queries share takes an athlete's id or full name. A
 * value that is neither would make a query return nothing, which reads like "no data"; this check
 * says so instead and names the closest names. It runs before the query in {@link QueryRunner},
 * so valor-sql and valor-shell's helpers both get it, for every query whose header declares the
 * parameter (the built-in ones, the user's own and -f files).
 */
public final class AthleteMatch {
    static final String PARAMETER = "athlete";
    private static final int SUGGESTIONS = 3;

    /** A name offered in place of the value, and how far it is from it. */
    private record Candidate(String shown, boolean contains, int distance) {}

    private AthleteMatch() {}

    /**
     * An athlete a flag named: the id, the first and last name (empty when the API sent none), and whether the API
     * no longer lists them.
     */
    public record Athlete(String id, String name, boolean deleted) {}

    /**
     * The one athlete {@code value} names for a command's {@code flag} (e.g. valor-export's --athlete): an id, or a
     * full name in any case, as the saved queries match it; one the API still lists before a deleted one of the same
     * name. No one, or several people of that name, is a usage error (exit 2) naming the closest names or the ids.
     */
    public static Athlete one(Connection connection, String flag, String value) {
        if (value == null || value.isBlank()) throw Failure.usage(flag + " needs an athlete id or full name");
        String wanted = value.strip();
        try {
            List<Athlete> listed = new ArrayList<>();
            List<Athlete> deleted = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT athlete_id, TRIM(CONCAT(first_name, ' ', last_name)), deleted_at"
                    + " FROM athletes WHERE athlete_id = ? OR LOWER(TRIM(CONCAT(first_name, ' ', last_name))) = LOWER(?) ORDER BY athlete_id")) {
                query.setString(1, wanted);
                query.setString(2, wanted);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        boolean gone = rows.getObject(3) != null;
                        (gone ? deleted : listed).add(new Athlete(rows.getString(1), rows.getString(2), gone));
                    }
                }
            }
            List<Athlete> found = listed.isEmpty() ? deleted : listed; // a deleted athlete's history is still theirs
            if (found.isEmpty()) throw Failure.usage(flag + ": no athlete has the id or name '" + wanted + "'; " + suggestions(connection, wanted));
            if (found.size() > 1) {
                throw Failure.usage(flag + ": " + found.size() + " athletes are called '" + wanted + "'; give one's id: "
                        + String.join(", ", found.stream().map(Athlete::id).toList()));
            }
            return found.get(0);
        } catch (SQLException e) {
            throw Failure.failed("database error: " + H2Errors.firstLine(e), e);
        }
    }

    /** Passes when some athlete, deleted or not, has {@code value} as id or (ignoring case) as full name, as the queries match. */
    static void requireSomeone(Connection connection, String value) {
        if (value == null) return;
        try {
            if (matches(connection, value)) return;
            throw Failure.failed("no athlete has the id or name '" + value + "'; " + suggestions(connection, value));
        } catch (SQLException e) {
            throw Failure.failed("database error: " + H2Errors.firstLine(e), e);
        }
    }

    private static boolean matches(Connection connection, String value) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM athletes WHERE athlete_id = ?"
                + " OR LOWER(TRIM(CONCAT(first_name, ' ', last_name))) = LOWER(?) LIMIT 1")) {
            query.setString(1, value);
            query.setString(2, value);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** "did you mean A, B or C?": names containing the value first, then the fewest edits away (of the name, the name reversed, or the id). */
    private static String suggestions(Connection connection, String value) throws SQLException {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        List<Candidate> candidates = new ArrayList<>();
        int athletes = 0;
        try (PreparedStatement query = connection.prepareStatement("SELECT athlete_id, TRIM(CONCAT(first_name, ' ', last_name))"
                + " FROM athletes WHERE deleted_at IS NULL ORDER BY 2, 1");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                athletes++;
                String id = rows.getString(1);
                String name = rows.getString(2);
                String lower = name.toLowerCase(Locale.ROOT);
                boolean contains = !wanted.isEmpty() && !lower.isEmpty() && (lower.contains(wanted) || wanted.contains(lower));
                int byName = Math.min(EditDistance.between(wanted, lower), EditDistance.between(wanted, reversed(lower)));
                int byId = EditDistance.between(wanted, id.toLowerCase(Locale.ROOT));
                String shown = name.isEmpty() || byId < byName ? (name + " (" + id + ")").strip() : name;
                candidates.add(new Candidate(shown, contains, Math.min(byName, byId)));
            }
        }
        if (athletes == 0) return "the store has no athletes";
        int close = Math.max(2, wanted.length() / 3);
        List<String> closest = candidates.stream().filter(c -> c.contains() || c.distance() <= close)
                .sorted(Comparator.comparing((Candidate c) -> !c.contains()).thenComparingInt(Candidate::distance))
                .map(Candidate::shown).distinct().limit(SUGGESTIONS).toList();
        if (closest.isEmpty()) {
            return "none of the store's " + athletes + " athletes has a name close to it"
                    + " (select athlete_id, athlete_name from athlete_summary lists them)";
        }
        if (closest.size() == 1) return "did you mean " + closest.get(0) + "?";
        return "did you mean " + String.join(", ", closest.subList(0, closest.size() - 1)) + " or " + closest.get(closest.size() - 1) + "?";
    }

    /** "cohen noah" for "noah cohen": people type names in either order. */
    private static String reversed(String name) {
        int space = name.lastIndexOf(' ');
        return space < 0 ? name : name.substring(space + 1) + " " + name.substring(0, space);
    }
}
