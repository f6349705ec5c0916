package valor.chart;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import valor.base.Failure;
import valor.output.ResultColumns;
import valor.output.ResultWriter;
import valor.output.SqlValues;
import valor.query.ColumnMeanings;

/**
 * A query's result as chart series: the first column is x; without a series column every other
 * numeric column is a series, with one each value of the series column is its own series of the
 * value column (the first numeric column that is neither x nor the series column, unless named).
 * {@code oneMeasure} says every series holds the same column's values (one value column, or split
 * by --series), so they can share a scale, a colour scale or a panel's axis.
 */
public record ChartData(String xLabel, String yLabel, boolean numericX, List<Object> xValues, List<Series> series, boolean oneMeasure) {

    /**
     * One line (or set of bars): its name and its points in the order the query returned them;
     * {@code merged} counts the series summed into it by {@link #top}, 0 for a series of the query's own.
     */
    public record Series(String name, List<Point> points, int merged) {
        public Series(String name, List<Point> points) {
            this(name, points, 0);
        }
    }

    /** x is a number when the x column is numeric, otherwise its text; y is null for a NULL value. */
    public record Point(Object x, Double y) {}

    /** What a time bucket without a row shows (--missing). */
    public enum Missing {
        /** 0: right for counts and sums, which is what most charts of a squad count. */
        ZERO,
        /** a gap in the line: right for means, which have no value where there is no row. */
        GAP,
        /** nothing added: the line joins the rows there are. */
        JOIN;

