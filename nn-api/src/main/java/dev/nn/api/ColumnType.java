package dev.nn.api;

import java.util.Locale;

/**
 * What the cells of one column of a table are: numbers, words from a vocabulary, or yes/no values.
 * A {@link TableColumn} has one; configs spell them {@code number}, {@code category} and
 * {@code boolean}.
 *
 * @since SPI 1.4
 */
public enum ColumnType {
    /** Numbers, kept as their float32 value. */
    NUMBER,
    /** Texts from a vocabulary (a city, a plan), kept as the index of the text in the column's levels. */
    CATEGORY,
    /** True or false (also written yes/no, y/n, t/f, 1/0), kept as 1 or 0. */
    BOOLEAN;

    /** {@return the spelling in configs ({@code "number"})} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the type spelt {@code label} in configs, ignoring case}
     *
     * @param label {@code number}, {@code category} or {@code boolean}
     * @throws IllegalArgumentException if it is none of them
     */
    public static ColumnType fromLabel(String label) {
        for (ColumnType type : values()) {
            if (type.label().equalsIgnoreCase(label)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown column type '" + label + "'; use number, category or boolean");
    }
}
