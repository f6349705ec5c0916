package valor.chart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A chart as every renderer draws it (PNG, HTML, text): the series, how they are laid out, the
 * titles, and where the scale stops ({@code clip}, null when nothing is cut). Made once by
 * {@link #of}, so the three media agree on what they show.
 */
public record Chart(ChartData data, ChartType type, Layout layout, String title, String xTitle, String yTitle, Clip clip) {

    /** What the user asked for (--layout, --top, --missing, --no-clip, the titles); null where they did not say. */
    public record Request(ChartType type, Layout layout, Integer top, ChartData.Missing missing, boolean clip, String title,
                          String xTitle, String yTitle) {}

    /**
     * Fills the time buckets, keeps the top N, picks the layout, and sorts the series by name where
     * each gets a row or a panel of its own (finding a name is the task there; a legend keeps the query's order).
     * @param titles the axis titles the query's columns give (their meanings), used where the request names none
     */
    public static Chart of(ChartData collected, Request request, ColumnTitles titles, Locale locale) {
        ChartData data = collected.filled(request.missing() == null ? ChartData.Missing.ZERO : request.missing());
        if (request.top() != null) data = data.top(request.top());
        Layout layout = Layout.choose(request.layout(), data, request.type());
        if (layout != Layout.OVERLAY) data = data.byName(locale);
        Clip clip = request.clip() ? Clip.of(data).orElse(null) : null;
        String xTitle = request.xTitle() != null ? request.xTitle() : titles.of(data.xLabel());
        String yTitle = request.yTitle() != null ? request.yTitle() : data.yLabel().isEmpty() ? "" : titles.of(data.yLabel());
        return new Chart(data, request.type(), layout, request.title() == null ? "" : request.title(), xTitle, yTitle, clip);
    }

    /** A heatmap's cell: the x's position on the axis, the series' row, and the series' values at that x, summed. */
    public record Cell(int column, int row, double value) {}

    /** A heatmap's cells, a list per series (row) left to right; none where the series has no value. */
    public List<List<Cell>> cells() {
        Map<String, Integer> columns = new HashMap<>();
        for (Object x : data.xValues()) columns.putIfAbsent(String.valueOf(x), columns.size());
        List<List<Cell>> rows = new ArrayList<>();
        for (int row = 0; row < data.series().size(); row++) {
            Map<Integer, Double> sums = new TreeMap<>();
            for (ChartData.Point p : data.series().get(row).points()) if (p.y() != null) sums.merge(columns.get(String.valueOf(p.x())), p.y(), Double::sum);
            List<Cell> cells = new ArrayList<>();
            for (Map.Entry<Integer, Double> sum : sums.entrySet()) cells.add(new Cell(sum.getKey(), row, sum.getValue()));
            rows.add(cells);
        }
        return rows;
    }

    /**
     * The shared scale of small multiples and heatmaps, {least, most}: from 0 (or the least value) to the
     * clip, or to the largest value (a round number above it for multiples' axes).
     */
    public double[] scale() {
        double least = 0;
        double most = 0;
        for (Double v : data.values()) {
            least = Math.min(least, v);
            most = Math.max(most, v);
        }
        if (clip != null) most = clip.limit();
        else if (layout != Layout.HEATMAP) most = Clip.roundUp(most);
        return new double[] {least, most == least ? least + 1 : most};
    }

    /** The note a chart shows under its title, or "" when there is nothing to say. */
    public String note() {
        return clip == null ? "" : clip.note(layout);
    }
}
