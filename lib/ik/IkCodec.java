package valor.ik;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Packs one array of a joint-angle series into a few bytes per sample, losslessly: decoding gives
 * back exactly the doubles the API's JSON held (bit for bit; null samples as NaN).
 * <p>
 * The vendor's numbers are short decimals sampled at 60 Hz, so most arrays are stored as integers
 * at the smallest decimal scale that reproduces every value exactly, delta-coded (first or second
 * order, whichever is smaller for that array), as zig-zag varints (negative zeros listed apart),
 * then deflated. An array that no
 * scale up to 10^9 reproduces exactly (full-precision doubles, nulls) falls back to its raw IEEE
 * bits, deflated. The first byte names the format, so old data stays readable if a format is added.
 */
public final class IkCodec {
    private static final byte DECIMAL = 'D';
    private static final byte RAW = 'R';
    private static final int MAX_SCALE = 9;
    /** Measured on the fake's series: level 1 is several times faster than the default and only a few percent larger. */
    static int LEVEL = Deflater.BEST_SPEED;
    private static final double[] POWERS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);
    /** Beyond this magnitude a scaled value is no longer an exact integer double. */
    private static final double MAX_EXACT = 9.007199254740992E15;

    private IkCodec() {}

    public static byte[] encode(double[] values) {
        return encode(values, values.length);
    }

    /** Encodes the first {@code length} values. */
    public static byte[] encode(double[] values, int length) {
        int scale = decimalScale(values, length);
        return scale < 0 ? encodeRaw(values, length) : encodeDecimal(values, length, scale);
    }

    public static double[] decode(byte[] data) {
        if (data == null) return null;
        try {
            return decodeChecked(data);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("encoded IK array is truncated or corrupt", e);
        }
    }

    /** How many values an encoded array holds, read from its header without decoding it; 0 for null (no array). */
    public static int length(byte[] data) {
        if (data == null) return 0;
        try {
            ByteBuffer header = ByteBuffer.wrap(data);
            byte format = header.get();
            if (format == DECIMAL) header.position(3); // then the scale and the delta order
            else if (format != RAW) throw new IllegalArgumentException("not an encoded IK array (format byte " + format + ")");
            return (int) readVarint(header);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("encoded IK array is truncated or corrupt", e);
        }
    }

    private static double[] decodeChecked(byte[] data) {
        ByteBuffer header = ByteBuffer.wrap(data);
        byte format = header.get();
        if (format == DECIMAL) {
            int scale = header.get();
            int order = header.get();
            int count = (int) readVarint(header);
            byte[] payload = inflate(data, header.position());
            return decodeDecimal(payload, count, scale, order);
        }
        if (format == RAW) {
            int count = (int) readVarint(header);
            ByteBuffer payload = ByteBuffer.wrap(inflate(data, header.position()));
            double[] values = new double[count];
            for (int i = 0; i < count; i++) values[i] = Double.longBitsToDouble(payload.getLong());
            return values;
        }
        throw new IllegalArgumentException("not an encoded IK array (format byte " + format + ")");
    }

    /** The smallest scale k such that every value equals round(v * 10^k) / 10^k exactly; -1 if none. */
    static int decimalScale(double[] values, int length) {
        int scale = 0;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            while (!exactAt(v, scale)) {
                if (++scale > MAX_SCALE) return -1;
            }
        }
        // A value exact at a smaller scale can be too large to stay exact at the final one.
        for (int i = 0; i < length; i++) if (!exactAt(values[i], scale)) return -1;
        return scale;
    }

    private static boolean exactAt(double v, int scale) {
        if (v == 0) return true; // 0.0, and -0.0 which is listed apart (JSON writers print "-0.0" for small negatives rounded)
        double scaled = v * POWERS[scale];
        if (Double.isNaN(scaled) || Math.abs(scaled) > MAX_EXACT) return false;
        long q = Math.round(scaled);
        // Division of two exact doubles is correctly rounded, so this is the double the decimal
        // text q·10^-k parses to; comparing bits also keeps -0.0 apart from 0.0.
        return Double.doubleToRawLongBits(q / POWERS[scale]) == Double.doubleToRawLongBits(v);
    }

    private static byte[] encodeDecimal(double[] values, int length, int scale) {
        long[] q = new long[length];
        for (int i = 0; i < length; i++) q[i] = Math.round(values[i] * POWERS[scale]);
        int order = varintBytes(q, 2) < varintBytes(q, 1) ? 2 : 1;
        ByteBuffer varints = ByteBuffer.allocate(length * 10 + 10);
        long previous = 0, previousDelta = 0;
        for (int i = 0; i < length; i++) {
            long delta = q[i] - previous;
            writeVarint(varints, zigzag(order == 1 ? delta : delta - previousDelta));
            previous = q[i];
            previousDelta = delta;
        }
        // Then where the negative zeros are: how many, and each index as the gap from the last.
        List<Integer> negativeZeros = new ArrayList<>();
        for (int i = 0; i < length; i++) if (Double.doubleToRawLongBits(values[i]) == NEGATIVE_ZERO) negativeZeros.add(i);
        if (varints.remaining() < 10 + 10 * negativeZeros.size()) varints = grow(varints, 10 + 10 * negativeZeros.size());
        writeVarint(varints, negativeZeros.size());
        int last = 0;
        for (int index : negativeZeros) {
            writeVarint(varints, index - last);
            last = index;
        }
        ByteBuffer header = ByteBuffer.allocate(16);
        header.put(DECIMAL).put((byte) scale).put((byte) order);
        writeVarint(header, length);
        return deflate(header, varints);
    }

    private static double[] decodeDecimal(byte[] payload, int count, int scale, int order) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        double[] values = new double[count];
        long previous = 0, previousDelta = 0;
        double power = POWERS[scale];
        for (int i = 0; i < count; i++) {
            long coded = unzigzag(readVarint(in));
            long delta = order == 1 ? coded : previousDelta + coded;
            previous += delta;
            previousDelta = delta;
            values[i] = previous / power;
        }
        int negativeZeros = (int) readVarint(in);
        for (int n = 0, index = 0; n < negativeZeros; n++) {
            index += (int) readVarint(in);
            values[index] = -0.0;
        }
        return values;
    }

    private static byte[] encodeRaw(double[] values, int length) {
        ByteBuffer bits = ByteBuffer.allocate(length * 8);
        for (int i = 0; i < length; i++) bits.putLong(Double.doubleToRawLongBits(values[i]));
        ByteBuffer header = ByteBuffer.allocate(16);
        header.put(RAW);
        writeVarint(header, length);
        return deflate(header, bits);
    }

    /** Bytes the varints of order-n deltas would take: a cheap way to pick the smaller coding. */
    private static long varintBytes(long[] q, int order) {
        long total = 0, previous = 0, previousDelta = 0;
        for (long value : q) {
            long delta = value - previous;
            long coded = zigzag(order == 1 ? delta : delta - previousDelta);
            total += (64 - Long.numberOfLeadingZeros(coded | 1) + 6) / 7;
            previous = value;
            previousDelta = delta;
        }
        return total;
    }

    /** The header as is, then the payload (both filled from position 0) deflated. */
    private static byte[] deflate(ByteBuffer header, ByteBuffer payload) {
        Deflater deflater = new Deflater(LEVEL, true);
        try {
            deflater.setInput(payload.array(), 0, payload.position());
            deflater.finish();
            byte[] out = new byte[header.position() + payload.position() / 2 + 64];
            System.arraycopy(header.array(), 0, out, 0, header.position());
            int size = header.position();
            while (!deflater.finished()) {
                if (size == out.length) out = Arrays.copyOf(out, out.length * 2);
                size += deflater.deflate(out, size, out.length - size);
            }
            return Arrays.copyOf(out, size);
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] data, int offset) {
        Inflater inflater = new Inflater(true);
        try {
            // Raw ("nowrap") inflation wants one byte beyond the stream (see Inflater's constructor).
            byte[] input = Arrays.copyOfRange(data, offset, data.length + 1);
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, input.length * 3));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("encoded IK array is truncated");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("encoded IK array is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static ByteBuffer grow(ByteBuffer buffer, int more) {
        ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() + more);
        bigger.put(buffer.array(), 0, buffer.position());
        return bigger;
    }

    private static long zigzag(long n) {
        return (n << 1) ^ (n >> 63);
    }

    private static long unzigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private static void writeVarint(ByteBuffer out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new IllegalArgumentException("encoded IK array has a malformed number");
    }
}
