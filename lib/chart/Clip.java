package valor.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a shared scale stops so that one outlier does not flatten everyone else (an athlete at 150
 * sessions a week beside a squad at 2 to 6). It cuts only when the largest value is more than twice
 * a little above the 95th percentile of the positive values, at a round number; the values above
 * are still shown, marked with their numbers, and every chart says the scale is cut (--no-clip
 * draws the whole range).
 */
public record Clip(double limit, List<Above> above) {
    /** A value above the limit: whose, where, how much. */
    public record Above(String series, Object x, double y) {}

    private static final int FEWEST_VALUES = 10;

    public static Optional<Clip> of(ChartData data) {
        List<Double> positive = new ArrayList<>(data.values().stream().filter(v -> v > 0).sorted().toList());
        if (positive.size() < FEWEST_VALUES) return Optional.empty();
        double p95 = positive.get((int) Math.ceil(0.95 * positive.size()) - 1);
        double limit = roundUp(p95 * 1.2);
        if (positive.get(positive.size() - 1) <= 2 * limit) return Optional.empty();
        List<Above> above = new ArrayList<>();
        for (ChartData.Series s : data.series()) {
            for (ChartData.Point p : s.points()) if (p.y() != null && p.y() > limit) above.add(new Above(s.name(), p.x(), p.y()));
        }
        above.sort(Comparator.comparingDouble((Above a) -> -a.y()));
        return Optional.of(new Clip(limit, List.copyOf(above)));
    }

    /** One line for under the title, in words a coach reads; names as they are (each medium escapes them its own way). */
    public String note(Layout layout) {
        Above largest = above.get(0);
        String values = above.size() == 1 ? "1 value is above it" : above.size() + " values are above it";
        String how = switch (layout) {
            case HEATMAP -> "their cells have the darkest colour and show their numbers";
            case MULTIPLES -> "each is marked ▲ at the top of its panel";
            case OVERLAY -> "each is marked ▲ with its number at the top";
        };
        return "The scale stops at " + NumberLabel.of(limit) + " so the largest values do not flatten the rest: " + values + " (up to "
                + NumberLabel.of(largest.y()) + ", " + largest.series() + " in " + NumberLabel.of(largest.x()) + "); " + how + ". --no-clip shows the whole range.";
    }

    /** A round number at or above the value: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
    static double roundUp(double value) {
        if (value <= 0) return 1;
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) if (step * power >= value - 1e-9 * power) return step * power;
        return 10 * power;
    }
}
