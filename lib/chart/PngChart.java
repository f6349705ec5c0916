//DEPS org.jfree:jfreechart:1.5.6
package valor.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
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
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.jfree.chart.renderer.category.AbstractCategoryItemRenderer;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a chart with JFreeChart, headless, in the layout the chart has ({@link PngHeatmap},
 * {@link PngMultiples} for theirs). Overlaid: a numeric x gets a value axis for lines and points,
 * a date or timestamp x a time axis; text and bars get a category axis in the order of the x
 * values. Series take the {@link Palette}; legend entries wrap rather than run off the image; a
 * cut scale ({@link Clip}) marks the values above it with their numbers and says so under the title.
 */
public final class PngChart {
    static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    /** A legend entry longer than this wraps onto further lines: nothing is cut. */
    private static final int LEGEND_LINE = 40;

    private PngChart() {}

    /** The height a PNG gets without --height: 600, or taller when a heatmap's rows or the panels of small multiples need it. */
    public static int defaultHeight(Chart chart, int width) {
        int series = chart.data().series().size();
        return switch (chart.layout()) {
            case OVERLAY -> 600;
            case HEATMAP -> Math.max(600, series * 20 + 220);
            case MULTIPLES -> Math.max(600, (series + Math.max(1, width / 240) - 1) / Math.max(1, width / 240) * 130 + 80);
        };
    }

    public static void write(Chart chart, int width, int height, OutputStream out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = switch (chart.layout()) {
            case OVERLAY -> overlay(chart).createBufferedImage(width, height);
            case HEATMAP -> PngHeatmap.chart(chart).createBufferedImage(width, height);
            case MULTIPLES -> PngMultiples.draw(chart, width, height);
        };
        ChartUtils.writeBufferedImageAsPNG(out, image);
    }

