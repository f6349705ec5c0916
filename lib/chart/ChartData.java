package valor.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import valor.base.Failure;
import valor.output.ResultColumns;
import valor.output.ResultWriter;
import valor.output.SqlValues;

/**
 * A query's result as chart series: the first column is x; without a series column every other
 * numeric column is a series, with one each value of the series column is its own series of the
 * value column (the first numeric column that is neither x nor the series column, unless named).
 */
public record ChartData(String xLabel, String yLabel, boolean numericX, List<Object> xValues, List<Series> series) {

    /** One line (or set of bars): its name and its points in the order the query returned them. */
    public record Series(String name, List<Point> points) {}

    /** x is a number when the x column is numeric, otherwise its text; y is null for a NULL value. */
    public record Point(Object x, Double y) {}

    public int pointCount() {
        return series.stream().mapToInt(s -> s.points().size()).sum();
    }

    /** Collects the rows of the query's last result, to build the series from once the query has run. */
    public static final class Collector implements ResultWriter {
        private ResultColumns columns;
        private List<Object[]> rows = new ArrayList<>();

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
                return new ChartData(names.get(0), values.size() == 1 ? names.get(values.get(0)) : "", numericX, xs, series);
            }
            int y = values.get(0);
            Map<String, List<Point>> byValue = new LinkedHashMap<>();
            for (Object[] row : rows) {
                String key = row[split] == null ? "null" : SqlValues.text(row[split]);
                byValue.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(x(row[0], numericX), number(row[y])));
            }
            byValue.forEach((name, points) -> series.add(new Series(name, points)));
            return new ChartData(names.get(0), names.get(y), numericX, xs, series);
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
