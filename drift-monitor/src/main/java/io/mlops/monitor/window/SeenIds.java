package io.mlops.monitor.window;

import java.util.Arrays;

/**
 * The prediction ids (as 64-bit hashes) a window has seen: an open-addressing set of longs, so the
 * hot path boxes no {@code Long} per event. A window keeps its predecessor's set for one more window.
 */
public final class SeenIds {

    private long[] slots;
    private int size;

    /** An empty set for the window before a restored one, filled while that window's events are replayed. */
    public static SeenIds forReplay() {
        return new SeenIds(256);
    }

    SeenIds(int expected) {
        slots = new long[Math.max(16, Integer.highestOneBit(Math.max(expected, 8) * 2) * 2)];
    }

    /** Adds the value; false when it was already there. */
    public boolean add(long value) {
        long v = value == 0 ? 1 : value;
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) (v ^ (v >>> 32)) & mask;
        while (slots[i] != 0) {
            if (slots[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = v;
        size++;
        return true;
    }

    boolean contains(long value) {
        long v = value == 0 ? 1 : value;
        int mask = slots.length - 1;
        int i = (int) (v ^ (v >>> 32)) & mask;
        while (slots[i] != 0) {
            if (slots[i] == v) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        Arrays.stream(old).filter(v -> v != 0).forEach(this::add);
    }
}
