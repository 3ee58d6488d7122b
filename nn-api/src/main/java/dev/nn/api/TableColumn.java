package dev.nn.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One input column of a table as it was read: its name, type, levels and missing-value rule. In a
 * raw table dataset ({@link Dataset#table()}) the feature matrix has one column per input column,
 * in file order: a number's value, a category's code (its index in {@code levels}), a boolean's 0
 * or 1, and NaN for a missing cell of any type.
 *
 * @param name    the column's name (its header)
 * @param type    number, category or boolean
 * @param levels  for a category, its distinct texts in order of first appearance in the training
 *                file (values first met in a fixed test file appended after); a cell's code is its
 *                index. {@code ["false", "true"]} for a boolean; empty for a number
 * @param missing how a missing cell is filled
 * @param fill    the text of the value {@link Missing#CONSTANT} fills with (a number, a level or
 *                true/false); null otherwise
 * @param unseen  what a category value not seen in training means at test or prediction time
 * @since SPI 1.4
 */
public record TableColumn(
        String name, ColumnType type, List<String> levels, Missing missing, String fill, Unseen unseen) {

    /** The cells that mean "missing" unless a table says otherwise: {@code "", NA, N/A, NaN, null, ?}. */
    public static final List<String> DEFAULT_MISSING_VALUES = List.of("", "NA", "N/A", "NaN", "null", "?");

    /**
     * Keeps a read-only copy of the levels.
     *
     * @param name    the column's name
     * @param type    number, category or boolean
     * @param levels  a category's texts by code, {@code ["false", "true"]} for a boolean, empty for a number
     * @param missing how a missing cell is filled
     * @param fill    the text {@link Missing#CONSTANT} fills with, or null
     * @param unseen  what an unseen category value means
     */
    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        levels = List.copyOf(levels);
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(unseen, "unseen");
    }

    /**
     * {@return one cell as the raw table holds it: NaN for a missing cell, a category's code (-1 for
     * a text not in {@code levels}), 0 or 1 for a boolean, a number's value}
     *
     * @param cell          the cell's text (surrounding spaces are ignored); null is missing
     * @param missingValues the texts that mean "missing"
     * @throws IllegalArgumentException when the cell is not a number (for a number column) or not a
     *                                  boolean; the message says which, for the caller to put after
     *                                  the file, line and column name
     */
    public float parse(String cell, Set<String> missingValues) {
        if (cell == null) {
            return Float.NaN;
        }
        String text = cell.strip();
        if (missingValues.contains(text) || missingValues.contains(cell)) {
            return Float.NaN;
        }
        return switch (type) {
            case NUMBER -> number(text);
            case CATEGORY -> levels.indexOf(text);
            case BOOLEAN -> bool(text);
        };
    }

    private static float number(String text) {
        // Decimal numbers only: Java would also take "1f", "0x1p3" and "Infinity".
        if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        return Float.parseFloat(text);
    }

    private static float bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "t", "1" -> 1f;
            case "false", "no", "n", "f", "0" -> 0f;
            default ->
                throw new IllegalArgumentException(
                        "'" + text + "' is not a boolean (true/false, yes/no, y/n, t/f or 1/0)");
        };
    }
}
