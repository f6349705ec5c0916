package valor.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import valor.base.Html;
import valor.base.Json;

/**
 * One HTML file that opens offline: ECharts inlined from its webjar, the data as JSON in a
 * script element of its own, hover values (tooltip) and zoom (dataZoom). Overlaid series get a
 * legend of the page's own (an HTML list: it wraps, so no name is ever cut or paged away; a click
 * hides a series); a heatmap gets a row per series; small multiples a panel per series under its
 * name. The page keeps its chart in {@code window.valorChart}, small multiples' in the array
 * {@code window.valorCharts}. Names in it are the store's: they go in escaped (as text nodes, the
 * escaped JSON, or through ECharts' encodeHTML in a tooltip), and the page's policy runs only its
 * own two scripts and reaches nothing on the network ({@link Html}).
 */
public final class HtmlChart {
    private HtmlChart() {}

    /**
     * The data element's JSON: {title, type, layout, xLabel, yLabel, xTitle, yTitle, numericX, clipAt, categories,
     * yRange, palette, sequential, series: [{name, colour, others, points: [[x, y], ...], clipped: [[x, y], ...]}],
     * heatmap (for that layout): {rows, min, max, maxText, cells: [{value: [x index, row, colour value, shown value], label}]}}.
     */
    public static ObjectNode data(Chart chart) {
        ChartData data = chart.data();
        boolean numericX = data.numericX() && chart.type() != ChartType.BAR;
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("title", chart.title());
        root.put("type", chart.type().flagName());
        root.put("layout", chart.layout().flagName());
        root.put("xLabel", data.xLabel());
        root.put("yLabel", data.yLabel());
        root.put("xTitle", chart.xTitle());
        root.put("yTitle", chart.yTitle());
        root.put("numericX", numericX);
        if (chart.clip() == null) root.putNull("clipAt");
        else root.put("clipAt", chart.clip().limit());
        ArrayNode categories = root.putArray("categories");
        for (Object x : data.xValues()) categories.add(String.valueOf(x));
        double[] range = chart.scale();
        root.putArray("yRange").add(range[0]).add(range[1]);
        Palette.SERIES.forEach(root.putArray("palette")::add);
        Palette.SEQUENTIAL.forEach(root.putArray("sequential")::add);
        ArrayNode series = root.putArray("series");
        for (int i = 0; i < data.series().size(); i++) {
            ChartData.Series s = data.series().get(i);
            ObjectNode one = series.addObject();
            one.put("name", s.name());
            one.put("colour", Palette.of(s, i));
            one.put("others", s.merged() > 0);
            ArrayNode points = one.putArray("points");
            ArrayNode clipped = one.putArray("clipped");
            for (ChartData.Point p : s.points()) {
                ArrayNode point = points.addArray();
                if (p.x() instanceof Double number && numericX) point.add(number);
                else point.add(String.valueOf(p.x()));
                if (p.y() == null) point.addNull();
                else point.add(p.y());
                if (p.y() != null && chart.clip() != null && p.y() > chart.clip().limit()) clipped.add(point.deepCopy());
            }
        }
        if (chart.layout() == Layout.HEATMAP) root.set("heatmap", heatmap(chart));
        return root;
    }

    /**
     * A cell per series and x (the sum where a series has several rows at one x), coloured up to the
     * clip (or the largest value) and labelled with its own value, in black or white as reads on its
     * colour; a 0 in grey, so the weeks with something stand out.
     */
    private static ObjectNode heatmap(Chart chart) {
        ObjectNode map = Json.MAPPER.createObjectNode();
        ArrayNode rows = map.putArray("rows");
        chart.data().series().forEach(s -> rows.add(s.name()));
        double[] range = chart.scale();
        map.put("min", range[0]);
        map.put("max", range[1]);
        map.put("maxText", (chart.clip() == null ? "" : "≥ ") + NumberLabel.of(range[1]));
        map.put("minText", NumberLabel.of(range[0]));
        ArrayNode cells = map.putArray("cells");
        for (List<Chart.Cell> row : chart.cells()) {
            for (Chart.Cell cell : row) {
                double shown = Math.min(cell.value(), range[1]);
                double share = (shown - range[0]) / (range[1] - range[0]);
                ObjectNode item = cells.addObject();
                item.putArray("value").add(cell.column()).add(cell.row()).add(shown).add(NumberLabel.of(cell.value()));
                item.putObject("label").put("color", cell.value() == 0 ? Palette.ZERO_TEXT
                        : Palette.textOn(Palette.sequential(share)).equals(Color.WHITE) ? "#ffffff" : "#1d2330");
            }
        }
        return map;
    }

