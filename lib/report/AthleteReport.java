package valor.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import valor.base.Json;
import valor.output.SqlValues;

/**
 * Everything one athlete's page shows, read from the store in one go and kept as the JSON the
 * page embeds (so the charts and a test read the same numbers):
 * {athlete, period, totals, weekly, exerciseMix, metrics, asymmetry, asymmetryByMetric, rangeOfMotion, latestSessions}.
 */
public final class AthleteReport {
    static final int LATEST_SESSIONS = 20;

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
        asymmetry(connection, params, root.putArray("asymmetry"));
        asymmetryByMetric(connection, athlete, since, totals, root.putArray("asymmetryByMetric"));

        ArrayNode rom = root.putArray("rangeOfMotion");
        for (Map<String, Object> row : ReportRows.run(connection, ReportQueries.RANGE_OF_MOTION, params)) {
            rom.addObject().put("joint", text(row.get("joint"))).put("sessions", whole(row.get("sessions")))
                    .put("latest", number(row.get("latest_rom"))).put("mean", number(row.get("mean_rom")))
                    .put("min", number(row.get("min_rom"))).put("max", number(row.get("max_rom")))
                    .put("latestAt", text(row.get("latest_at")));
        }

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
     * (L and R; F and B for trunk flexion), in time order. metric-trend has no period parameter, so
     * its rows before --since are left out here.
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
                side.getValue().stream().sorted(Comparator.comparing((Map<String, Object> r) -> (Instant) r.get("recorded_at"))
                        .thenComparing(r -> text(r.get("session_id")))).forEach(row -> points.addArray()
                        .add(text(row.get("recorded_at"))).add(number(row.get("avg_max"))).add(text(row.get("exercise_name"))));
            });
        }
    }

    /** L against R per session, one series per metric, for the chart with the ±10% band. */
    private static void asymmetry(Connection connection, Map<String, String> params, ArrayNode out) {
        Map<String, ArrayNode> byMetric = new LinkedHashMap<>();
        for (Map<String, Object> row : ReportRows.run(connection, ReportQueries.ASYMMETRY, params)) {
            String metric = text(row.get("metric"));
            ArrayNode points = byMetric.computeIfAbsent(metric, m -> {
                ObjectNode entry = out.addObject();
                entry.put("group", text(row.get("metric_group")));
                entry.put("metric", m);
                return entry.putArray("points");
            });
            points.addArray().add(text(row.get("recorded_at"))).add(number(row.get("asymmetry_pct"))).add(text(row.get("exercise_name")));
        }
    }

    /**
     * metric-asymmetry's mean per exercise and metric over the period, largest first. It counts
     * days back from today, so the period becomes the days since --since (or since the first session).
     */
    private static void asymmetryByMetric(Connection connection, Athlete athlete, LocalDate since, Map<String, Object> totals, ArrayNode out) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = since != null ? since
                : totals.get("first_session_at") instanceof Instant at ? at.atZone(ZoneOffset.UTC).toLocalDate() : today;
        Map<String, String> params = new HashMap<>();
        params.put("athlete", athlete.id());
        params.put("days", String.valueOf(Math.max(0, ChronoUnit.DAYS.between(first, today))));
        for (Map<String, Object> row : ReportRows.run(connection, ReportQueries.builtIn("metric-asymmetry"), params)) {
            out.addObject().put("exercise", text(row.get("exercise_name"))).put("metric", text(row.get("metric")))
                    .put("sessions", whole(row.get("sessions"))).put("meanLeft", number(row.get("mean_left")))
                    .put("meanRight", number(row.get("mean_right"))).put("asymmetryPct", number(row.get("asymmetry_pct")));
        }
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
