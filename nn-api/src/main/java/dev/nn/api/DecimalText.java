package dev.nn.api;

/**
 * Reads a number written in decimal or scientific notation as float32, exactly as
 * {@link Float#parseFloat} rounds it, without its cost for the short numbers tables hold.
 *
 * <p>Up to 15 significant digits scaled by a power of ten within 10^±22 make a double in one
 * correctly rounded operation (both operands are exact doubles). Rounding that double to float
 * gives the float nearest the number unless the double lies exactly halfway between two floats:
 * no float midpoint can lie strictly between a number and its nearest double, since midpoints are
 * doubles. With more digits the number lies in a tiny interval above the double, and the double
 * must be that much further from a midpoint (or both ends of the interval round to one float).
 * Anything else, and the ranges near overflow and underflow, go to {@link Float#parseFloat}.
 */
final class DecimalText {
    private static final int MAX_DIGITS = 15;
    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private DecimalText() {}

    /**
     * {@return the float32 value of {@code text}: an optional sign, digits with an optional decimal
     * point (at least one digit), an optional exponent ({@code e} or {@code E}, optional sign,
     * digits); NaN when the text is anything else (NaN, Infinity, hexadecimal and spaces included);
     * infinite when it is beyond float32's range}
     */
    static float parse(CharSequence text) {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i++;
        }
        long mantissa = 0;
        int kept = 0;
        int scale = 0;
        boolean sticky = false;
        boolean anyDigit = false;
        for (; i < n; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            anyDigit = true;
            if (kept < MAX_DIGITS) {
                if (mantissa != 0 || d != 0) {
                    mantissa = mantissa * 10 + d;
                    kept++;
                }
            } else {
                scale++;
                sticky |= d != 0;
            }
        }
        if (i < n && text.charAt(i) == '.') {
            for (i++; i < n; i++) {
                int d = text.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                anyDigit = true;
                if (kept < MAX_DIGITS) {
                    if (mantissa != 0 || d != 0) {
                        mantissa = mantissa * 10 + d;
                        kept++;
                    }
                    scale--;
                } else {
                    sticky |= d != 0;
                }
            }
        }
        if (!anyDigit) {
            return Float.NaN;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                negativeExponent = text.charAt(i) == '-';
                i++;
            }
            int start = i;
            int exponent = 0;
            for (; i < n; i++) {
                int d = text.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                // Far beyond float32 either way; the fallback below says infinity or zero.
                exponent = Math.min(exponent * 10 + d, 100_000);
            }
            if (i == start) {
                return Float.NaN;
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        if (i != n) {
            return Float.NaN;
        }
        if (mantissa == 0) {
            return negative ? -0f : 0f;
        }
        float value = nearest(mantissa, scale, sticky);
        if (Float.isNaN(value) && sticky) {
            value = between(mantissa, scale);
        }
        if (Float.isNaN(value)) {
            return Float.parseFloat(text.toString());
        }
        return negative ? -value : value;
    }

    /** The float nearest {@code (mantissa, mantissa + 1) * 10^scale} if the whole interval rounds to it, else NaN. */
    private static float between(long mantissa, int scale) {
        float low = nearest(mantissa, scale, false);
        return low == nearest(mantissa + 1, scale, false) ? low : Float.NaN;
    }

    /**
     * The float nearest {@code mantissa * 10^scale}, or NaN when this fast path cannot tell. The
     * double {@code d} is correctly rounded; in float32's normal range its low 29 significand bits
     * say where it lies between two floats, {@code 2^28} being the midpoint. Unless {@code d} is that
     * midpoint, the number rounds to the float {@code d} rounds to. With {@code sticky} (more digits
     * than the mantissa holds, so the number lies in {@code (mantissa, mantissa + 1) * 10^scale}, at
     * most 1e-14 of it wide: under 100 of {@code d}'s units in the last place) the midpoint must be
     * further away than that.
     */
    private static float nearest(long mantissa, int scale, boolean sticky) {
        if (scale < -22 || scale > 22) {
            return Float.NaN;
        }
        double d = scale >= 0 ? mantissa * POWERS[scale] : mantissa / POWERS[-scale];
        if (!(d <= 1e38 && d >= 1e-37)) {
            return Float.NaN;
        }
        long fromMidpoint = (Double.doubleToRawLongBits(d) & 0x1FFF_FFFFL) - 0x1000_0000L;
        if (sticky ? Math.abs(fromMidpoint) <= 256 : fromMidpoint == 0) {
            return Float.NaN;
        }
        return (float) d;
    }
}
