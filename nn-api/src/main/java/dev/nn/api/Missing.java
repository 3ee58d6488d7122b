package dev.nn.api;

import java.util.Locale;

/**
 * What a missing cell of a table's column becomes (an empty cell, or one of the spellings of
 * {@link TableColumn#DEFAULT_MISSING_VALUES}). Configs spell them {@code mean}, {@code median},
 * {@code most_frequent}, {@code constant}, {@code drop_row} and {@code error}.
 *
 * <p>The statistics ({@link #MEAN}, {@link #MEDIAN}, {@link #MOST_FREQUENT}) come from the
 * training part only and are applied unchanged to every other part and at prediction time.
 * {@link #DROP_ROW} and {@link #ERROR} act while the file is read, so a raw table never holds a
 * missing cell in such a column.
 *
 * @since SPI 1.4
 */
public enum Missing {
    /** The mean of the column's training values (number columns only); the default for numbers. */
    MEAN,
    /** The median of the column's training values (number columns only). */
    MEDIAN,
    /** The most frequent training value; the default for categories and booleans. */
    MOST_FREQUENT,
    /** The column's {@link TableColumn#fill() fill} value. */
    CONSTANT,
    /** The row is left out when the file is read. */
    DROP_ROW,
    /** A missing cell is an error naming its file, line and column. */
    ERROR;

    /** {@return the spelling in configs ({@code "most_frequent"})} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the policy of a column of {@code type} that declares none: {@link #MEAN} for numbers, else {@link #MOST_FREQUENT}}
     *
     * @param type the column's type
     */
    public static Missing defaultFor(ColumnType type) {
        return type == ColumnType.NUMBER ? MEAN : MOST_FREQUENT;
    }

    /**
     * {@return the policy spelt {@code label} in configs, ignoring case}
     *
     * @param label {@code mean}, {@code median}, {@code most_frequent}, {@code constant}, {@code drop_row} or {@code error}
     * @throws IllegalArgumentException if it is none of them
     */
    public static Missing fromLabel(String label) {
        for (Missing missing : values()) {
            if (missing.label().equalsIgnoreCase(label)) {
                return missing;
            }
        }
        throw new IllegalArgumentException("unknown missing-value policy '" + label
                + "'; use mean, median, most_frequent, constant, drop_row or error");
    }
}
