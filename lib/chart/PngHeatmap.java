package valor.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A heatmap as a PNG: a row per series (athletes, by name), a column per x (weeks), each cell
 * coloured on the sequential palette up to the clip or the largest value, with its own number in
 * it, and the colour key under the chart titled with what the cells count.
 */
final class PngHeatmap {
    private static final Font CELL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private PngHeatmap() {}

    static JFreeChart chart(Chart plan) {
        ChartData data = plan.data();
        String[] columns = data.xValues().stream().map(String::valueOf).toArray(String[]::new);
        String[] rows = data.series().stream().map(ChartData.Series::name).toArray(String[]::new);
        double[] range = plan.scale();
        PaintScale scale = new Sequential(range[0], range[1]);

        XYPlot plot = new XYPlot(null, axis(plan.xTitle(), columns, false), axis(null, rows, true), new XYBlockRenderer());
        ((XYBlockRenderer) plot.getRenderer()).setPaintScale(scale);
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        boolean numbers = columns.length <= 40; // past that a cell is too narrow for its number
        List<List<Chart.Cell>> cells = plan.cells();
        for (int row = 0; row < rows.length; row++) {
            List<Chart.Cell> cellsOfRow = cells.get(row);
            double[][] series = new double[3][cellsOfRow.size()];
            for (int i = 0; i < cellsOfRow.size(); i++) {
                Chart.Cell cell = cellsOfRow.get(i);
                series[0][i] = cell.column();
                series[1][i] = row;
                series[2][i] = Math.min(cell.value(), range[1]);
                if (numbers) {
                    XYTextAnnotation number = new XYTextAnnotation(NumberLabel.of(cell.value()), cell.column(), row);
                    number.setFont(CELL);
                    number.setPaint(cell.value() == 0 ? Palette.awt(Palette.ZERO_TEXT) : Palette.textOn((Color) scale.getPaint(series[2][i])));
                    plot.addAnnotation(number);
                }
            }
            dataset.addSeries(rows[row] + "\u0000" + row, series); // a key per row, whatever the names
        }
        plot.setDataset(dataset);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);

        JFreeChart chart = new JFreeChart(plan.title().isEmpty() ? null : plan.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis key = new NumberAxis(plan.yTitle() + (plan.clip() == null ? "" : " (≥ " + NumberLabel.of(range[1]) + " darkest)"));
        key.setRange(range[0], range[1]);
        PaintScaleLegend legend = new PaintScaleLegend(scale, key);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setStripWidth(12);
        legend.setMargin(new RectangleInsets(6, 120, 4, 120));
        chart.addSubtitle(legend);
        PngChart.finish(plan, chart);
        return chart;
    }

    /** Category labels on a value axis, one per whole number; rows read top to bottom. */
    private static SymbolAxis axis(String title, String[] labels, boolean rows) {
        SymbolAxis axis = new SymbolAxis(title, labels);
        axis.setGridBandsVisible(false);
        axis.setInverted(rows);
        axis.setLowerMargin(0);
        axis.setUpperMargin(0);
        axis.setRange(-0.5, labels.length - 0.5);
        if (!rows && labels.length > 12) axis.setVerticalTickLabels(true);
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return axis;
    }

    /** {@link Palette#sequential} between two values; values past either end take that end's colour. */
    private record Sequential(double lower, double upper) implements PaintScale {
        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            return Palette.sequential(upper == lower ? 0 : (value - lower) / (upper - lower));
        }
    }
}
