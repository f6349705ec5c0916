package valor.fake;

import java.util.SplittableRandom;

/**
 * Deterministic randomness for the fake API: seeded random streams, UUID-like ids that can be
 * turned back into the index they were made from, and the scan order of a table. Everything is
 * computed from (seed, tag, index) so a million sessions never have to exist at once.
 */
final class FakeIds {
    static final long TAG_ORGANISATION = 1, TAG_ATHLETE = 2, TAG_SESSION = 3, TAG_ASSESSMENT = 4,
            TAG_EXERCISE = 5, TAG_BLOCK = 6, TAG_SOLO = 7, TAG_ORDER = 8, TAG_RANKS = 9;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long C1 = 0xff51afd7ed558ccdL, C2 = 0xc4ceb9fe1a85ec53L;
    private static final long C1_INVERSE = inverse(C1), C2_INVERSE = inverse(C2);

    private FakeIds() {}

    /** A random stream that depends only on its three coordinates. */
    static SplittableRandom random(long seed, long tag, long index) {
        return new SplittableRandom(mix(seed, tag, index));
    }

    static long mix(long a, long b, long c) {
        long h = fmix(a + GOLDEN);
        h = fmix(h ^ (b * GOLDEN + 0x632BE59BD9B4E019L));
        return fmix(h ^ (c + 0x2545F4914F6CDD1DL));
    }

    /**
     * A UUID-like id (8-4-4-4-12 lowercase hex). The first half is a bijection of the index, so
     * ids never collide and {@link #indexOf} can find the record again without a lookup table;
     * the second half is noise so ids of neighbours do not look related.
     */
    static String uuid(long seed, long tag, long index) {
        long high = fmix(index ^ mix(seed, tag, -1));
        long low = mix(seed, tag, index);
        char[] hex = new char[36];
        int at = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) hex[at++] = '-';
            long half = i < 16 ? high : low;
            int nibble = (int) (half >>> (60 - 4 * (i % 16))) & 0xf;
            hex[at++] = HEX[nibble];
        }
        return new String(hex);
    }

    /** The index an id of {@link #uuid} was made from, or -1 when it is not such an id. */
    static long indexOf(String id, long seed, long tag) {
        if (id == null || id.length() != 36) return -1;
        String hex = id.replace("-", "");
        if (hex.length() != 32) return -1;
        try {
            long high = Long.parseUnsignedLong(hex.substring(0, 16), 16);
            long index = unfmix(high) ^ mix(seed, tag, -1);
            return index >= 0 && uuid(seed, tag, index).equals(id) ? index : -1;
        } catch (NumberFormatException notHex) {
            return -1;
        }
    }

    /** MurmurHash3's finaliser: a bijection on 64 bits with good avalanche. */
    static long fmix(long k) {
        k ^= k >>> 33;
        k *= C1;
        k ^= k >>> 33;
        k *= C2;
        k ^= k >>> 33;
        return k;
    }

    private static long unfmix(long k) {
        k ^= k >>> 33; // a shift of 33 or more undoes itself
        k *= C2_INVERSE;
        k ^= k >>> 33;
        k *= C1_INVERSE;
        k ^= k >>> 33;
        return k;
    }

    /** Multiplicative inverse of an odd number modulo 2^64, by Newton's iteration. */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) x *= 2 - odd * x;
        return x;
    }

    /**
     * The order a table scan visits records in: position p maps to index (p * step + offset) mod
     * size, a bijection when step and size are coprime. It looks unordered (ids and dates are
     * random per index), costs O(1) per position, and is the same for the same seed and size.
     */
    record ScanOrder(long size, long step, long offset) {
        static ScanOrder of(long size, long seed, long tag) {
            if (size <= 1) return new ScanOrder(size, 1, 0);
            SplittableRandom random = random(seed, TAG_ORDER, tag);
            long step = (long) (size * 0.6180339887) + random.nextLong(Math.max(1, size / 10));
            step = Math.max(1, step % size);
            while (gcd(step, size) != 1) step = step % (size - 1) + 1;
            return new ScanOrder(size, step, random.nextLong(size));
        }

        long indexAt(long position) {
            return (position * step + offset) % size;
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }
}
