//DEPS org.jfree:jfreechart:1.5.6
package valor.chart;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a chart with JFreeChart, headless. A numeric x gets a value axis for lines and points, a
 * date or timestamp x a time axis; text and bars get a category axis in the order the query
 * returned them.
 */
public final class PngChart {
    private PngChart() {}

    public static JFreeChart chart(ChartData data, ChartType type, String title) {
        System.setProperty("java.awt.headless", "true");
        boolean legend = data.series().size() > 1;
        JFreeChart chart;
        if (data.numericX() && type != ChartType.BAR) {
            XYSeriesCollection dataset = new XYSeriesCollection();
            for (ChartData.Series s : data.series()) {
                XYSeries xy = new XYSeries(s.name(), false, true);
                for (ChartData.Point p : s.points()) xy.add((Double) p.x(), p.y());
                dataset.addSeries(xy);
            }
            chart = type == ChartType.SCATTER
                    ? ChartFactory.createScatterPlot(title, data.xLabel(), data.yLabel(), dataset, PlotOrientation.VERTICAL, legend, false, false)
                    : ChartFactory.createXYLineChart(title, data.xLabel(), data.yLabel(), dataset, PlotOrientation.VERTICAL, legend, false, false);
        } else if (type != ChartType.BAR && times(data.xValues()) != null) {
            TimeSeriesCollection dataset = new TimeSeriesCollection();
            for (ChartData.Series s : data.series()) {
                TimeSeries series = new TimeSeries(s.name());
                for (ChartData.Point p : s.points()) series.addOrUpdate(new FixedMillisecond(time(p.x())), p.y());
                dataset.addSeries(series);
            }
            chart = ChartFactory.createTimeSeriesChart(title, data.xLabel(), data.yLabel(), dataset, legend, false, false);
            if (type == ChartType.SCATTER) chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(false, true));
        } else {
            DefaultCategoryDataset dataset = new DefaultCategoryDataset();
            // Every category first, in the query's order; a series that starts late must not push its x values to the end.
            String first = data.series().get(0).name();
            for (Object x : data.xValues()) dataset.addValue(null, first, String.valueOf(x));
            for (ChartData.Series s : data.series()) {
                for (ChartData.Point p : s.points()) dataset.addValue(p.y(), s.name(), String.valueOf(p.x()));
            }
            chart = type == ChartType.BAR
                    ? ChartFactory.createBarChart(title, data.xLabel(), data.yLabel(), dataset, PlotOrientation.VERTICAL, legend, false, false)
                    : ChartFactory.createLineChart(title, data.xLabel(), data.yLabel(), dataset, PlotOrientation.VERTICAL, legend, false, false);
            CategoryPlot plot = chart.getCategoryPlot();
            if (type == ChartType.SCATTER) plot.setRenderer(new LineAndShapeRenderer(false, true));
            if (dataset.getColumnCount() > 8) plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The x values as instants when every one is an ISO date or timestamp (how dates leave a query), else null. */
    private static List<Long> times(List<Object> xs) {
        List<Long> times = new ArrayList<>();
        for (Object x : xs) {
            Long time = time(x);
            if (time == null) return null;
            times.add(time);
        }
        return times.isEmpty() ? null : times;
    }

    private static Long time(Object x) {
        String text = String.valueOf(x);
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException notADay) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException notAnInstant) {
                return null;
            }
        }
    }

    public static void write(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart, width, height);
    }
}
