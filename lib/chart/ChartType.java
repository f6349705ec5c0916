package valor.chart;

import java.util.Locale;
import valor.base.Failure;

/** The kinds of chart --type names. */
public enum ChartType {
    LINE, BAR, SCATTER;

    public static ChartType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--type must be line, bar or scatter; not '" + name + "'");
        }
    }

    public String flagName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