        public static Missing parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Failure.usage("--missing must be zero, gap or join; not '" + value + "'");
            }
        }
    }

    public int pointCount() {
        return series.stream().mapToInt(s -> s.points().size()).sum();
    }

    /** Every y value of every series, nulls left out. */
    public List<Double> values() {
        List<Double> values = new ArrayList<>();
        for (Series s : series) for (Point p : s.points()) if (p.y() != null) values.add(p.y());
        return values;
    }

    /**
     * With x read as time buckets ({@link TimeBuckets}): every bucket from the first to the last on
     * the x axis, in time order, and each series given a point in every bucket it has no row in (0, or
     * null for a gap), its points in time order. Otherwise, or with {@link Missing#JOIN}, unchanged.
     */
    public ChartData filled(Missing missing) {
        if (missing == Missing.JOIN || numericX) return this;
        Optional<TimeBuckets> read = TimeBuckets.of(xValues);
        if (read.isEmpty()) return this;
        TimeBuckets buckets = read.get();
        List<String> labels = buckets.labels();
        Double empty = missing == Missing.ZERO ? 0.0 : null;
        List<Series> filled = new ArrayList<>();
        for (Series s : series) {
            List<List<Point>> byBucket = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) byBucket.add(new ArrayList<>());
            for (Point p : s.points()) byBucket.get(buckets.index(p.x())).add(new Point(labels.get(buckets.index(p.x())), p.y()));
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                if (byBucket.get(i).isEmpty()) points.add(new Point(labels.get(i), empty));
                else points.addAll(byBucket.get(i));
            }
            filled.add(new Series(s.name(), points, s.merged()));
        }
        return new ChartData(xLabel, yLabel, false, List.copyOf(labels), filled, oneMeasure);
    }

    /**
     * The {@code n} series with the largest sum of values (by size, either sign), largest first (a tie by name), and
     * the rest summed per x into one last series "others (K, summed)". Unchanged when there are no
     * more than {@code n + 1} series: folding one series into "others" would only rename it.
     */
    public ChartData top(int n) {
        if (series.size() <= n + 1) return this;
        List<Series> bySize = series.stream().sorted(Comparator.comparingDouble((Series s) -> -size(s)).thenComparing(Series::name)).toList();
        List<Series> kept = new ArrayList<>(bySize.subList(0, n));
        Map<Object, Double> rest = new LinkedHashMap<>();
        for (Object x : xValues) rest.put(x, null);
        int merged = 0;
        for (Series s : bySize.subList(n, bySize.size())) {
            merged += Math.max(1, s.merged());
            for (Point p : s.points()) if (p.y() != null) rest.merge(p.x(), p.y(), Double::sum);
        }
        List<Point> others = new ArrayList<>();
        rest.forEach((x, y) -> others.add(new Point(x, y)));
        kept.add(new Series("others (" + merged + ", summed)", others, merged));
        return new ChartData(xLabel, yLabel, numericX, xValues, kept, oneMeasure);
    }

    private static double size(Series series) {
        return series.points().stream().filter(p -> p.y() != null).mapToDouble(p -> Math.abs(p.y())).sum();
    }

    /** The same series sorted by name as people sort names (Ángel with the A's); "others" stays last. */
    public ChartData byName(Locale locale) {
        Collator collator = Collator.getInstance(locale);
        List<Series> sorted = series.stream().sorted(Comparator.comparingInt((Series s) -> s.merged() > 0 ? 1 : 0)
                .thenComparing(Series::name, collator)).toList();
        return new ChartData(xLabel, yLabel, numericX, xValues, sorted, oneMeasure);
    }

    /** Collects the rows of the query's last result, to build the series from once the query has run. */
    public static final class Collector implements ResultWriter {
        private ResultColumns columns;
        private List<String> origins = List.of();
        private List<Object[]> rows = new ArrayList<>();

        @Override
        public void metadata(ResultSetMetaData meta) throws SQLException {
            origins = ColumnMeanings.origins(meta);
        }

        @Override
        public void begin(ResultColumns columns) {
            this.columns = columns;
            this.rows = new ArrayList<>();
        }

        @Override
        public void row(Object[] values) {
            rows.add(values);
        }

        @Override
        public void end() {}

        /** The last result's column names, or none. */
        public List<String> names() {
            return columns == null ? List.of() : columns.names();
        }

        /** Where the last result's columns come from ({@link ColumnMeanings#origins}). */
        public List<String> origins() {
            return origins;
        }

        /** @param seriesColumn --series, or null; @param valueColumn --y, or null */
        public ChartData series(String seriesColumn, String valueColumn) {
            if (columns == null) throw Failure.usage("the SQL returned no result to chart (it changed rows or returned nothing)");
            if (columns.size() < 2) throw Failure.usage("the query returns one column; a chart needs an x column and a numeric column");
            List<String> names = columns.names();
            int split = seriesColumn == null ? -1 : column(seriesColumn, "--series");
            if (split == 0) throw Failure.usage("--series " + seriesColumn + " is the x column (the first); pick another column");
            List<Integer> values = new ArrayList<>();
            if (valueColumn != null) {
                int y = column(valueColumn, "--y");
                if (!columns.numeric(y)) throw Failure.usage("--y " + valueColumn + " is not a numeric column");
                values.add(y);
            } else {
                for (int c = 1; c < columns.size(); c++) if (c != split && columns.numeric(c)) values.add(c);
            }
            if (values.isEmpty()) {
                throw Failure.usage("the query has no numeric column after the first (x) to plot; columns: " + String.join(", ", names));
            }
            boolean numericX = columns.numeric(0);
            // The distinct x values in the order the rows bring them, for a category axis shared by every series.
            LinkedHashSet<Object> xValues = new LinkedHashSet<>();
            for (Object[] row : rows) xValues.add(x(row[0], numericX));
            List<Object> xs = List.copyOf(xValues);
            List<Series> series = new ArrayList<>();
            if (split < 0) {
                for (int c : values) {
                    List<Point> points = new ArrayList<>();
                    for (Object[] row : rows) points.add(new Point(x(row[0], numericX), number(row[c])));
                    series.add(new Series(names.get(c), points));
                }
                return new ChartData(names.get(0), values.size() == 1 ? names.get(values.get(0)) : "", numericX, xs, series, values.size() == 1);
            }
            int y = values.get(0);
            Map<String, List<Point>> byValue = new LinkedHashMap<>();
            for (Object[] row : rows) {
                String key = row[split] == null ? "null" : SqlValues.text(row[split]);
                byValue.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(x(row[0], numericX), number(row[y])));
            }
            byValue.forEach((name, points) -> series.add(new Series(name, points)));
            return new ChartData(names.get(0), names.get(y), numericX, xs, series, true);
        }

        private int column(String name, String flag) {
            List<String> names = columns.names();
            for (int c = 0; c < names.size(); c++) if (names.get(c).equalsIgnoreCase(name)) return c;
            throw Failure.usage(flag + " " + name + ": the query has no such column; columns: " + String.join(", ", names));
        }

        private static Object x(Object value, boolean numeric) {
            if (numeric && value instanceof Number number) return number.doubleValue();
            return value == null ? "null" : SqlValues.text(value);
        }

        private static Double number(Object value) {
            return value instanceof Number number ? number.doubleValue() : null;
        }
    }
}