    public static String page(Chart chart) throws IOException {
        String echarts = EChartsScript.inline();
        String title = chart.title().isEmpty() ? "" : "<h1 id=\"title\">" + Html.text(chart.title()) + "</h1>\n";
        // The flag in the note stays on one line, so it reads as a flag to type.
        String note = chart.note().isEmpty() ? "" : "<p id=\"note\" class=\"note\">" + Html.text(chart.note()).replace("--no-clip", "<code>--no-clip</code>") + "</p>\n";
        String body = chart.layout() == Layout.MULTIPLES ? "<p id=\"axes\" class=\"note\"></p>\n<div id=\"panels\"></div>" : "<div id=\"chart\"></div>";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                %s
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>%s</style>
                </head>
                <body>
                <header>
                %s%s<ul id="legend"></ul>
                </header>
                %s
                <script id="valor-chart-data" type="application/json">%s</script>
                <script>%s</script>
                <script>%s</script>
                </body>
                </html>
                """.formatted(Html.policy(echarts, DRAW), Html.text(chart.title()), STYLE, title, note, body, Html.json(data(chart)), echarts, DRAW);
    }

    private static final String STYLE = """
            html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; color: #1d2330; }
            body { display: flex; flex-direction: column; }
            header { padding: 8px 16px 0; } h1 { font-size: 20px; margin: 4px 0 6px; text-align: center; }
            .note { color: #555; font-size: 13px; margin: 0 0 6px; text-align: center; } .note code { white-space: nowrap; }
            #legend { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; justify-content: center; gap: 4px 14px; font-size: 13px; }
            #legend li { cursor: pointer; display: flex; align-items: center; gap: 6px; overflow-wrap: anywhere; }
            #legend li.off { opacity: 0.35; } #legend .swatch { width: 18px; height: 4px; border-radius: 2px; flex: none; }
            #chart { flex: 1 1 auto; min-height: 400px; width: 100%; }
            #panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 8px 12px; padding: 0 16px 16px; }
            figure { margin: 0; } figcaption { font-size: 13px; font-weight: 600; overflow-wrap: anywhere; } .panel { height: 150px; }
            """;

    /**
     * Draws the chart from the data element. Names reach the page as text nodes, ECharts' canvas text
     * and ECharts' own tooltips, which escape what they show; the heatmap's tooltip is ours and
     * escapes every value it puts in with {@code escapeHtml}.
     */
    private static final String DRAW = """
            (function () {
              var data = JSON.parse(document.getElementById('valor-chart-data').textContent);
              var escapeHtml = echarts.format.encodeHTML;
              var kind = data.type;
              var SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin'];
              var MIN_BAR = 8; // pixels a bar and its gap need; fewer, and the bars become hairlines
              var charts = [];
              function xAxis(named) {
                var axis = data.numericX ? { type: 'value', scale: true } : { type: 'category', data: data.categories };
                if (named) { axis.name = data.xTitle; axis.nameLocation = 'middle'; axis.nameGap = 30; }
                return axis;
              }
              // Values above the cut: a triangle at the top with the value; the tooltip still shows the value itself.
              function clipped(s, numbered) {
                if (!s.clipped.length) return undefined;
                return { symbol: 'triangle', symbolSize: 9, symbolOffset: [0, 5], itemStyle: { color: s.colour },
                  label: { show: numbered, position: 'top', distance: 2, fontSize: 11, color: '#1d2330' },
                  data: s.clipped.map(function (p) { return { coord: [p[0], data.clipAt], value: p[1] }; }) };
              }
              function legend() {
                var list = document.getElementById('legend');
                if (data.layout === 'heatmap') {
                  var item = document.createElement('li');
                  item.textContent = 'Cells: ' + data.yTitle;
                  list.appendChild(item);
                }
                if (data.layout !== 'overlay' || data.series.length < 2) return [];
                return data.series.map(function (s) {
                  var item = document.createElement('li');
                  var swatch = document.createElement('span');
                  swatch.className = 'swatch';
                  swatch.style.backgroundColor = s.colour;
                  item.appendChild(swatch);
                  item.appendChild(document.createTextNode(s.name));
                  list.appendChild(item);
                  return item;
                });
              }
              function overlay(items) {
                var element = document.getElementById('chart');
                var zoom = {};
                if (kind === 'bar') {
                  var fit = Math.max(1, Math.floor((element.clientWidth - 112) / (data.series.length * MIN_BAR)));
                  if (fit < data.categories.length) zoom = { startValue: data.categories.length - fit, endValue: data.categories.length - 1 };
                }
                var chart = echarts.init(element);
                chart.setOption({
                  color: data.series.map(function (s) { return s.colour; }),
                  tooltip: { trigger: kind === 'scatter' ? 'item' : 'axis' },
                  legend: { show: false },
                  grid: { top: 24, bottom: 88, left: 76, right: 36 },
                  toolbox: { feature: { dataZoom: {}, restore: {}, saveAsImage: {} } },
                  xAxis: xAxis(true),
                  yAxis: { type: 'value', scale: kind !== 'bar', max: data.clipAt === null ? null : data.clipAt,
                           name: data.yTitle, nameLocation: 'middle', nameGap: 52 },
                  dataZoom: [Object.assign({ type: 'inside' }, zoom), Object.assign({ type: 'slider' }, zoom)],
                  series: data.series.map(function (s, i) {
                    return { name: s.name, type: kind, data: s.points, showSymbol: true, connectNulls: false, barMaxWidth: 48,
                             symbol: SYMBOLS[Math.floor(i / data.palette.length) % SYMBOLS.length],
                             lineStyle: s.others ? { type: 'dashed' } : {}, markPoint: clipped(s, true) };
                  })
                });
                items.forEach(function (item, i) {
                  item.addEventListener('click', function () {
                    chart.dispatchAction({ type: 'legendToggleSelect', name: data.series[i].name });
                    item.classList.toggle('off');
                  });
                });
                return chart;
              }
              function heatmap() {
                var element = document.getElementById('chart');
                var map = data.heatmap;
                element.style.flex = 'none';
                element.style.height = Math.max(340, map.rows.length * 26 + 130) + 'px';
                var chart = echarts.init(element);
                chart.setOption({
                  tooltip: { trigger: 'item', formatter: function (p) {
                    return escapeHtml(map.rows[p.value[1]]) + '<br>' + escapeHtml(data.categories[p.value[0]] + ': ' + p.value[3]); } },
                  grid: { top: 8, bottom: 64, left: 12, right: 24, containLabel: true },
                  xAxis: { type: 'category', data: data.categories, name: data.xTitle, nameLocation: 'middle', nameGap: 32 },
                  yAxis: { type: 'category', data: map.rows, inverse: true, axisLabel: { interval: 0, width: 240, overflow: 'break' } },
                  visualMap: { type: 'continuous', min: map.min, max: map.max, dimension: 2, calculable: false, orient: 'horizontal',
                               left: 'center', bottom: 0, itemWidth: 12, itemHeight: 220, text: [map.maxText, map.minText],
                               inRange: { color: data.sequential } },
                  series: [{ name: data.yTitle, type: 'heatmap', data: map.cells, itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
                             label: { show: (element.clientWidth - 300) / data.categories.length >= 22, fontSize: 11,
                                      formatter: function (p) { return p.value[3]; } } }]
                });
                return chart;
              }
              function multiples() {
                document.getElementById('axes').textContent = data.yTitle + ' by ' + data.xTitle + '; every panel on the same scale';
                var holder = document.getElementById('panels');
                return data.series.map(function (s) {
                  var figure = document.createElement('figure');
                  var caption = document.createElement('figcaption');
                  caption.textContent = s.name;
                  var box = document.createElement('div');
                  box.className = 'panel';
                  figure.appendChild(caption);
                  figure.appendChild(box);
                  holder.appendChild(figure);
                  var chart = echarts.init(box);
                  chart.setOption({
                    color: [s.others ? s.colour : data.palette[0]],
                    tooltip: { trigger: kind === 'scatter' ? 'item' : 'axis' },
                    grid: { top: 14, bottom: 22, left: 44, right: 10 },
                    xAxis: xAxis(false),
                    yAxis: { type: 'value', min: data.yRange[0], max: data.yRange[1], splitNumber: 3 },
                    series: [{ name: s.name, type: kind, data: s.points, showSymbol: kind === 'scatter', symbolSize: 4,
                               connectNulls: false, barMaxWidth: 24, markPoint: clipped(s, false) }]
                  });
                  return chart;
                });
              }
              var items = legend();
              if (data.layout === 'multiples') {
                charts = multiples();
                window.valorCharts = charts;
              } else {
                charts = [data.layout === 'heatmap' ? heatmap() : overlay(items)];
                window.valorChart = charts[0];
              }
              window.addEventListener('resize', function () { charts.forEach(function (chart) { chart.resize(); }); });
            })();
            """;
}
