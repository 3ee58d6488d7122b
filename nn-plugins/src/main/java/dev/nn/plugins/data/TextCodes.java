package dev.nn.plugins.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The distinct texts of a column and their codes (the order they were added in), looked up from a
 * {@link Cell} without making a String of it: open addressing on the text's hash.
 */
final class TextCodes {
    private final List<String> texts = new ArrayList<>();
    private int[] hashes = new int[0];
    /** Code + 1 by slot; 0 for an empty slot. */
    private int[] slots = new int[16];

    int size() {
        return texts.size();
    }

    /** {@return the texts, by code (the list itself)} */
    List<String> texts() {
        return texts;
    }

    /** {@return the code of {@code cell}'s text, or -1} */
    int find(Cell cell) {
        int h = cell.hash();
        int mask = slots.length - 1;
        for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
            int code = slots[i] - 1;
            if (code < 0) {
                return -1;
            }
            if (hashes[code] == h && cell.is(texts.get(code))) {
                return code;
            }
        }
    }

    /** {@return the code of {@code text}, or -1} */
    int find(String text) {
        return find(Cell.of(text));
    }

    /** Adds a text that is not there yet; {@return its code} */
    int add(String text) {
        int code = texts.size();
        texts.add(text);
        if (code == hashes.length) {
            hashes = Arrays.copyOf(hashes, Math.max(16, code * 2));
        }
        hashes[code] = text.hashCode();
        if ((code + 1) * 2 > slots.length) {
            slots = new int[slots.length * 2];
            for (int k = 0; k < code; k++) {
                place(k);
            }
        }
        place(code);
        return code;
    }

    void clear() {
        texts.clear();
        hashes = new int[0];
        slots = new int[16];
    }

    private void place(int code) {
        int mask = slots.length - 1;
        int i = mix(hashes[code]) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = code + 1;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }
}
