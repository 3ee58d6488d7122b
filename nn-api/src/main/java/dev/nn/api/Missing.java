package dev.nn.api;

/**
 * How a missing cell of a table column is filled ({@link TableColumn#missing()}): in YAML
 * {@code mean}, {@code median}, {@code most_frequent}, {@code constant}, {@code drop_row} or
 * {@code error}. The defaults are {@link #MEAN} for numbers and {@link #MOST_FREQUENT} for
 * categories and booleans.
 *
 * @since SPI 1.4
 */
public enum Missing {
    /** The mean of the training part's values (numbers). */
    MEAN,
    /** The median of the training part's values (numbers). */
    MEDIAN,
    /** The training part's most frequent value. */
    MOST_FREQUENT,
    /** A given value ({@link TableColumn#fill()}). */
    CONSTANT,
    /** The row is left out. */
    DROP_ROW,
    /** A missing cell is an error. */
    ERROR
}
