package valor.fake;

import java.util.Arrays;

/**
 * A growable byte buffer that writes ASCII and fixed-point decimals directly, for the fake API's
 * large number arrays: a general JSON generator formats each double through its shortest-repr
 * algorithm, which costs several times more than printing a scaled integer.
 */
final class FakeJsonBytes {
    private byte[] bytes;
    private int size;

    FakeJsonBytes(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    FakeJsonBytes ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) bytes[size++] = (byte) text.charAt(i);
        return this;
    }

    FakeJsonBytes bytes(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
        return this;
    }

    /** {@code scaled / 10^decimals} in plain notation, e.g. (-1234, 2) as -12.34 and (5, 2) as 0.05. */
    FakeJsonBytes decimal(long scaled, int decimals) {
        ensure(24 + decimals);
        if (scaled < 0) {
            bytes[size++] = '-';
            scaled = -scaled;
        }
        int start = size;
        int digits = 0;
        // Digits come out least significant first; reversed below.
        do {
            if (digits == decimals && decimals > 0) bytes[size++] = '.';
            bytes[size++] = (byte) ('0' + scaled % 10);
            scaled /= 10;
            digits++;
        } while (scaled > 0 || digits <= decimals);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte swap = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = swap;
        }
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    int size() {
        return size;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
