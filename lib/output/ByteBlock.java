package valor.output;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Bytes gathered into blocks of 64 KB before they reach the stream, for the machine formats that
 * write a million rows a field at a time: a PrintStream takes a lock (and, for text, runs an
 * encoder) on every call. Text is written as UTF-8, what every script runs with
 * ({@code -Dfile.encoding=UTF-8}) and what CSV, TSV and JSON readers expect; a lone surrogate
 * becomes '?', as the stream's encoder wrote it.
 */
final class ByteBlock {
    private static final int SIZE = 1 << 16;
    private final OutputStream out;
    private final byte[] bytes = new byte[SIZE];
    private int length;

    ByteBlock(PrintStream out) {
        this.out = out;
    }

    void put(byte b) {
        if (length == SIZE) writeBlock();
        bytes[length++] = b;
    }

    void put(byte[] from, int offset, int count) {
        if (count > SIZE - length) {
            writeBlock();
            if (count > SIZE) {
                write(from, offset, count);
                return;
            }
        }
        System.arraycopy(from, offset, bytes, length, count);
        length += count;
    }

    /** Text known to be ASCII (digits, signs, dates): no encoder, no array of its own. */
    void putAscii(String text) {
        int count = text.length();
        if (count > SIZE - length) writeBlock();
        if (count > SIZE) {
            put(utf8(text), 0, count);
            return;
        }
        for (int i = 0; i < count; i++) bytes[length++] = (byte) text.charAt(i);
    }

    /** A long's decimal digits, written in place. */
    void putLong(long value) {
        if (value == Long.MIN_VALUE) {
            putAscii(Long.toString(value));
            return;
        }
        if (SIZE - length < 20) writeBlock();
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int end = length + digits(value);
        for (int at = end - 1; at >= length; at--, value /= 10) bytes[at] = (byte) ('0' + value % 10);
        length = end;
    }

    /** A number 0 to 10^width - 1 with leading zeros to {@code width} digits. */
    void putPadded(int value, int width) {
        if (SIZE - length < width) writeBlock();
        for (int at = length + width - 1; at >= length; at--, value /= 10) bytes[at] = (byte) ('0' + value % 10);
        length += width;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    void flush() {
        writeBlock();
        try {
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeBlock() {
        write(bytes, 0, length);
        length = 0;
    }

    private void write(byte[] from, int offset, int count) {
        try {
            out.write(from, offset, count);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a PrintStream never throws; another stream may
        }
    }

    private static int digits(long value) {
        int digits = 1;
        for (long limit = 10; digits < 19 && value >= limit; limit *= 10) digits++;
        return digits;
    }
}
