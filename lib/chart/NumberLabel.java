package valor.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import valor.output.SqlValues;

/** A number as a chart shows it: 12 rather than 12.0, and 290.32 rather than 290.31666666666666; a label, not the data. */
final class NumberLabel {
    private NumberLabel() {}

    static String of(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        if (Double.isNaN(value) || Double.isInfinite(value)) return SqlValues.text(value);
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shown = Math.abs(value) >= 1 ? exact.setScale(2, RoundingMode.HALF_UP) : exact.round(new MathContext(3));
        return shown.stripTrailingZeros().toPlainString();
    }

    /** An x value: a number as above, anything else as its text. */
    static String of(Object x) {
        return x instanceof Double number ? of(number.doubleValue()) : String.valueOf(x);
    }
}
