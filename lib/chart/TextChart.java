package valor.chart;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import valor.base.TerminalText;

/**
 * The chart without -o: for bars, one line per x with a bar of block characters; otherwise one
 * sparkline per series (long series averaged into at most {@code width} buckets), with its range.
 * Series of one measure (a squad split by --series) share one scale, so a low line means little;
 * a cut scale ({@link Clip}) is said under the title. A name longer than the name column gets a
 * line of its own rather than being cut. Names, labels and the title go through
 * {@link TerminalText}: a name's escape sequences show as escapes, and widths are those of the
 * text as shown.
 */
public final class TextChart {
    private static final char[] LEVELS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    private static final char[] EIGHTHS = {'▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'};
    private static final int NAME_COLUMN = 30;

    private TextChart() {}

    public static void print(Chart chart, int width, PrintStream out) {
        if (!chart.title().isEmpty()) out.println(TerminalText.escape(chart.title()));
        if (!chart.note().isEmpty()) out.println(TerminalText.escape(chart.note()));
        if (chart.type() == ChartType.BAR) bars(chart, width, out);
        else sparklines(chart, width, out);
    }

    private static void bars(Chart chart, int width, PrintStream out) {
        ChartData data = chart.data();
        double max = 0;
        int labelWidth = 1;
        for (ChartData.Series s : data.series()) {
            for (ChartData.Point p : s.points()) {
                if (p.y() != null) max = Math.max(max, Math.abs(p.y()));
                labelWidth = Math.max(labelWidth, label(p.x()).length());
            }
        }
        if (chart.clip() != null) max = chart.clip().limit();
        labelWidth = Math.min(labelWidth, NAME_COLUMN);
        for (ChartData.Series s : data.series()) {
            if (data.series().size() > 1 || !data.yLabel().equals(s.name())) out.println(TerminalText.escape(s.name()) + ":");
            for (ChartData.Point p : s.points()) {
                String label = label(p.x());
                if (label.length() > labelWidth) {
                    out.println(label);
                    label = "";
                }
                out.println(pad(label, labelWidth) + " " + bar(p.y(), max, width) + " " + (p.y() == null ? "null" : NumberLabel.of(p.y())));
            }
        }
    }

    private static void sparklines(Chart chart, int width, PrintStream out) {
        ChartData data = chart.data();
        boolean shared = data.oneMeasure() && data.series().size() > 1;
        double sharedMin = Math.min(0, data.values().stream().mapToDouble(Double::doubleValue).min().orElse(0));
        double sharedMax = chart.clip() != null ? chart.clip().limit() : data.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int nameWidth = 1;
        for (ChartData.Series s : data.series()) nameWidth = Math.max(nameWidth, Math.min(NAME_COLUMN, TerminalText.escape(s.name()).length()));
        for (ChartData.Series s : data.series()) {
            List<Double> values = buckets(aligned(data, s), width);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (ChartData.Point p : s.points()) {
                if (p.y() == null) continue;
                min = Math.min(min, p.y());
                max = Math.max(max, p.y());
            }
            double low = shared ? sharedMin : min;
            double high = shared ? sharedMax : max;
            StringBuilder line = new StringBuilder();
            for (Double v : values) {
                if (v == null) line.append(' ');
                else if (high <= low) line.append(LEVELS[shared ? 0 : 3]);
                else line.append(LEVELS[(int) Math.round((Math.min(v, high) - low) / (high - low) * (LEVELS.length - 1))]);
            }
            String name = TerminalText.escape(s.name());
            if (name.length() > nameWidth) {
                out.println(name);
                name = "";
            }
            String range = min > max ? "no values" : NumberLabel.of(min) + " … " + NumberLabel.of(max);
            out.println(pad(name, nameWidth) + " " + line + "  " + range + " (" + s.points().size() + " points)");
        }
        List<Object> xs = data.series().size() == 1 ? data.series().get(0).points().stream().map(ChartData.Point::x).toList() : data.xValues();
        if (!xs.isEmpty()) out.println(TerminalText.escape(chart.xTitle()) + ": " + label(xs.get(0)) + " … " + label(xs.get(xs.size() - 1)));
        if (shared) out.println("every line on one scale, " + NumberLabel.of(sharedMin) + " (" + LEVELS[0] + ") to " + NumberLabel.of(sharedMax)
                + " (" + LEVELS[LEVELS.length - 1] + ")" + (chart.yTitle().isEmpty() ? "" : ": " + TerminalText.escape(chart.yTitle())));
    }

    /**
     * A series' values: with several series, one per x value of the whole result (null where the
     * series has none), so the sparklines line up column for column; alone, its points as they are.
     */
    private static List<Double> aligned(ChartData data, ChartData.Series series) {
        List<Double> values = new ArrayList<>();
        if (data.series().size() == 1) {
            for (ChartData.Point p : series.points()) values.add(p.y());
            return values;
        }
        Map<Object, Double> byX = new HashMap<>();
        for (ChartData.Point p : series.points()) if (p.y() != null) byX.merge(p.x(), p.y(), Double::sum);
        for (Object x : data.xValues()) values.add(byX.get(x));
        return values;
    }

    /** The values, averaged into at most width buckets; a bucket of nulls is null. */
    private static List<Double> buckets(List<Double> points, int width) {
        List<Double> values = new ArrayList<>();
        int n = points.size();
        int buckets = Math.min(n, width);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double sum = 0;
            int count = 0;
            for (int i = from; i < to; i++) {
                Double y = points.get(i);
                if (y != null) {
                    sum += y;
                    count++;
                }
            }
            values.add(count == 0 ? null : sum / count);
        }
        return values;
    }

    /** A bar of {@code width} cells at {@code max}; a value past it fills the width and ends in "»". */
    private static String bar(Double value, double max, int width) {
        if (value == null || max == 0) return "";
        if (Math.abs(value) > max) return "█".repeat(width) + "»";
        double cells = Math.abs(value) / max * width;
        int whole = (int) cells;
        int eighths = (int) Math.round((cells - whole) * 8);
        StringBuilder bar = new StringBuilder("█".repeat(whole));
        if (eighths > 0 && eighths < 8) bar.append(EIGHTHS[eighths - 1]);
        else if (eighths == 8) bar.append('█');
        if (bar.length() == 0) bar.append(EIGHTHS[0]);
        return bar.toString();
    }

    private static String label(Object x) {
        return TerminalText.escape(NumberLabel.of(x));
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
