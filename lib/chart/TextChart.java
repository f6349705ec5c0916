package valor.chart;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import valor.base.TerminalText;
import valor.output.SqlValues;

/**
 * The chart without -o: for bars, one line per x with a bar of block characters; otherwise one
 * sparkline per series (long series averaged into at most {@code width} buckets), with its range.
 * Names, labels and the title go through {@link TerminalText}: a name's escape sequences show as
 * escapes, and widths are those of the text as shown.
 */
public final class TextChart {
    private static final char[] LEVELS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    private static final char[] EIGHTHS = {'▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'};

    private TextChart() {}

    public static void print(ChartData data, ChartType type, String title, int width, PrintStream out) {
        if (!title.isEmpty()) out.println(TerminalText.escape(title));
        if (type == ChartType.BAR) bars(data, width, out);
        else sparklines(data, width, out);
    }

    private static void bars(ChartData data, int width, PrintStream out) {
        double max = 0;
        int labelWidth = 1;
        for (ChartData.Series s : data.series()) {
            for (ChartData.Point p : s.points()) {
                if (p.y() != null) max = Math.max(max, Math.abs(p.y()));
                labelWidth = Math.max(labelWidth, label(p.x()).length());
            }
        }
        labelWidth = Math.min(labelWidth, 30);
        for (ChartData.Series s : data.series()) {
            if (data.series().size() > 1 || !data.yLabel().equals(s.name())) out.println(TerminalText.escape(s.name()) + ":");
            for (ChartData.Point p : s.points()) {
                String label = label(p.x());
                if (label.length() > labelWidth) label = label.substring(0, labelWidth - 1) + "…";
                out.println(pad(label, labelWidth) + " " + bar(p.y(), max, width) + " " + (p.y() == null ? "null" : number(p.y())));
            }
        }
    }

    private static void sparklines(ChartData data, int width, PrintStream out) {
        int nameWidth = 1;
        for (ChartData.Series s : data.series()) nameWidth = Math.max(nameWidth, Math.min(30, TerminalText.escape(s.name()).length()));
        for (ChartData.Series s : data.series()) {
            List<Double> values = buckets(aligned(data, s), width);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (ChartData.Point p : s.points()) {
                if (p.y() == null) continue;
                min = Math.min(min, p.y());
                max = Math.max(max, p.y());
            }
            StringBuilder line = new StringBuilder();
            for (Double v : values) {
                if (v == null) line.append(' ');
                else if (max == min) line.append(LEVELS[3]);
                else line.append(LEVELS[(int) Math.round((v - min) / (max - min) * (LEVELS.length - 1))]);
            }
            String name = TerminalText.escape(s.name());
            if (name.length() > nameWidth) name = name.substring(0, nameWidth - 1) + "…";
            String range = min > max ? "no values" : number(min) + " … " + number(max);
            out.println(pad(name, nameWidth) + " " + line + "  " + range + " (" + s.points().size() + " points)");
        }
        List<Object> xs = data.series().size() == 1 ? data.series().get(0).points().stream().map(ChartData.Point::x).toList() : data.xValues();
        if (!xs.isEmpty()) out.println(TerminalText.escape(data.xLabel()) + ": " + label(xs.get(0)) + " … " + label(xs.get(xs.size() - 1)));
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
        for (ChartData.Point p : series.points()) if (p.y() != null) byX.put(p.x(), p.y());
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

    private static String bar(Double value, double max, int width) {
        if (value == null || max == 0) return "";
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
        return x instanceof Double number ? number(number) : TerminalText.escape(String.valueOf(x));
    }

    /** 12 rather than 12.0, and 290.32 rather than 290.31666666666666: a label, not the data. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        if (Double.isNaN(value) || Double.isInfinite(value)) return SqlValues.text(value);
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shown = Math.abs(value) >= 1 ? exact.setScale(2, RoundingMode.HALF_UP) : exact.round(new MathContext(3));
        return shown.stripTrailingZeros().toPlainString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
