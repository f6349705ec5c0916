package valor.export;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The DuckDB type of a decimal column whose type the store does not state, found from its values:
 * H2's DECFLOAT (its metadata says scale 0 for 751.91), PostgreSQL's NUMERIC without a precision
 * (precision and scale 0), or a precision beyond DuckDB's 38 digits. The values travel to DuckDB
 * as their exact text and the column then becomes the narrowest type that holds every one of them:
 * a DECIMAL wide enough, else DOUBLE if each value is a double exactly (or not a number at all:
 * NaN, Infinity), else it stays text. Nothing is rounded.
 */
final class MeasuredDecimal {
    /** DuckDB's widest DECIMAL. */
    static final int MAX_DIGITS = 38;

    private int integerDigits;
    private int scale;
    private boolean anyValue;
    private boolean nonFinite;
    private boolean allDoubles = true;

    /** Takes one value's text (as the driver gives it: 751.91, 6E+1, 4.0000000000, NaN) and returns what DuckDB is given. */
    String accept(String text) {
        String trimmed = text.trim();
        if (isNonFinite(trimmed)) {
            nonFinite = true;
            return trimmed;
        }
        BigDecimal value = new BigDecimal(trimmed);
        BigDecimal exact = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        anyValue = true;
        scale = Math.max(scale, Math.max(0, exact.scale()));
        integerDigits = Math.max(integerDigits, Math.max(0, exact.precision() - exact.scale()));
        if (allDoubles) allDoubles = new BigDecimal(Double.toString(value.doubleValue())).compareTo(value) == 0;
        return value.toPlainString();
    }

    /** The column's type once every value has been seen: DECIMAL(p,s), DOUBLE, or VARCHAR when neither holds them all. */
    String type() {
        int digits = Math.max(1, integerDigits + scale);
        if (!anyValue) return "DOUBLE";
        if (!nonFinite && digits <= MAX_DIGITS) return "DECIMAL(" + digits + "," + scale + ")";
        return allDoubles ? "DOUBLE" : "VARCHAR";
    }

    private static boolean isNonFinite(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("nan") || lower.endsWith("infinity");
    }
}
