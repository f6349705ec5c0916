package valor.export;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import valor.base.Failure;
import valor.ik.IkSelection;
import valor.query.AthleteMatch;
import valor.query.EditDistance;
import valor.store.H2Errors;

/**
 * What valor-export's --athlete, --since, --until and --joint keep, table by table, decided by the
 * columns a table has, so a view of the user's own is filtered as the built-in ones are: the
 * athletes' rows where it has athlete_id; the sessions recorded in those days where it has
 * recorded_at (assessments where it has assessed_at); through session_id, the rows of those
 * athletes' sessions in those days where it lacks either; those joints where it has joint. A table
 * with none of them (exercises, sync_runs) is exported whole, and athlete_summary keeps its totals
 * over all time. In ik_samples all four apply.
 *
 * @param athleteIds the athletes --athlete named, resolved to ids (empty: everyone)
 * @param since      first day, UTC (null: no limit)
 * @param until      last day, UTC, included (null: no limit)
 * @param joints     joint names as the API sends them (empty: every joint)
 */
public record ExportFilter(List<String> athleteIds, LocalDate since, LocalDate until, List<String> joints) {
    public static final ExportFilter NONE = new ExportFilter(List.of(), null, null, List.of());

    /**
     * The filter the flags ask for, checked against the store: each --athlete names one athlete (an
     * id or a full name; a misspelt one gets "did you mean"), each --joint a joint the store has
     * series of, and --since is not after --until. Usage errors (exit 2) otherwise.
     */
    public static ExportFilter of(Connection store, List<String> athletes, LocalDate since, LocalDate until, List<String> joints) {
        if (since != null && until != null && since.isAfter(until)) throw Failure.usage("--since " + since + " is after --until " + until);
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String athlete : athletes) ids.add(AthleteMatch.one(store, "--athlete", athlete).id());
        if (!joints.isEmpty()) {
            List<String> stored = storedJoints(store);
            for (String joint : joints) {
                if (stored.contains(joint)) continue;
                List<String> close = EditDistance.closest(joint, stored, 3);
                throw Failure.usage("--joint: the store has no series of a joint named '" + joint + "'; " + (close.isEmpty()
                        ? (stored.isEmpty() ? "it has no IK series (valor-sync --with ik fetches them)" : "it has " + String.join(", ", stored))
                        : "did you mean " + EditDistance.choices(close) + "?"));
            }
        }
        return new ExportFilter(List.copyOf(ids), since, until, List.copyOf(new LinkedHashSet<>(joints)));
    }

    /** Every joint name the store has a series of, in alphabetical order. */
    static List<String> storedJoints(Connection store) {
        List<String> joints = new ArrayList<>();
        try (Statement query = store.createStatement(); ResultSet rows = query.executeQuery("SELECT DISTINCT joint FROM ik_joint_series ORDER BY joint")) {
            while (rows.next()) joints.add(rows.getString(1));
        } catch (SQLException e) {
            throw Failure.failed("database error: " + H2Errors.firstLine(e), e);
        }
        return joints;
    }

    /** A WHERE clause (empty, or starting with " WHERE") and the values to bind to its parameters in order. */
    record Where(String sql, List<Object> values) {}

    public ExportFilter {
        athleteIds = List.copyOf(athleteIds);
        joints = List.copyOf(joints);
    }

    public boolean isEmpty() {
        return athleteIds.isEmpty() && since == null && until == null && joints.isEmpty();
    }

    IkSelection ikSelection() {
        return new IkSelection(athleteIds, since, until, joints);
    }

    /** The rows of a table with these columns (lower case) that the filter keeps. */
    Where where(Set<String> columns) {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        String when = columns.contains("recorded_at") ? "recorded_at" : columns.contains("assessed_at") ? "assessed_at" : null;
        boolean athletes = !athleteIds.isEmpty();
        boolean days = since != null || until != null;
        List<String> bySession = new ArrayList<>();
        List<Object> bySessionValues = new ArrayList<>();
        if (athletes) {
            if (columns.contains("athlete_id")) in("athlete_id", athleteIds, conditions, values);
            else in("athlete_id", athleteIds, bySession, bySessionValues);
        }
        if (days) {
            if (when != null) between(when, conditions, values);
            else between("recorded_at", bySession, bySessionValues);
        }
        if (!bySession.isEmpty() && columns.contains("session_id")) {
            conditions.add("session_id IN (SELECT session_id FROM sessions WHERE " + String.join(" AND ", bySession) + ")");
            values.addAll(bySessionValues);
        }
        if (!joints.isEmpty() && columns.contains("joint")) in("joint", joints, conditions, values);
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), values);
    }

    private static void in(String column, List<String> wanted, List<String> conditions, List<Object> values) {
        conditions.add(column + " IN (" + "?, ".repeat(wanted.size() - 1) + "?)");
        values.addAll(wanted);
    }

    private void between(String column, List<String> conditions, List<Object> values) {
        if (since != null) {
            conditions.add(column + " >= ?");
            values.add(since.atStartOfDay());
        }
        if (until != null) {
            conditions.add(column + " < ?");
            values.add(until.plusDays(1).atStartOfDay());
        }
    }
}
