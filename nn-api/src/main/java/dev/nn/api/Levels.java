package dev.nn.api;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The levels of a category column: an unmodifiable list whose {@link #indexOf} is a hash lookup,
 * so that {@link TableColumn#parse} costs the same for a column of ten levels as for one of a
 * hundred thousand.
 */
final class Levels extends AbstractList<String> implements RandomAccess {
    private final String[] texts;
    private final Map<String, Integer> index;

    private Levels(String[] texts, Map<String, Integer> index) {
        this.texts = texts;
        this.index = index;
    }

    /** A copy of {@code levels}; a null or repeated level is an error naming {@code column}. */
    static Levels of(List<String> levels, String column) {
        String[] texts = levels.toArray(new String[0]);
        Map<String, Integer> index = new HashMap<>(Math.max(16, texts.length * 2));
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] == null) {
                throw new IllegalArgumentException("column '" + column + "': level " + i + " is null");
            }
            Integer before = index.putIfAbsent(texts[i], i);
            if (before != null) {
                throw new IllegalArgumentException("column '" + column + "': level '" + texts[i]
                        + "' is listed twice (at " + before + " and " + i + ")");
            }
        }
        return new Levels(texts, index);
    }

    @Override
    public String get(int i) {
        return texts[i];
    }

    @Override
    public int size() {
        return texts.length;
    }

    @Override
    public int indexOf(Object o) {
        Integer i = index.get(o);
        return i == null ? -1 : i;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return index.containsKey(o);
    }
}
