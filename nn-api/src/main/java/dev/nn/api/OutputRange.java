package dev.nn.api;

import java.util.Locale;

/**
 * What a layer's outputs can be, as far as the layer knows ({@link Layer#outputRange}): every value
 * lies in {@code [min, max]}, and with {@code rowsSumToOne} each example's outputs add up to 1 (a
 * softmax). Checks that a loss can train a network ({@link Loss#cannotTrain}) read it; a layer that
 * says nothing is {@link #UNKNOWN}, and nothing is refused because of it.
 *
 * @param min          the smallest value an output can take ({@code -inf} for none); NaN when unknown
 * @param max          the largest value an output can take ({@code +inf} for none); NaN when unknown
 * @param rowsSumToOne each example's outputs add up to 1
 */
public record OutputRange(double min, double max, boolean rowsSumToOne) {
    /** Nothing is known: a layer that does not say (the default for plugin layers). */
    public static final OutputRange UNKNOWN = new OutputRange(Double.NaN, Double.NaN, false);
    /** Any real value: a dense layer, a linear map. */
    public static final OutputRange ANY = new OutputRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
    /** Each output a probability in [0, 1], independently: a sigmoid. */
    public static final OutputRange PROBABILITIES = new OutputRange(0, 1, false);
    /** A probability distribution over the outputs of each example: a softmax. */
    public static final OutputRange DISTRIBUTION = new OutputRange(0, 1, true);

    /**
     * Checks the bounds.
     *
     * @param min          the smallest value an output can take; NaN when unknown
     * @param max          the largest value an output can take; NaN when unknown
     * @param rowsSumToOne each example's outputs add up to 1
     * @throws IllegalArgumentException when {@code min > max}
     */
    public OutputRange {
        if (min > max) {
            throw new IllegalArgumentException("an output range needs min <= max, got [" + min + ", " + max + "]");
        }
    }

    /**
     * Values in {@code [min, max]}, with no constraint across an example's outputs.
     *
     * @param min the smallest value an output can take
     * @param max the largest value an output can take
     * @return that range
     */
    public static OutputRange between(double min, double max) {
        return new OutputRange(min, max, false);
    }

    /** {@return true unless this is {@link #UNKNOWN}} */
    public boolean isKnown() {
        return !Double.isNaN(min) && !Double.isNaN(max);
    }

    /**
     * Whether every output lies within {@code [low, high]}.
     *
     * @param low  the smallest value allowed
     * @param high the largest value allowed
     * @return true when the range is known and lies within {@code [low, high]}
     */
    public boolean isWithin(double low, double high) {
        return isKnown() && min >= low && max <= high;
    }

    /** The range as a message shows it: {@code [0, 1]}, {@code (-inf, inf)}, {@code [0, inf)}; {@code unknown}. */
    @Override
    public String toString() {
        if (!isKnown()) {
            return "unknown";
        }
        return (Double.isInfinite(min) ? "(-inf" : "[" + number(min)) + ", "
                + (Double.isInfinite(max) ? "inf)" : number(max) + "]") + (rowsSumToOne ? " summing to 1" : "");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%g", value);
    }
}
