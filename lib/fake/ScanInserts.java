package valor.fake;

import java.util.Arrays;

/**
 * Added sessions placed inside the scan order rather than after it. An inserted session sits
 * just before the generated record at its slot, so with {@code j} inserts before it, the one
 * numbered {@code j} is at position {@code slot + j}, and every record after it moves on by one.
 *
 * @param slots   generated positions, ascending, before which each insert sits
 * @param indexes the session index of each insert (an index past the generated sessions)
 */
record ScanInserts(long[] slots, long[] indexes) {
    static final ScanInserts NONE = new ScanInserts(new long[0], new long[0]);

    /** What a position of the merged scan holds: an inserted session's index, or a generated position. */
    record Slot(boolean inserted, long index) {}

    int size() {
        return slots.length;
    }

    ScanInserts with(long slot, long index) {
        int at = 0;
        while (at < slots.length && slots[at] <= slot) at++; // after inserts at the same slot: they came first
        long[] newSlots = new long[slots.length + 1];
        long[] newIndexes = new long[slots.length + 1];
        System.arraycopy(slots, 0, newSlots, 0, at);
        System.arraycopy(indexes, 0, newIndexes, 0, at);
        newSlots[at] = slot;
        newIndexes[at] = index;
        System.arraycopy(slots, at, newSlots, at + 1, slots.length - at);
        System.arraycopy(indexes, at, newIndexes, at + 1, slots.length - at);
        return new ScanInserts(newSlots, newIndexes);
    }

    boolean contains(long index) {
        for (long inserted : indexes) if (inserted == index) return true;
        return false;
    }

    Slot at(long position) {
        int low = 0;
        int high = slots.length; // the first insert at or after the position: slots[j] + j rises strictly with j
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (slots[middle] + middle < position) low = middle + 1;
            else high = middle;
        }
        if (low < slots.length && slots[low] + low == position) return new Slot(true, indexes[low]);
        return new Slot(false, position - low);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScanInserts that && Arrays.equals(slots, that.slots) && Arrays.equals(indexes, that.indexes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(slots) * 31 + Arrays.hashCode(indexes);
    }

    @Override
    public String toString() {
        return "ScanInserts" + Arrays.toString(slots);
    }
}
