package dev.nn.api;

import java.util.Locale;

/**
 * What a category value that the training part never held becomes in test or prediction data
 * (configs: {@code zeros}, {@code error}).
 *
 * @since SPI 1.4
 */
public enum Unseen {
    /** All of the column's one-hot features are 0; the default. */
    ZEROS,
    /** An error naming the file, line and column of the value. */
    ERROR;

    /** {@return the spelling in configs ({@code "zeros"})} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the treatment spelt {@code label} in configs, ignoring case}
     *
     * @param label {@code zeros} or {@code error}
     * @throws IllegalArgumentException if it is neither
     */
    public static Unseen fromLabel(String label) {
        for (Unseen unseen : values()) {
            if (unseen.label().equalsIgnoreCase(label)) {
                return unseen;
            }
        }
        throw new IllegalArgumentException("unknown unseen-value treatment '" + label + "'; use zeros or error");
    }
}
