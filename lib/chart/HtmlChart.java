package valor.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import valor.base.Html;
import valor.base.Json;

/**
 * One HTML file that opens offline: ECharts inlined from its webjar, the data as JSON in a
 * script element of its own, hover values (tooltip) and zoom (dataZoom). The page keeps the chart
 * in {@code window.valorChart}. Names in it are the store's: they go in escaped, and the page's
 * policy runs only its own two scripts and reaches nothing on the network ({@link Html}).
 */
public final class HtmlChart {
    private HtmlChart() {}

    /** The data element's JSON: {title, type, xLabel, yLabel, numericX, series: [{name, points: [[x, y], ...]}]}. */
    public static ObjectNode data(ChartData data, ChartType type, String title) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("title", title);
        root.put("type", type.flagName());
        root.put("xLabel", data.xLabel());
        root.put("yLabel", data.yLabel());
        root.put("numericX", data.numericX() && type != ChartType.BAR);
        ArrayNode categories = root.putArray("categories");
        for (Object x : data.xValues()) categories.add(String.valueOf(x));
        ArrayNode series = root.putArray("series");
        for (ChartData.Series s : data.series()) {
            ObjectNode one = series.addObject();
            one.put("name", s.name());
            ArrayNode points = one.putArray("points");
            for (ChartData.Point p : s.points()) {
                ArrayNode point = points.addArray();
                if (p.x() instanceof Double number && type != ChartType.BAR) point.add(number);
                else point.add(String.valueOf(p.x()));
                if (p.y() == null) point.addNull();
                else point.add(p.y());
            }
        }
        return root;
    }

    public static String page(ChartData data, ChartType type, String title) throws IOException {
        String echarts = EChartsScript.inline();
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                %s
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>html, body { margin: 0; height: 100%%; font-family: sans-serif; } #chart { width: 100%%; height: 100%%; min-height: 400px; }</style>
                </head>
                <body>
                <div id="chart"></div>
                <script id="valor-chart-data" type="application/json">%s</script>
                <script>%s</script>
                <script>%s</script>
                </body>
                </html>
                """.formatted(Html.policy(echarts, DRAW), Html.text(title), Html.json(data(data, type, title)), echarts, DRAW);
    }

    /** Draws the chart from the data element. Its tooltips are ECharts' own, which escape every name they show. */
    private static final String DRAW = """
            (function () {
              var data = JSON.parse(document.getElementById('valor-chart-data').textContent);
              var kind = data.type === 'scatter' ? 'scatter' : data.type;
              var option = {
                title: { text: data.title, left: 'center', top: 8 },
                tooltip: { trigger: data.type === 'scatter' ? 'item' : 'axis' },
                legend: { top: 36, type: 'scroll' },
                grid: { top: 80, bottom: 100, left: 70, right: 40 },
                toolbox: { feature: { dataZoom: {}, restore: {}, saveAsImage: {} } },
                xAxis: data.numericX ? { type: 'value', name: data.xLabel, nameLocation: 'middle', nameGap: 28, scale: true }
                                     : { type: 'category', name: data.xLabel, nameLocation: 'middle', nameGap: 28, data: data.categories },
                yAxis: { type: 'value', name: data.yLabel, scale: data.type !== 'bar' },
                dataZoom: [{ type: 'inside' }, { type: 'slider' }],
                series: data.series.map(function (s) {
                  return { name: s.name, type: kind, data: s.points, showSymbol: true, connectNulls: true };
                })
              };
              var chart = echarts.init(document.getElementById('chart'));
              chart.setOption(option);
              window.addEventListener('resize', function () { chart.resize(); });
              window.valorChart = chart;
            })();
            """;
}
