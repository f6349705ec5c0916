package valor.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import valor.base.Json;
import valor.output.SqlValues;
import valor.query.SavedQuery;

/**
 * Everything one athlete's page shows, read from the store in one go and kept as the JSON the
 * page embeds (so the charts and a test read the same numbers):
 * {athlete, period, totals, weekly, exerciseMix, metrics, asymmetryScale, asymmetry, asymmetryByMetric, rangeOfMotion, latestSessions}.
 */
public final class AthleteReport {
    static final int LATEST_SESSIONS = 20;
    /** Sessions in a trend's rolling mean: as metric-trend's mean_last_5. */
    static final int ROLLING = 5;

    private AthleteReport() {}

    /** @param since the first day to count (UTC), or null for all time */
    public static ObjectNode collect(Connection connection, Athlete athlete, LocalDate since) {
        Map<String, String> params = new HashMap<>();
        params.put("athlete_id", athlete.id());
        params.put("since", since == null ? null : since.toString());
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode who = root.putObject("athlete");
        who.put("id", athlete.id());
        who.put("name", athlete.shown());
        who.put("deleted", athlete.deleted());

        Map<String, Object> totals = ReportRows.run(connection, ReportQueries.TOTALS, params).get(0);
        ObjectNode period = root.putObject("period");
        period.put("since", since == null ? null : since.toString());
        period.put("firstSession", text(totals.get("first_session_at")));
        period.put("lastSession", text(totals.get("last_session_at")));
        period.put("spansYears", spansYears(since, totals));
        root.put("rollingSessions", ROLLING);
        ObjectNode sums = root.putObject("totals");
        sums.put("sessions", whole(totals.get("sessions")));
        sums.put("minutes", number(totals.get("total_min")));
        sums.put("exercises", whole(totals.get("exercises")));
        sums.put("reportSessions", whole(totals.get("report_sessions")));
        sums.put("ikSessions", whole(totals.get("ik_sessions")));

        ArrayNode weekly = root.putArray("weekly");
        for (Map<String, Object> row : ReportRows.run(connection, ReportQueries.WEEKLY, params)) {
            weekly.addObject().put("week", text(row.get("iso_week"))).put("weekStart", text(row.get("week_start")))
                    .put("sessions", whole(row.get("sessions"))).put("minutes", number(row.get("total_min")));
        }

        ArrayNode mix = root.putArray("exerciseMix");
        Map<String, String> mixParams = new HashMap<>();
        mixParams.put("athlete", athlete.id());
        mixParams.put("since", params.get("since"));
        for (Map<String, Object> row : ReportRows.run(connection, ReportQueries.builtIn("exercise-mix"), mixParams)) {
            mix.addObject().put("exercise", text(row.get("exercise_name"))).put("sessions", whole(row.get("sessions")))
                    .put("sharePct", number(row.get("share_pct"))).put("minutes", number(row.get("total_min")));
        }

        metrics(connection, athlete, since, params, root.putArray("metrics"));
        asymmetry(connection, params, root);
        asymmetryByMetric(connection, athlete, since, root.putArray("asymmetryByMetric"));

        rangeOfMotion(connection, params, root.putArray("rangeOfMotion"));

        ArrayNode latest = root.putArray("latestSessions");
        Map<String, String> latestParams = new HashMap<>(params);
        latestParams.put("limit", String.valueOf(LATEST_SESSIONS));
        for (Map<String, Object> row : ReportRows.run(connection, ReportQueries.LATEST_SESSIONS, latestParams)) {
            latest.addObject().put("recordedAt", text(row.get("recorded_at"))).put("exercise", text(row.get("exercise_name")))
                    .put("minutes", number(row.get("duration_min"))).put("inAssessment", Boolean.TRUE.equals(row.get("in_assessment")))
                    .put("report", Boolean.TRUE.equals(row.get("has_report"))).put("ik", Boolean.TRUE.equals(row.get("has_ik")))
                    .put("sessionId", text(row.get("session_id")));
        }
        return root;
    }

