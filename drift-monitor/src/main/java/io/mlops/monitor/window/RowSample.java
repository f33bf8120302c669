package io.mlops.monitor.window;

import java.util.Arrays;

/**
 * A uniform sample of at most {@code capacity} rows of a window: the rows with the smallest
 * priorities (bottom-k sampling). While the window has no more rows than the capacity it holds all
 * of them, so tests on it are exact; priorities are hashes of the prediction id, so a replay keeps
 * the same rows. All numeric columns of a row share its slot, so the sample is a sample of rows.
 */
final class RowSample {

    private final int capacity;
    private final double[][] values;
    private final long[] priority;
    /** Max-heap of slots by priority, so the row to evict is at the root. */
    private final int[] heap;
    private int size;

    RowSample(int capacity, int columns) {
        this.capacity = capacity;
        this.values = new double[columns][];
        for (int c = 0; c < columns; c++) {
            values[c] = new double[Math.min(capacity, 64)];
        }
        this.priority = new long[capacity];
        this.heap = new int[capacity];
    }

    /** The slot to write the row's values into, or -1 when the row is not sampled. */
    int offer(long rowPriority) {
        if (capacity == 0) {
            return -1;
        }
        if (size < capacity) {
            int slot = size;
            ensure(slot + 1);
            priority[slot] = rowPriority;
            heap[size] = slot;
            siftUp(size++);
            return slot;
        }
        int root = heap[0];
        if (Long.compareUnsigned(rowPriority, priority[root]) >= 0) {
            return -1;
        }
        priority[root] = rowPriority;
        siftDown(0);
        return root;
    }

    void set(int column, int slot, double value) {
        values[column][slot] = value;
    }

    /** The sampled values of a column, missing ones (NaN) left out. */
    double[] column(int column) {
        double[] all = values[column];
        double[] out = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!Double.isNaN(all[i])) {
                out[n++] = all[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    int size() {
        return size;
    }

    private void ensure(int slots) {
        if (values.length > 0 && values[0].length < slots) {
            int grown = Math.min(capacity, Math.max(slots, values[0].length * 2));
            for (int c = 0; c < values.length; c++) {
                values[c] = Arrays.copyOf(values[c], grown);
            }
        }
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (Long.compareUnsigned(priority[heap[i]], priority[heap[parent]]) <= 0) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            int largest = i;
            if (left < size && Long.compareUnsigned(priority[heap[left]], priority[heap[largest]]) > 0) {
                largest = left;
            }
            if (left + 1 < size && Long.compareUnsigned(priority[heap[left + 1]], priority[heap[largest]]) > 0) {
                largest = left + 1;
            }
            if (largest == i) {
                return;
            }
            swap(i, largest);
            i = largest;
        }
    }

    private void swap(int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
