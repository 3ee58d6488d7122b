package dev.nn.api;

/**
 * The type of one input column of a table ({@link TableColumn}): in YAML {@code number},
 * {@code category} or {@code boolean}.
 *
 * @since SPI 1.4
 */
public enum ColumnType {
    /** A real number: one feature, its value. */
    NUMBER,
    /** One of a set of words (a city, a plan): one 0/1 feature per value seen in training. */
    CATEGORY,
    /** True or false (true/false, yes/no, y/n, t/f, 1/0): one 0/1 feature. */
    BOOLEAN
}
