package dev.nn.core.internal.engine;

/**
 * The whole-gradient operations of a training step: whether every value is finite, the sum of
 * squares (for clipping) and scaling. The finiteness check runs on the Vector API where the JVM has
 * it (unless the last job a {@link VectorEngine} expected was too small to repay compiling it) and
 * in plain Java otherwise, with the same answer either way. The optimizers' updates are
 * {@link dev.nn.api.Engine} operations ({@link dev.nn.api.Engine#sgdUpdate},
 * {@link dev.nn.api.Engine#adamUpdate}), which any plugin can call.
 */
public final class Gradients {
    private static final boolean VECTOR = new VectorEngineProvider().isAvailable();

    private Gradients() {}

    /**
     * True when every value is finite (no NaN, no infinity). Checked once per training step over
     * every gradient, so it runs on the Vector API where there is one ({@code x * 0} is 0 for a finite
     * {@code x} and NaN otherwise, summed lane by lane), and the rest as an integer OR over the
     * exponent bits: a float is not finite exactly when its exponent bits are all ones, and adding
     * one to the exponent field then carries into the sign bit.
     *
     * @param values the values
     * @return true when none is NaN or infinite
     */
    public static boolean allFinite(float[] values) {
        int from = 0;
        if (VECTOR && !VectorEngine.plainChecks) {
            from = VectorUpdates.allFinite(values);
            if (from < 0) {
                return false;
            }
        }
        int bits = 0;
        for (int i = from; i < values.length; i++) {
            bits |= (Float.floatToRawIntBits(values[i]) & 0x7f800000) + 0x00800000;
        }
        return bits >= 0;
    }

    /**
     * The sum of the squares of {@code values} in double precision, in a fixed order (so the same
     * bits on every engine and thread count): NaN or infinite when a value is.
     *
     * @param values the values
     * @return the sum of their squares
     */
    public static double sumOfSquares(float[] values) {
        // Four running sums let the processor overlap the additions; their order is fixed.
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < values.length; i += 4) {
            s0 += (double) values[i] * values[i];
            s1 += (double) values[i + 1] * values[i + 1];
            s2 += (double) values[i + 2] * values[i + 2];
            s3 += (double) values[i + 3] * values[i + 3];
        }
        for (; i < values.length; i++) {
            s0 += (double) values[i] * values[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Multiplies every value by {@code factor}.
     *
     * @param values the values, changed in place
     * @param factor the multiplier
     */
    public static void scale(float[] values, float factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
    }
}