    static JFreeChart overlay(Chart plan) {
        ChartData data = plan.data();
        ChartType type = plan.type();
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
                    ? ChartFactory.createScatterPlot(plan.title(), plan.xTitle(), plan.yTitle(), dataset, PlotOrientation.VERTICAL, legend, false, false)
                    : ChartFactory.createXYLineChart(plan.title(), plan.xTitle(), plan.yTitle(), dataset, PlotOrientation.VERTICAL, legend, false, false);
            style(plan, chart.getXYPlot(), p -> (Double) p.x());
        } else if (type != ChartType.BAR && times(data.xValues()) != null) {
            TimeSeriesCollection dataset = new TimeSeriesCollection();
            for (ChartData.Series s : data.series()) {
                TimeSeries series = new TimeSeries(s.name());
                for (ChartData.Point p : s.points()) series.addOrUpdate(new FixedMillisecond(time(p.x())), p.y());
                dataset.addSeries(series);
            }
            chart = ChartFactory.createTimeSeriesChart(plan.title(), plan.xTitle(), plan.yTitle(), dataset, legend, false, false);
            if (type == ChartType.SCATTER) chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(false, true));
            style(plan, chart.getXYPlot(), p -> (double) time(p.x()));
        } else {
            DefaultCategoryDataset dataset = new DefaultCategoryDataset();
            // Every category first, in the x values' order; a series that starts late must not push its x values to the end.
            String first = data.series().get(0).name();
            for (Object x : data.xValues()) dataset.addValue(null, first, String.valueOf(x));
            for (ChartData.Series s : data.series()) {
                for (ChartData.Point p : s.points()) dataset.addValue(p.y(), s.name(), String.valueOf(p.x()));
            }
            chart = type == ChartType.BAR
                    ? ChartFactory.createBarChart(plan.title(), plan.xTitle(), plan.yTitle(), dataset, PlotOrientation.VERTICAL, legend, false, false)
                    : ChartFactory.createLineChart(plan.title(), plan.xTitle(), plan.yTitle(), dataset, PlotOrientation.VERTICAL, legend, false, false);
            CategoryPlot plot = chart.getCategoryPlot();
            if (type == ChartType.SCATTER) plot.setRenderer(new LineAndShapeRenderer(false, true));
            if (dataset.getColumnCount() > 8) plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            style(plan, plot);
        }
        finish(plan, chart);
        return chart;
    }

    /** White backgrounds, and the note under the title when there is one. */
    static void finish(Chart plan, JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (!plan.note().isEmpty()) {
            TextTitle note = new TextTitle(plan.note(), NOTE);
            note.setPaint(new Color(0x55, 0x55, 0x55));
            note.setPadding(6, 12, 2, 12);
            chart.addSubtitle(0, note);
        }
    }

    private interface XPosition {
        double of(ChartData.Point point);
    }

    private static void style(Chart plan, XYPlot plot, XPosition x) {
        AbstractXYItemRenderer renderer = (AbstractXYItemRenderer) plot.getRenderer();
        colour(renderer, plan.data().series());
        renderer.setLegendItemLabelGenerator((dataset, s) -> wrap(String.valueOf(dataset.getSeriesKey(s))));
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        if (plan.clip() == null) return;
        cut(plot.getRangeAxis(), plan);
        for (ChartData.Point p : above(plan)) {
            XYTextAnnotation mark = new XYTextAnnotation(mark(plan, p), x.of(p), plan.clip().limit());
            mark.setTextAnchor(TextAnchor.TOP_CENTER);
            mark.setFont(NOTE);
            plot.addAnnotation(mark);
        }
    }

    private static void style(Chart plan, CategoryPlot plot) {
        AbstractCategoryItemRenderer renderer = (AbstractCategoryItemRenderer) plot.getRenderer();
        colour(renderer, plan.data().series());
        renderer.setLegendItemLabelGenerator((dataset, s) -> wrap(String.valueOf(dataset.getRowKey(s))));
        if (renderer instanceof BarRenderer bars) {
            // Bars as wide as the room allows: no gap between a category's bars, little between categories.
            bars.setBarPainter(new StandardBarPainter());
            bars.setShadowVisible(false);
            bars.setItemMargin(plan.data().series().size() > 1 ? 0.02 : 0);
            bars.setMaximumBarWidth(0.12);
            plot.getDomainAxis().setCategoryMargin(0.12);
            plot.getDomainAxis().setLowerMargin(0.01);
            plot.getDomainAxis().setUpperMargin(0.01);
        }
        plot.setRangeGridlinePaint(GRID);
        if (plan.clip() == null) return;
        cut(plot.getRangeAxis(), plan);
        for (ChartData.Point p : above(plan)) {
            CategoryTextAnnotation mark = new CategoryTextAnnotation(mark(plan, p), String.valueOf(p.x()), plan.clip().limit());
            mark.setTextAnchor(TextAnchor.TOP_CENTER);
            mark.setFont(NOTE);
            plot.addAnnotation(mark);
        }
    }

    /** The palette's colours, and a dashed line for "others". */
    private static void colour(AbstractRenderer renderer, List<ChartData.Series> series) {
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, Palette.awt(Palette.of(series.get(i), i)));
            renderer.setSeriesStroke(i, stroke(series.get(i)));
        }
    }

    /** The points above the clip, to mark. */
    private static List<ChartData.Point> above(Chart plan) {
        List<ChartData.Point> above = new ArrayList<>();
        for (ChartData.Series s : plan.data().series()) {
            for (ChartData.Point p : s.points()) if (p.y() != null && p.y() > plan.clip().limit()) above.add(p);
        }
        return above;
    }

    /** A value above the clip: ▲ and its number; in a small multiple's panel only ▲ (the numbers would run into each other). */
    private static String mark(Chart plan, ChartData.Point point) {
        return plan.layout() == Layout.MULTIPLES ? "▲" : "▲" + NumberLabel.of(point.y());
    }

    /** The range axis up to the clip, from 0 or the least value. */
    private static void cut(ValueAxis axis, Chart plan) {
        double least = Math.min(0, plan.data().values().stream().mapToDouble(Double::doubleValue).min().orElse(0));
        axis.setRange(least, plan.clip().limit());
    }

    private static BasicStroke stroke(ChartData.Series series) {
        return series.merged() > 0 ? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(2f);
    }

    /** A legend entry's text on lines of at most {@value #LEGEND_LINE} characters, broken at spaces where it can be. */
    public static String wrap(String name) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : name.split(" ")) {
            while (word.length() > LEGEND_LINE) { // a word longer than a line breaks where the line ends
                if (line.length() > 0) lines.add(line.toString());
                line.setLength(0);
                lines.add(word.substring(0, LEGEND_LINE));
                word = word.substring(LEGEND_LINE);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > LEGEND_LINE) {
                lines.add(line.toString());
                line.setLength(0);
            } else if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return String.join("\n", lines);
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
}
