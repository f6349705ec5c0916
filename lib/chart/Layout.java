package valor.chart;

import java.util.Locale;
import valor.base.Failure;

/**
 * How the series are laid out (--layout). One chart holds a few series; past {@value #MOST_OVERLAID}
 * lines cannot be told apart (colours repeat, lines tangle), so by default a squad becomes a
 * heatmap, a row per series and a cell per x (athlete x week), when x is categories or time buckets
 * and every series measures the same thing, or else small multiples: a small chart per series, all
 * on one scale.
 */
public enum Layout {
    OVERLAY, MULTIPLES, HEATMAP;

    public static final int MOST_OVERLAID = 8;

    /** --layout's value: null for auto. */
    public static Layout parse(String value) {
        String name = value.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "auto" -> null;
            case "overlay" -> OVERLAY;
            case "multiples" -> MULTIPLES;
            case "heatmap" -> HEATMAP;
            default -> throw Failure.usage("--layout must be auto, overlay, multiples or heatmap; not '" + value + "'");
        };
    }

    /** The layout to draw: the one asked for (null: auto), checked against the data. */
    public static Layout choose(Layout asked, ChartData data, ChartType type) {
        boolean heatmapFits = !data.numericX() && type != ChartType.SCATTER && data.oneMeasure();
        if (asked == HEATMAP && !heatmapFits) {
            throw Failure.usage(data.numericX() ? "--layout heatmap needs an x column of categories or dates; the x column is numeric (try multiples)"
                    : type == ChartType.SCATTER ? "--layout heatmap draws cells, not points; drop --type scatter or use multiples"
                    : "--layout heatmap needs one measure: name the value column with --y or split it with --series");
        }
        if (asked != null) return asked;
        if (data.series().size() <= MOST_OVERLAID) return OVERLAY;
        return heatmapFits ? HEATMAP : MULTIPLES;
    }

    public String flagName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
