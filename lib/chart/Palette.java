package valor.chart;

import java.awt.Color;
import java.util.List;

/**
 * The colours of every chart, the same in PNG and HTML. Series take Okabe and Ito's palette, which
 * people with any common colour-vision deficiency tell apart, without its yellow (unreadable on
 * white) and with Paul Tol's wine as an eighth; past eight series, charts switch to small multiples
 * or a heatmap ({@link Layout}), and a forced overlay varies the marker shape as well. "Others" is
 * grey. Heatmaps use ColorBrewer's sequential Blues: one hue, light for little, dark for much, so
 * an empty cell reads as empty and no colour-vision deficiency reorders it.
 */
public final class Palette {
    public static final List<String> SERIES = List.of("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#882255");
    public static final String OTHERS = "#999999";
    /** A heatmap cell's 0: there, but quieter than the numbers that count. */
    public static final String ZERO_TEXT = "#9aa3b0";
    public static final List<String> SEQUENTIAL = List.of("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
            "#08519c", "#08306b");

    private Palette() {}

    /** The colour of the series at this position; "others" ({@code merged > 0}) is grey. */
    public static String of(ChartData.Series series, int index) {
        return series.merged() > 0 ? OTHERS : SERIES.get(index % SERIES.size());
    }

    /** The sequential colour for a value in [0, 1], interpolated between the palette's steps. */
    public static Color sequential(double share) {
        double at = Math.max(0, Math.min(1, share)) * (SEQUENTIAL.size() - 1);
        int low = (int) Math.floor(at);
        int high = Math.min(SEQUENTIAL.size() - 1, low + 1);
        Color a = awt(SEQUENTIAL.get(low));
        Color b = awt(SEQUENTIAL.get(high));
        double t = at - low;
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t), (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    /** Black or white, whichever reads on the background. */
    public static Color textOn(Color background) {
        double luminance = (0.2126 * background.getRed() + 0.7152 * background.getGreen() + 0.0722 * background.getBlue()) / 255;
        return luminance < 0.55 ? Color.WHITE : Color.BLACK;
    }

    public static Color awt(String hex) {
        return Color.decode(hex);
    }
}
