package valor.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import valor.base.Html;
import valor.chart.EChartsScript;

/**
 * One athlete's page, the one a coach opens: the header (name, id, period, totals), sessions and
 * minutes per week, the exercise mix, range of motion per joint (an exercise's latest session
 * against its own earlier ones), the asymmetry as a small chart per metric with the ±10% band,
 * each report metric's trend per side (each session, and the rolling mean to read), the largest
 * mean asymmetries and the latest sessions. ECharts is inlined, so the file opens offline. The
 * header and tables are HTML; the charts are drawn in the page from the data element
 * ({@link AthleteReport}'s JSON), and the page keeps them in {@code window.valorCharts}
 * (sessionsPerWeek, minutesPerWeek, exerciseMix, rangeOfMotion, and asymmetry and metricTrends by
 * metric name) so anything that drives a browser can read them back.
 */
public final class ReportPage {
    static final String DATA_ID = "valor-report-data";
    static final int ASYMMETRY_ROWS = 15;

    private ReportPage() {}

    /** @param index the index page's file name to link back to (--all), or null */
    public static String html(ObjectNode data, String index) throws IOException {
        String name = data.path("athlete").path("name").asText();
        String echarts = EChartsScript.inline();
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                %s
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s – Valor report</title>
                <style>%s</style>
                </head>
                <body>
                %s
                <header>
                <h1>%s</h1>
                <p class="meta">%s</p>
                <div class="totals">%s</div>
                </header>
                <main>
                <section class="card"><h2>Sessions per week</h2><div class="chart" id="sessions-per-week"></div></section>
                <section class="card"><h2>Minutes per week</h2><div class="chart" id="minutes-per-week"></div></section>
                <section class="card"><h2>Exercise mix</h2><div class="chart" id="exercise-mix"></div></section>
                <section class="card"><h2>Range of motion per joint (IK)</h2>
                <p class="note">An exercise's latest session against its own earlier sessions, never against other exercises.</p>
                <label class="pick">Exercise <select id="rom-exercise"></select></label>
                <p class="note" id="rom-note"></p>
                <div class="chart" id="range-of-motion"></div></section>
                <section class="card wide"><h2>Left/right asymmetry per metric</h2>
                <p class="note">100 × (L − R) / mean(L, R) per session (dots) and the mean of the last %d sessions (line): above 0 the
                left side is larger. The shaded band is ±10%%; every chart has the same scale.</p>
                <div id="asymmetry" class="grid"></div></section>
                <section class="card wide"><h2>Report metrics over time</h2>
                <p class="note">Each session (dots) and the mean of the last %d sessions (line), per side.</p>
                <div id="metric-trends" class="grid"></div></section>
                <section class="card wide"><h2>Mean asymmetry per exercise and metric</h2>%s</section>
                <section class="card wide"><h2>Latest sessions</h2>%s</section>
                </main>
                <footer>Made by valor-report from the local store; times are UTC.</footer>
                <script id="%s" type="application/json">%s</script>
                <script>%s</script>
                <script>%s</script>
                </body>
                </html>
                """.formatted(Html.policy(echarts, CHARTS), Html.text(name), STYLE, index == null ? "" : "<nav><a href=\"" + Html.text(index) + "\">← all athletes</a></nav>",
                Html.text(name) + (data.path("athlete").path("deleted").asBoolean() ? " <small>(deleted)</small>" : ""),
                meta(data), totals(data.path("totals")), AthleteReport.ROLLING, AthleteReport.ROLLING, asymmetryTable(data.path("asymmetryByMetric")),
                latestTable(data.path("latestSessions")), DATA_ID, Html.json(data), echarts, CHARTS);
    }

    private static String meta(JsonNode data) {
        JsonNode period = data.path("period");
        String from = !period.path("since").isNull() && period.has("since") ? period.path("since").asText() + " (--since)"
                : day(period.path("firstSession"));
        String to = day(period.path("lastSession"));
        String span = period.path("lastSession").isNull() ? "no sessions" + (period.path("since").isNull() ? "" : " since " + period.path("since").asText())
                : from + " to " + to;
        return "Athlete id <code>" + Html.text(data.path("athlete").path("id").asText()) + "</code> · " + Html.text(span);
    }

    private static String totals(JsonNode totals) {
        StringBuilder html = new StringBuilder();
        box(html, "sessions", String.valueOf(totals.path("sessions").asLong()));
        box(html, "hours", String.format(Locale.ROOT, "%.1f", totals.path("minutes").asDouble() / 60));
        box(html, "exercises", String.valueOf(totals.path("exercises").asLong()));
        box(html, "with a report", String.valueOf(totals.path("reportSessions").asLong()));
        box(html, "with joint angles", String.valueOf(totals.path("ikSessions").asLong()));
        return html.toString();
    }

    private static void box(StringBuilder html, String label, String value) {
        html.append("<div class=\"total\" data-total=\"").append(Html.text(label)).append("\"><b>").append(Html.text(value))
                .append("</b><span>").append(Html.text(label)).append("</span></div>");
    }

    private static String asymmetryTable(JsonNode rows) {
        String fewest = AthleteReport.minSessions();
        String left = "Exercises and metrics recorded in fewer than " + fewest + " sessions are left out (valor-sql metric-asymmetry -p min_sessions=1 lists them).";
        if (rows.isEmpty()) return "<p class=\"note\">No exercise and metric reported for both sides in " + Html.text(fewest) + " sessions or more in this period. "
                + "valor-sql metric-asymmetry -p min_sessions=1 lists those in fewer.</p>";
        JsonNode top = rows.get(0);
        double largest = top.path("asymmetryPct").asDouble();
        StringBuilder html = new StringBuilder("<p id=\"largest-asymmetry\">Largest: <b>" + Html.text(top.path("metric").asText()) + "</b> in <b>"
                + Html.text(top.path("exercise").asText()) + "</b>, " + String.format(Locale.ROOT, "%+.1f%%", largest)
                + (largest > 0 ? " (left larger)" : largest < 0 ? " (right larger)" : "") + " over " + top.path("sessions").asLong() + " sessions.</p>");
        // metric-asymmetry lists the largest first; past the first rows they are small and many (exercises times metrics).
        html.append("<p class=\"note\">").append(Html.text(left)).append(rows.size() <= ASYMMETRY_ROWS ? "" : " The " + ASYMMETRY_ROWS
                + " largest of " + rows.size() + "; beyond ±10% highlighted. valor-sql metric-asymmetry lists them all.").append("</p>");
        html.append("<table id=\"asymmetry-by-metric\"><thead><tr><th>Exercise</th><th>Metric</th>"
                + "<th class=\"n\">Sessions</th><th class=\"n\">Mean L</th><th class=\"n\">Mean R</th><th class=\"n\">Asymmetry</th></tr></thead><tbody>");
        for (int i = 0; i < Math.min(rows.size(), ASYMMETRY_ROWS); i++) {
            JsonNode row = rows.get(i);
            double pct = row.path("asymmetryPct").asDouble();
            html.append("<tr").append(Math.abs(pct) > 10 ? " class=\"flag\"" : "").append("><td>").append(Html.text(row.path("exercise").asText()))
                    .append("</td><td>").append(Html.text(row.path("metric").asText())).append("</td><td class=\"n\">").append(row.path("sessions").asLong())
                    .append("</td><td class=\"n\">").append(decimal(row.path("meanLeft"))).append("</td><td class=\"n\">").append(decimal(row.path("meanRight")))
                    .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%+.1f%%", pct)).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String latestTable(JsonNode rows) {
        if (rows.isEmpty()) return "<p class=\"note\">No sessions in this period.</p>";
        StringBuilder html = new StringBuilder("<table id=\"latest-sessions\"><thead><tr><th>Recorded (UTC)</th><th>Exercise</th>"
                + "<th class=\"n\">Minutes</th><th>Assessment</th><th>Report</th><th>Joint angles</th><th>Session id</th></tr></thead><tbody>");
        for (JsonNode row : rows) {
            html.append("<tr><td>").append(Html.text(row.path("recordedAt").asText().replace('T', ' ').replaceFirst("(:\\d\\d)(\\.\\d+)?Z$", "$1")))
                    .append("</td><td>").append(Html.text(row.path("exercise").asText())).append("</td><td class=\"n\">").append(decimal(row.path("minutes")))
                    .append("</td><td>").append(row.path("inAssessment").asBoolean() ? "yes" : "")
                    .append("</td><td>").append(row.path("report").asBoolean() ? "✓" : "")
                    .append("</td><td>").append(row.path("ik").asBoolean() ? "✓" : "")
                    .append("</td><td><code>").append(Html.text(row.path("sessionId").asText())).append("</code></td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String day(JsonNode instant) {
        return instant.isNull() || instant.isMissingNode() ? "" : instant.asText().substring(0, Math.min(10, instant.asText().length()));
    }

    private static String decimal(JsonNode number) {
        return number.isNull() || number.isMissingNode() ? "" : String.format(Locale.ROOT, "%.1f", number.asDouble());
    }

    private static final String STYLE = """
            body { margin: 0; font-family: system-ui, sans-serif; color: #1d2330; background: #f4f6f9; }
            nav, header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 16px; }
            nav { padding-top: 12px; } a { color: #2458b3; }
            header h1 { margin: 16px 0 4px; font-size: 28px; } header h1 small { color: #a33; font-size: 16px; }
            .meta { margin: 0 0 12px; color: #555; } code { font-size: 90%; }
            .totals { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 16px; }
            .total { background: #fff; border-radius: 8px; padding: 10px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); min-width: 110px; }
            .total b { display: block; font-size: 24px; } .total span { color: #666; font-size: 13px; }
            main { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
            .card { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); min-width: 0; }
            .card.wide { grid-column: 1 / -1; } .card h2 { margin: 0 0 8px; font-size: 17px; }
            .chart { height: 320px; } #range-of-motion { height: 420px; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 12px; }
            .grid figure { margin: 0; border: 1px solid #eef0f4; border-radius: 6px; padding: 6px 8px 0; min-width: 0; }
            .grid figcaption { font-size: 13px; font-weight: 600; overflow-wrap: anywhere; } .grid .chart { height: 230px; }
            .pick { font-size: 14px; } .pick select { font: inherit; max-width: 100%; margin-left: 6px; }
            #largest-asymmetry { margin: 0 0 6px; }
            .note { color: #666; font-size: 13px; margin: 0 0 6px; }
            table { border-collapse: collapse; width: 100%; font-size: 14px; }
            th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e6e9ef; } th { background: #f7f8fa; }
            td.n, th.n { text-align: right; } tr.flag td { background: #fff4e5; }
            footer { color: #888; font-size: 12px; padding: 16px; }
            """;

    /**
     * Draws every chart from the data element; ECharts' time axis reads the ISO timestamps as they are,
     * and labels months with their year when the period spans years. Titles, axis labels and legends
     * are drawn on canvas or set as text nodes, and ECharts' own tooltips escape what they show; a
     * formatter of ours returns HTML, so every value it puts in goes through {@code escapeHtml}.
     */
    private static final String CHARTS = """
            (function () {
              var data = JSON.parse(document.getElementById('%s').textContent);
              // keyed by metric name, whatever the name (__proto__ too)
              var charts = { metricTrends: Object.create(null), asymmetry: Object.create(null) };
              var escapeHtml = echarts.format.encodeHTML;
              var SIDES = { L: '#0072B2', R: '#D55E00', F: '#009E73', B: '#CC79A7' }; // Okabe-Ito: told apart by every common colour vision
              function draw(element, option) {
                var chart = echarts.init(element);
                option.tooltip = option.tooltip || { trigger: 'axis' };
                option.grid = option.grid || { top: 36, bottom: 36, left: 56, right: 24, containLabel: false };
                chart.setOption(option);
                window.addEventListener('resize', function () { chart.resize(); });
                return chart;
              }
              function byId(id) { return document.getElementById(id); }
              // An empty chart says why, rather than showing bare axes.
              function unless(empty, text, option) {
                if (empty) option.graphic = { type: 'text', left: 'center', top: 'middle', style: { text: text, fill: '#888', fontSize: 14 } };
                return option;
              }
              // Ticks at whole days, months and years only: the axis' own ends would read as times of day ("13:11:40").
              function timeAxis() {
                var day = data.period.spansYears ? '{d} {MMM} {yyyy}' : '{d} {MMM}';
                var labels = { year: data.period.spansYears ? '{MMM} {yyyy}' : '{yyyy}', month: data.period.spansYears ? '{MMM} {yyyy}' : '{MMM}',
                               day: day, hour: day, minute: day, second: day, millisecond: day, none: day };
                return { type: 'time', axisLabel: { hideOverlap: true, showMinLabel: false, showMaxLabel: false, formatter: labels } };
              }
              function day(time) { return String(time).slice(0, 10); }
              function signed(value, digits) { return (value > 0 ? '+' : '') + value.toFixed(digits) + '%%'; }
              // A small chart under a caption of its own (a text node: the name as it is, wrapped, never cut).
              function panel(holder, caption) {
                var figure = document.createElement('figure');
                var title = document.createElement('figcaption');
                title.textContent = caption;
                var element = document.createElement('div');
                element.className = 'chart';
                figure.appendChild(title);
                figure.appendChild(element);
                holder.appendChild(figure);
                return element;
              }
              var noSessions = 'No sessions in this period';
              function weekly(field, name) {
                return { xAxis: timeAxis(), yAxis: { type: 'value', name: name, minInterval: field === 'sessions' ? 1 : 0 },
                  dataZoom: [{ type: 'inside' }],
                  tooltip: { trigger: 'axis', formatter: function (p) {
                    var w = data.weekly[p[0].dataIndex]; return escapeHtml(w.week + ' (from ' + w.weekStart + '): ' + p[0].value[1] + ' ' + name); } },
                  series: [{ name: name, type: 'bar', barMaxWidth: 16, itemStyle: { color: '#0072B2' },
                    data: data.weekly.map(function (w) { return [w.weekStart, w[field]]; }) }] };
              }
              charts.sessionsPerWeek = draw(byId('sessions-per-week'), unless(!data.weekly.length, noSessions, weekly('sessions', 'sessions')));
              charts.minutesPerWeek = draw(byId('minutes-per-week'), unless(!data.weekly.length, noSessions, weekly('minutes', 'minutes')));
              // A bar per exercise, most recorded first, twelve at a time: athletes often record dozens, too many for a pie.
              var mix = data.exerciseMix;
              charts.exerciseMix = draw(byId('exercise-mix'), unless(!mix.length, noSessions, {
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: function (p) {
                  var m = mix[p[0].dataIndex]; return escapeHtml(m.exercise + ': ' + m.sessions + ' sessions (' + m.sharePct + '%%), ' + m.minutes + ' min'); } },
                grid: { top: 10, bottom: 44, left: 160, right: mix.length > 12 ? 40 : 16 },
                xAxis: { type: 'value', name: 'sessions', nameLocation: 'middle', nameGap: 26, minInterval: 1 },
                yAxis: { type: 'category', inverse: true, data: mix.map(function (m) { return m.exercise; }) },
                dataZoom: mix.length > 12 ? [{ type: 'slider', yAxisIndex: 0, startValue: 0, endValue: 11, width: 14, right: 8, showDetail: false },
                                             { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true }] : [],
                series: [{ name: 'sessions', type: 'bar', itemStyle: { color: '#0072B2' }, data: mix.map(function (m) { return m.sessions; }) }] }));
              // Range of motion, like with like: one exercise at a time, its latest session against its own earlier ones.
              var rom = data.rangeOfMotion;
              var pick = byId('rom-exercise');
              var shown = 0;
              rom.forEach(function (e, i) {
                var option = document.createElement('option');
                option.value = String(i);
                option.textContent = e.exercise + ' · ' + e.sessions + (e.sessions === 1 ? ' session' : ' sessions') + ', latest ' + day(e.latestAt);
                pick.appendChild(option);
              });
              for (var r = rom.length - 1; r >= 0; r--) if (rom[r].sessions > 1) shown = r; // the most recent exercise with a history
              pick.value = String(shown);
              if (!rom.length) pick.parentNode.style.display = 'none';
              function degrees(value) { return value === null ? '–' : value.toFixed(1) + '°'; }
              function rangeOfMotion(e) {
                var earlier = e.sessions - 1;
                byId('rom-note').textContent = earlier > 0
                    ? 'The latest ' + e.exercise + ' (' + day(e.latestAt) + ') against the mean of its ' + earlier + ' earlier session' + (earlier === 1 ? '' : 's') + '; hover for their range.'
                    : 'The first ' + e.exercise + ' with joint angles: nothing earlier to compare with yet.';
                return { legend: { top: 0 }, grid: { top: 30, bottom: 44, left: 170, right: 24 },
                  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: function (p) {
                    var j = e.joints[p[0].dataIndex];
                    return escapeHtml(j.joint) + '<br>' + escapeHtml('latest session: ' + degrees(j.latest))
                      + (j.earlierSessions ? '<br>' + escapeHtml('earlier ' + j.earlierSessions + ': mean ' + degrees(j.earlierMean) + ', '
                                                               + degrees(j.earlierMin) + ' to ' + degrees(j.earlierMax)) : ''); } },
                  xAxis: { type: 'value', name: 'degrees', nameLocation: 'middle', nameGap: 24 },
                  yAxis: { type: 'category', inverse: true, data: e.joints.map(function (j) { return j.joint; }) },
                  series: [{ name: 'latest session', type: 'bar', itemStyle: { color: '#0072B2' }, data: e.joints.map(function (j) { return j.latest; }) }]
                    .concat(earlier > 0 ? [{ name: 'mean of the earlier sessions', type: 'bar', itemStyle: { color: '#E69F00' },
                                             data: e.joints.map(function (j) { return j.earlierMean; }) }] : []) };
              }
              charts.rangeOfMotion = draw(byId('range-of-motion'), rom.length ? rangeOfMotion(rom[shown])
                  : unless(true, 'No joint angles in this period (valor-sync --with ik fetches them)', {}));
              pick.addEventListener('change', function () {
                charts.rangeOfMotion.setOption(rangeOfMotion(rom[Number(pick.value)]), { replaceMerge: ['series', 'yAxis'] });
              });
              // Asymmetry: a small chart per metric, all on one scale, each with the ±10%% band.
              var scale = data.asymmetryScale;
              var band = { silent: true, itemStyle: { color: 'rgba(0, 158, 115, 0.12)' }, label: { show: false },
                           data: [[{ name: '±10%%', yAxis: -10 }, { yAxis: 10 }]] };
              if (!data.asymmetry.length) {
                byId('asymmetry').outerHTML = '<p class="note">No metric reported for both sides in this period (valor-sync --with reports fetches reports).</p>';
              }
              data.asymmetry.forEach(function (m) {
                var caption = m.metric + ' · mean ' + signed(m.meanPct, 1) + ' · ' + m.sessions + (m.sessions === 1 ? ' session' : ' sessions');
                charts.asymmetry[m.metric] = draw(panel(byId('asymmetry'), caption), {
                  grid: { top: 10, bottom: 28, left: 46, right: 14 },
                  tooltip: { trigger: 'item', formatter: function (p) {
                    return p.seriesIndex === 0 ? escapeHtml(day(p.value[0]) + ', ' + p.value[2] + ': ' + signed(p.value[3], 2))
                                               : escapeHtml('mean of the last ' + data.rollingSessions + ' sessions to ' + day(p.value[0]) + ': ' + signed(p.value[1], 1)); } },
                  xAxis: timeAxis(),
                  yAxis: { type: 'value', min: -scale, max: scale, interval: scale <= 20 ? 10 : scale <= 40 ? 20 : 50,
                           axisLabel: { formatter: '{value}%%' } },
                  series: [
                    { name: 'sessions', type: 'scatter', symbolSize: 6, itemStyle: { color: '#0072B2', opacity: 0.55 }, markArea: band, data: m.points,
                      symbol: function (value) { return Math.abs(value[3]) > scale ? 'triangle' : 'circle'; } },
                    { name: 'mean of the last ' + data.rollingSessions, type: 'line', showSymbol: false, lineStyle: { width: 2.5, color: '#D55E00' },
                      itemStyle: { color: '#D55E00' }, data: m.rolling }] });
              });
              if (!data.metrics.length) {
                byId('metric-trends').outerHTML = '<p class="note">No report metrics in this period (valor-sync --with reports fetches reports).</p>';
              }
              data.metrics.forEach(function (m) {
                charts.metricTrends[m.metric] = draw(panel(byId('metric-trends'), m.metric + ' · ' + m.group), {
                  legend: { top: 0, right: 8, itemStyle: { opacity: 1 }, data: m.sides.map(function (s) { return s.side; }) },
                  grid: { top: 28, bottom: 28, left: 50, right: 16 },
                  tooltip: { trigger: 'item', formatter: function (p) {
                    var v = p.value;
                    return /mean$/.test(p.seriesId) ? escapeHtml(p.seriesName + ', mean of the last ' + data.rollingSessions + ' sessions to ' + day(v[0]) + ': ' + v[1].toFixed(2))
                                                     : escapeHtml(p.seriesName + ', ' + day(v[0]) + ', ' + v[2] + ': ' + v[1]); } },
                  xAxis: timeAxis(), yAxis: { type: 'value', scale: true },
                  dataZoom: [{ type: 'inside' }],
                  // Per side: each session as a faint dot, and the rolling mean as the line to read; both under the side's name.
                  series: [].concat.apply([], m.sides.map(function (s) {
                    var colour = SIDES[s.side] || '#555555';
                    return [{ id: s.side + ' sessions', name: s.side, type: 'scatter', symbolSize: 5, itemStyle: { color: colour, opacity: 0.4 }, data: s.points },
                            { id: s.side + ' mean', name: s.side, type: 'line', showSymbol: false, lineStyle: { width: 2.5, color: colour },
                              itemStyle: { color: colour }, data: s.rolling }];
                  })) });
              });
              window.valorCharts = charts;
            })();
            """.formatted(DATA_ID);
}