    /**
     * One entry per report metric: its value per session through metric-trend, one series per side
     * (L and R; F and B for trunk flexion), in time order, with the mean of the last
     * {@value #ROLLING} sessions at each session (a session's value zig-zags; the mean shows the
     * trend). metric-trend has no period parameter, so its rows before --since are left out here.
     */
    private static void metrics(Connection connection, Athlete athlete, LocalDate since, Map<String, String> params, ArrayNode out) {
        Instant from = since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Map<String, Object> metric : ReportRows.run(connection, ReportQueries.METRICS, params)) {
            String group = text(metric.get("metric_group"));
            String name = text(metric.get("metric"));
            Map<String, String> trendParams = new HashMap<>();
            trendParams.put("metric", name);
            trendParams.put("athlete", athlete.id());
            Map<String, List<Map<String, Object>>> bySide = new LinkedHashMap<>();
            for (Map<String, Object> row : ReportRows.run(connection, ReportQueries.builtIn("metric-trend"), trendParams)) {
                if (!group.equals(row.get("metric_group")) || row.get("avg_max") == null) continue;
                if (from != null && ((Instant) row.get("recorded_at")).isBefore(from)) continue;
                bySide.computeIfAbsent(text(row.get("side")), side -> new ArrayList<>()).add(row);
            }
            ObjectNode entry = out.addObject();
            entry.put("group", group);
            entry.put("metric", name);
            ArrayNode sides = entry.putArray("sides");
            bySide.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparingInt(AthleteReport::sideOrder))).forEach(side -> {
                ObjectNode series = sides.addObject();
                series.put("side", side.getKey());
                ArrayNode points = series.putArray("points");
                List<Map<String, Object>> rows = side.getValue().stream().sorted(Comparator.comparing((Map<String, Object> r) -> (Instant) r.get("recorded_at"))
                        .thenComparing(r -> text(r.get("session_id")))).toList();
                for (Map<String, Object> row : rows) {
                    points.addArray().add(text(row.get("recorded_at"))).add(number(row.get("avg_max"))).add(text(row.get("exercise_name")));
                }
                rolling(rows.stream().map(r -> text(r.get("recorded_at"))).toList(), rows.stream().map(r -> number(r.get("avg_max"))).toList(),
                        series.putArray("rolling"));
            });
        }
    }

    /**
     * L against R per session, one entry per metric (a small chart each, with the ±10% band): its
     * sessions' percentages in time order ([time, shown, exercise, value]: shown is the value, or the
     * edge of the shared scale for one beyond it), their rolling mean and their mean. Every chart has
     * the same scale, {@code asymmetryScale}: ±15% at least, else the 98th percentile of the sizes
     * rounded up to 5, so one glitch does not flatten every chart.
     */
    private static void asymmetry(Connection connection, Map<String, String> params, ObjectNode root) {
        Map<String, List<Map<String, Object>>> byMetric = new LinkedHashMap<>();
        List<Double> sizes = new ArrayList<>();
        for (Map<String, Object> row : ReportRows.run(connection, ReportQueries.ASYMMETRY, params)) {
            byMetric.computeIfAbsent(text(row.get("metric_group")) + "\u0000" + text(row.get("metric")), m -> new ArrayList<>()).add(row);
            sizes.add(Math.abs(number(row.get("asymmetry_pct"))));
        }
        Collections.sort(sizes);
        double scale = sizes.isEmpty() ? 15 : Math.max(15, Math.ceil(sizes.get((int) Math.ceil(0.98 * sizes.size()) - 1) / 5) * 5);
        root.put("asymmetryScale", scale);
        ArrayNode out = root.putArray("asymmetry");
        for (List<Map<String, Object>> rows : byMetric.values()) {
            ObjectNode entry = out.addObject();
            entry.put("group", text(rows.get(0).get("metric_group")));
            entry.put("metric", text(rows.get(0).get("metric")));
            entry.put("sessions", rows.size());
            entry.put("meanPct", rows.stream().mapToDouble(r -> number(r.get("asymmetry_pct"))).average().orElse(0));
            ArrayNode points = entry.putArray("points");
            for (Map<String, Object> row : rows) {
                double pct = number(row.get("asymmetry_pct"));
                points.addArray().add(text(row.get("recorded_at"))).add(Math.max(-scale, Math.min(scale, pct))).add(text(row.get("exercise_name"))).add(pct);
            }
            rolling(rows.stream().map(r -> text(r.get("recorded_at"))).toList(), rows.stream().map(r -> number(r.get("asymmetry_pct"))).toList(),
                    entry.putArray("rolling"));
        }
    }

    /** [time, mean of the values of the last {@value #ROLLING} points up to this one] for each point, in order. */
    static void rolling(List<String> times, List<Double> values, ArrayNode out) {
        for (int i = 0; i < values.size(); i++) {
            out.addArray().add(times.get(i)).add(values.subList(Math.max(0, i + 1 - ROLLING), i + 1).stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        }
    }

    /**
     * metric-asymmetry's mean per exercise and metric over the page's period, largest first, with
     * the query's own defaults (min_sessions): the page's "largest asymmetry" is the query's.
     */
    private static void asymmetryByMetric(Connection connection, Athlete athlete, LocalDate since, ArrayNode out) {
        Map<String, String> params = new HashMap<>();
        params.put("athlete", athlete.id());
        params.put("since", since == null ? null : since.toString());
        for (Map<String, Object> row : ReportRows.run(connection, ReportQueries.builtIn("metric-asymmetry"), params)) {
            out.addObject().put("exercise", text(row.get("exercise_name"))).put("metric", text(row.get("metric")))
                    .put("sessions", whole(row.get("sessions"))).put("meanLeft", number(row.get("mean_left")))
                    .put("meanRight", number(row.get("mean_right"))).put("asymmetryPct", number(row.get("asymmetry_pct")));
        }
    }

    /** The fewest sessions metric-asymmetry counts an exercise and metric in by default, for the page to say. */
    static String minSessions() {
        SavedQuery.Param param = ReportQueries.builtIn("metric-asymmetry").param("min_sessions");
        return param == null ? "1" : param.defaultValue();
    }

    /**
     * Range of motion like with like: per exercise with joint angles (the most recent first), each
     * joint's range in the exercise's latest session against that exercise's earlier sessions
     * (their mean, least and most), never against other exercises.
     */
    private static void rangeOfMotion(Connection connection, Map<String, String> params, ArrayNode out) {
        Map<String, ObjectNode> byExercise = new LinkedHashMap<>();
        for (Map<String, Object> row : ReportRows.run(connection, ReportQueries.RANGE_OF_MOTION, params)) {
            ObjectNode exercise = byExercise.computeIfAbsent(text(row.get("exercise_id")), id -> {
                ObjectNode entry = out.addObject();
                entry.put("exercise", text(row.get("exercise_name")));
                entry.put("sessions", whole(row.get("exercise_sessions")));
                entry.put("latestAt", text(row.get("latest_at")));
                entry.put("latestSessionId", text(row.get("latest_session_id")));
                entry.putArray("joints");
                return entry;
            });
            ((ArrayNode) exercise.get("joints")).addObject().put("joint", text(row.get("joint"))).put("latest", number(row.get("latest_rom")))
                    .put("earlierSessions", whole(row.get("earlier_sessions"))).put("earlierMean", number(row.get("earlier_mean")))
                    .put("earlierMin", number(row.get("earlier_min"))).put("earlierMax", number(row.get("earlier_max")));
        }
    }

    /** Whether the period's first and last days fall in different years: then dates on the page carry the year. */
    private static boolean spansYears(LocalDate since, Map<String, Object> totals) {
        if (!(totals.get("last_session_at") instanceof Instant last)) return false;
        LocalDate from = since != null ? since
                : totals.get("first_session_at") instanceof Instant first ? first.atZone(ZoneOffset.UTC).toLocalDate() : null;
        return from != null && from.getYear() != last.atZone(ZoneOffset.UTC).getYear();
    }

    private static int sideOrder(String side) {
        int known = List.of("L", "R", "F", "B").indexOf(side);
        return known < 0 ? 99 : known;
    }

    private static String text(Object value) {
        return SqlValues.text(value);
    }

    private static Long whole(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static Double number(Object value) {
        if (value == null) return null;
        if (value instanceof Number n) return n.doubleValue();
        return Double.valueOf(value.toString());
    }
}
