package valor.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.Size2D;
import org.jfree.data.Range;

/**
 * Small multiples as one PNG: the title, the note and what the axes show across the top, then a
 * small chart per series in a grid, each titled with its series' full name (wrapped, never cut)
 * and all on the same scale, so a panel's height means the same in every panel.
 */
final class PngMultiples {
    private static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 11);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 9);

    private PngMultiples() {}

    static BufferedImage draw(Chart plan, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double top = 4;
            if (!plan.title().isEmpty()) top += heading(g, new TextTitle(plan.title(), JFreeChart.DEFAULT_TITLE_FONT), top, width);
            if (!plan.note().isEmpty()) top += heading(g, grey(plan.note()), top, width);
            List<Object> xs = plan.data().xValues();
            String span = xs.isEmpty() ? "" : " (" + NumberLabel.of(xs.get(0)) + " … " + NumberLabel.of(xs.get(xs.size() - 1)) + ")";
            top += heading(g, grey(plan.yTitle() + " by " + plan.xTitle() + span + "; every panel on the same scale"), top, width) + 4;

            List<ChartData.Series> series = plan.data().series();
            int count = series.size();
            int columns = Math.max(1, Math.min(count, (int) Math.round(Math.sqrt(count * (double) width / Math.max(1, height - top) * 0.75))));
            int rows = (count + columns - 1) / columns;
            double cellWidth = (double) width / columns;
            double cellHeight = (height - top) / rows;
            double[] range = plan.scale();
            for (int i = 0; i < count; i++) {
                ChartData.Series one = series.get(i);
                Chart panel = new Chart(new ChartData(plan.data().xLabel(), plan.data().yLabel(), plan.data().numericX(), plan.data().xValues(),
                        List.of(one), true), plan.type(), Layout.MULTIPLES, one.name(), null, null, plan.clip());
                JFreeChart chart = PngChart.overlay(panel);
                chart.clearSubtitles(); // the note is said once, at the top
                chart.getTitle().setFont(PANEL_TITLE);
                chart.getPlot().setInsets(new RectangleInsets(2, 2, 2, 2));
                if (chart.getPlot() instanceof XYPlot xy) {
                    shrink(xy.getDomainAxis(), xy.getRangeAxis());
                    if (plan.clip() == null) xy.getRangeAxis().setRange(range[0], range[1]);
                } else if (chart.getPlot() instanceof CategoryPlot categories) {
                    categories.getDomainAxis().setTickLabelFont(TICKS);
                    categories.getDomainAxis().setTickLabelsVisible(xs.size() <= 6); // more run into each other: the span is said at the top
                    shrink(null, categories.getRangeAxis());
                    if (plan.clip() == null) categories.getRangeAxis().setRange(range[0], range[1]);
                }
                Rectangle2D cell = new Rectangle2D.Double((i % columns) * cellWidth, top + (i / columns) * cellHeight, cellWidth, cellHeight);
                chart.draw(g, cell);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void shrink(ValueAxis domain, ValueAxis range) {
        if (domain != null) domain.setTickLabelFont(TICKS);
        range.setTickLabelFont(TICKS);
    }

    private static TextTitle grey(String text) {
        TextTitle title = new TextTitle(text, PngChart.NOTE);
        title.setPaint(new Color(0x55, 0x55, 0x55));
        return title;
    }

    /** Draws a title across the top, wrapped to the width; returns the height it took. */
    private static double heading(Graphics2D g, TextTitle title, double top, int width) {
        Size2D size = title.arrange(g, new RectangleConstraint(new Range(0, width), new Range(0, 10_000)));
        title.draw(g, new Rectangle2D.Double(0, top, width, size.height));
        return size.height;
    }
}
