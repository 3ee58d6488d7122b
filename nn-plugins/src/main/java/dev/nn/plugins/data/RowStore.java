package dev.nn.plugins.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The float rows of a table while it is read: fixed-size chunks, so that growing never copies
 * what is already there, and at the end the columns are copied out into exact-size arrays chunk by
 * chunk, each chunk let go once copied. Memory stays about twice the float matrix at the most.
 */
final class RowStore {
    /** About a megabyte of floats per chunk. */
    private static final int CHUNK_VALUES = 1 << 18;

    private final int width;
    private final int rowsPerChunk;
    private final List<float[]> chunks = new ArrayList<>();
    private float[] current;
    private int rowsInCurrent;
    private int rows;

    RowStore(int width) {
        this.width = width;
        this.rowsPerChunk = Math.max(1, CHUNK_VALUES / Math.max(width, 1));
    }

    int rows() {
        return rows;
    }

    /** Adds a row and returns the offset of its first value in {@link #current()}. */
    int append() {
        if (current == null || rowsInCurrent == rowsPerChunk) {
            current = new float[rowsPerChunk * width];
            chunks.add(current);
            rowsInCurrent = 0;
        }
        rows++;
        return rowsInCurrent++ * width;
    }

    /** The chunk the last appended row is in. */
    float[] current() {
        return current;
    }

    /** Replaces every value of column {@code slot} so far by {@code change}'s. */
    void update(int slot, Change change) {
        int left = rows;
        for (float[] chunk : chunks) {
            int n = Math.min(left, rowsPerChunk);
            for (int r = 0, at = slot; r < n; r++, at += width) {
                chunk[at] = change.apply(chunk[at]);
            }
            left -= n;
        }
    }

    /** Shows {@code look} every value of column {@code slot} so far. */
    void forEach(int slot, java.util.function.DoubleConsumer look) {
        update(slot, v -> {
            look.accept(v);
            return v;
        });
    }

    /** How {@link #update} changes a value. */
    interface Change {
        float apply(float value);
    }

    /**
     * Copies the rows out, columns {@code [0, split)} into {@code first} and the rest into {@code second}
     * (both row-major), and empties the store.
     */
    void drainInto(int split, float[] first, float[] second) {
        int rest = width - split;
        int left = rows;
        int row = 0;
        for (int i = 0; i < chunks.size(); i++) {
            float[] chunk = chunks.get(i);
            int n = Math.min(left, rowsPerChunk);
            for (int r = 0; r < n; r++, row++) {
                System.arraycopy(chunk, r * width, first, row * split, split);
                System.arraycopy(chunk, r * width + split, second, row * rest, rest);
            }
            chunks.set(i, null);
            left -= n;
        }
        chunks.clear();
        current = null;
        rows = 0;
    }
}
