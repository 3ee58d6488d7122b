package dev.nn.core.engine;

/**
 * The elementwise parameter updates of nn's optimizers (SGD with momentum, Adam), on the Vector
 * API where the JVM has it (unless the last job a {@link VectorEngine} expected was too small to
 * repay compiling it) and in plain Java otherwise, with the same bits either way: each lane does the
 * same float operations in the same order as the plain loop (no fused multiply-add).
 *
 * <p><b>Subnormal state is flushed to zero.</b> A momentum or moment estimate whose gradient stays
 * zero (a weight on an always-black pixel) decays geometrically into the subnormal range and stays
 * there: {@code 0.9f * 4 * Float.MIN_VALUE} rounds back to {@code 4 * Float.MIN_VALUE}. x86
 * processors compute with subnormals through a microcode assist about a hundred times slower than
 * a normal operation, which made the SGD update of a Fashion-MNIST run ten times slower after a few
 * epochs. Java cannot set the processor's flush-to-zero mode, so these loops store an optimizer
 * state below {@link Float#MIN_NORMAL} in magnitude as zero, as GPUs and oneDNN do. A weight moves
 * by less than {@code lr * 1.2e-38} from such a state, which rounds away for any weight above
 * about {@code 1e-31}; the weights themselves are never flushed.
 *
 * <p>Callers split arrays by index range (every element is independent), so results are the same
 * for any thread count.
 */
public final class Updates {
    private static final boolean VECTOR = new VectorEngineProvider().isAvailable();

    private Updates() {
    }

    /**
     * SGD as PyTorch's {@code torch.optim.SGD} (no dampening) over {@code [from, to)}: with
     * {@code g = grad + weightDecay * w}, plain SGD ({@code v == null}) does {@code w -= lr * g};
     * with momentum, {@code v = momentum * v + g}, then {@code w -= lr * v}, or with Nesterov
     * {@code w -= lr * (g + momentum * v)}.
     *
     * @param w           the parameter's values, updated
     * @param grad        its gradient
     * @param v           its velocity, updated; null for plain SGD
     * @param lr          the learning rate
     * @param momentum    the momentum
     * @param weightDecay the L2 penalty's factor
     * @param nesterov    whether to use Nesterov momentum
     * @param from        the first index
     * @param to          one past the last index
     */
    public static void sgd(float[] w, float[] grad, float[] v, float lr, float momentum, float weightDecay,
                           boolean nesterov, int from, int to) {
        int done = from;
        if (VECTOR && !VectorEngine.plainUpdates) {
            done = VectorUpdates.sgd(w, grad, v, lr, momentum, weightDecay, nesterov, from, to);
        }
        if (v == null) {
            for (int i = done; i < to; i++) {
                w[i] -= lr * (grad[i] + weightDecay * w[i]);
            }
            return;
        }
        for (int i = done; i < to; i++) {
            float g = grad[i] + weightDecay * w[i];
            float vi = flush(momentum * v[i] + g);
            v[i] = vi;
            w[i] -= nesterov ? lr * (g + momentum * vi) : lr * vi;
        }
    }

    /**
     * Adam as PyTorch's {@code torch.optim.Adam} over {@code [from, to)}: with
     * {@code g = grad + weightDecay * w}, {@code m = beta1 * m + (1 - beta1) * g},
     * {@code v = beta2 * v + (1 - beta2) * g * g} and
     * {@code w -= stepSize * m / (sqrt(v) / sqrtCorrection2 + eps)}, where the caller folds the
     * bias corrections into {@code stepSize} and {@code sqrtCorrection2}.
     *
     * @param w               the parameter's values, updated
     * @param grad            its gradient
     * @param m               the first moment, updated
     * @param v               the second moment, updated
     * @param beta1           the first moment's decay rate
     * @param oneMinusBeta1   {@code 1 - beta1}
     * @param beta2           the second moment's decay rate
     * @param oneMinusBeta2   {@code 1 - beta2}
     * @param stepSize        the learning rate with the first bias correction folded in
     * @param sqrtCorrection2 the square root of the second bias correction
     * @param eps             added to the denominator
     * @param weightDecay     the L2 penalty's factor
     * @param from            the first index
     * @param to              one past the last index
     */
    public static void adam(float[] w, float[] grad, float[] m, float[] v, float beta1, float oneMinusBeta1,
                            float beta2, float oneMinusBeta2, float stepSize, float sqrtCorrection2, float eps,
                            float weightDecay, int from, int to) {
        int done = from;
        if (VECTOR && !VectorEngine.plainUpdates) {
            done = VectorUpdates.adam(w, grad, m, v, beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize,
                    sqrtCorrection2, eps, weightDecay, from, to);
        }
        for (int i = done; i < to; i++) {
            float g = grad[i] + weightDecay * w[i];
            float mi = flush(beta1 * m[i] + oneMinusBeta1 * g);
            float vi = flush(beta2 * v[i] + oneMinusBeta2 * g * g);
            m[i] = mi;
            v[i] = vi;
            float denominator = (float) Math.sqrt(vi) / sqrtCorrection2 + eps;
            w[i] -= stepSize * mi / denominator;
        }
    }

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
        if (VECTOR && !VectorEngine.plainUpdates) {
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

    /** Zero for a subnormal {@code x}, else {@code x} itself. */
    static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }
}
