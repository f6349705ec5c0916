package valor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import valor.ik.IkCodec;

/** The IK array encoding: lossless bit for bit, and about a byte per sample for the vendor's short decimals. */
class IkCodecTest {

    private static void assertRoundTrip(double[] values) {
        double[] decoded = IkCodec.decode(IkCodec.encode(values));
        assertEquals(values.length, decoded.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(decoded[i]),
                    "sample " + i + ": " + values[i] + " came back as " + decoded[i]);
        }
    }

    /** The doubles a JSON parser makes of decimal text, as the API sends it. */
    private static double[] parsedDecimals(double[] raw, int decimals) {
        double[] values = new double[raw.length];
        for (int i = 0; i < raw.length; i++) values[i] = Double.parseDouble(String.format(java.util.Locale.ROOT, "%." + decimals + "f", raw[i]));
        return values;
    }

    @Test
    void smoothSignalsAtEveryDecimalPrecisionComeBackExactlyAndSmall() {
        double[] raw = new double[3600];
        for (int i = 0; i < raw.length; i++) raw[i] = 40 * (1 - Math.cos(2 * Math.PI * 0.4 * i / 60.0)) + 0.8 * Math.sin(i / 7.0) - 3;
        for (int decimals = 0; decimals <= 9; decimals++) {
            double[] values = parsedDecimals(raw, decimals);
            assertRoundTrip(values);
            if (decimals <= 2) {
                int size = IkCodec.encode(values).length;
                assertTrue(size < values.length * 1.1, decimals + " decimals: " + size + " bytes for " + values.length + " samples");
            }
        }
    }

    @Test
    void negativeZerosOfRoundedSmallNegativesStayCompact() {
        double[] raw = new double[3600];
        for (int i = 0; i < raw.length; i++) raw[i] = 0.3 * Math.sin(i / 50.0);
        double[] values = parsedDecimals(raw, 1); // "-0.0" wherever -0.05 < value < 0
        assertTrue(Arrays.stream(values).filter(v -> Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(-0.0)).count() > 100);
        assertRoundTrip(values);
        assertTrue(IkCodec.encode(values).length < values.length, IkCodec.encode(values).length + " bytes");
    }

    @Test
    void timeStampsAt60HzCostAlmostNothing() {
        double[] time = new double[36_000];
        for (int i = 0; i < time.length; i++) time[i] = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4f", i / 60.0));
        assertRoundTrip(time);
        assertTrue(IkCodec.encode(time).length < 2_000, "ten minutes of time stamps: " + IkCodec.encode(time).length + " bytes");
    }

    @Test
    void fullPrecisionDoublesNullsAndOddValuesFallBackToRawBitsLosslessly() {
        SplittableRandom random = new SplittableRandom(7);
        double[] noise = new double[1000];
        for (int i = 0; i < noise.length; i++) noise[i] = random.nextDouble() * 360 - 180;
        assertRoundTrip(noise);
        assertRoundTrip(new double[] {1.5, Double.NaN, 2.25, Double.NaN});
        assertRoundTrip(new double[] {0.0, -0.0, 1e300, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE});
        assertRoundTrip(new double[] {12.34, 9.007199254740993E15, 0.5});
        assertRoundTrip(new double[] {1, 2, 3, 1e15, -1e15});
        assertRoundTrip(new double[] {0.1, 0.2, 0.30000000000000004});
        assertRoundTrip(new double[0]);
        assertRoundTrip(new double[] {42.0});
    }

    @Test
    void corruptDataIsRefusedNotMisread() {
        byte[] encoded = IkCodec.encode(new double[] {1.25, 2.5, 3.75, 5.0, 6.25});
        assertThrows(IllegalArgumentException.class, () -> IkCodec.decode(Arrays.copyOf(encoded, encoded.length - 2)));
        assertThrows(IllegalArgumentException.class, () -> IkCodec.decode(new byte[] {'X', 1, 2}));
    }
}
