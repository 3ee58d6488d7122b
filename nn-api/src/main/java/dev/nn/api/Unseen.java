package dev.nn.api;

/**
 * What a category value that the training part did not have means at test or prediction time: in
 * YAML {@code zeros} (the default) or {@code error}.
 *
 * @since SPI 1.4
 */
public enum Unseen {
    /** All of the column's one-hot features are 0. */
    ZEROS,
    /** An error naming the column and the value (and the file and line where known). */
    ERROR
}
