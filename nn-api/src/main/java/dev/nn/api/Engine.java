package dev.nn.api;

/**
 * The compute engine a layer runs on: matrix products, parallel loops and the optimizers' updates.
 *
 * <p>nn-core supplies the implementations (found through {@link EngineProvider}). A layer never
 * starts threads of its own; it calls {@link #gemm} for products and {@link #parallelFor} for
 * elementwise work large enough to be worth splitting. An optimizer may update with
 * {@link #sgdUpdate} and {@link #adamUpdate}, the operations nn's own optimizers use. Engines split
 * work by output, never by a reduction dimension, so every result is bit-identical whatever
 * {@link #threads()} is.
 */
public interface Engine {

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(x)} is {@code x} or, when the
     * flag is set, its transpose (read in place, never materialised). When {@code beta} is zero,
     * {@code c}'s previous contents are ignored (even NaN).
     *
     * @throws IllegalArgumentException if the shapes do not agree
     * @param transA whether {@code op(a)} is {@code a}'s transpose
     * @param transB whether {@code op(b)} is {@code b}'s transpose
     * @param alpha  scales the product
     * @param a      the left factor
     * @param b      the right factor
     * @param beta   scales {@code c}'s previous contents
     * @param c      the result, written in place
     */
    void gemm(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c);

    /**
     * Splits {@code [0, n)} into contiguous ranges and runs them on the engine's threads, returning
     * when all are done. Small {@code n} may run on the calling thread alone.
     * @param n    the size of the range
     * @param body what to run on each part
     */
    void parallelFor(int n, RangeBody body);

    /**
     * Says about how many multiply-adds the products of the job about to start add up to (the
     * trainer calls it before the first epoch), so that the engine can pick kernels that suit a job
     * of that size: for a small one, kernels that cost less to compile than to run. A hint only: an
     * engine's results never depend on it, and the default ignores it.
     *
     * @param multiplyAdds the job's multiply-adds, roughly; at least 0
     * @since SPI 1.2
     */
    default void expectWork(long multiplyAdds) {}

    /**
     * One step of SGD as PyTorch's {@code torch.optim.SGD} (no dampening) over the elements
     * {@code [from, to)}: with {@code g = grad + weightDecay * w}, plain SGD ({@code v == null}) does
     * {@code w -= lr * g}; with momentum, {@code v = momentum * v + g}, then {@code w -= lr * v}, or
     * with Nesterov {@code w -= lr * (g + momentum * v)}. A velocity below {@link Float#MIN_NORMAL}
     * in magnitude is stored as zero (see {@link #adamUpdate} for why).
     *
     * <p>Every element is independent, so an optimizer may split a large array over
     * {@link #parallelFor} and call this for each range: the bits do not change. The default is the
     * plain loop below, one element at a time; an engine may override it with faster loops that
     * give exactly the same bits (the vector engine does: each lane computes the same float
     * operations in the same order, with no fused multiply-add).
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
     * @since SPI 1.3
     */
    default void sgdUpdate(
            float[] w,
            float[] grad,
            float[] v,
            float lr,
            float momentum,
            float weightDecay,
            boolean nesterov,
            int from,
            int to) {
        if (v == null) {
            for (int i = from; i < to; i++) {
                w[i] -= lr * (grad[i] + weightDecay * w[i]);
            }
            return;
        }
        for (int i = from; i < to; i++) {
            float g = grad[i] + weightDecay * w[i];
            float vi = flushSubnormal(momentum * v[i] + g);
            v[i] = vi;
            w[i] -= nesterov ? lr * (g + momentum * vi) : lr * vi;
        }
    }

    /**
     * One step of Adam as PyTorch's {@code torch.optim.Adam} over the elements {@code [from, to)}:
     * with {@code g = grad + weightDecay * w}, {@code m = beta1 * m + (1 - beta1) * g},
     * {@code v = beta2 * v + (1 - beta2) * g * g} and
     * {@code w -= stepSize * m / (sqrt(v) / sqrtCorrection2 + eps)}, where the caller folds the bias
     * corrections into {@code stepSize} and {@code sqrtCorrection2}. As with {@link #sgdUpdate},
     * the default is the plain loop, and an engine's own loops must give the same bits.
     *
     * <p><b>Subnormal state is flushed to zero.</b> A moment estimate (or a velocity) whose
     * gradient stays zero, such as a weight on an always-black pixel, decays geometrically into the
     * subnormal range and stays there: {@code 0.9f * 4 * Float.MIN_VALUE} rounds back to
     * {@code 4 * Float.MIN_VALUE}. x86 processors compute with subnormals through a microcode assist
     * about a hundred times slower than a normal operation, which made the SGD update of a
     * Fashion-MNIST run ten times slower after a few epochs. Java cannot set the processor's
     * flush-to-zero mode, so these updates store an optimizer state below {@link Float#MIN_NORMAL}
     * in magnitude as zero, as GPUs and oneDNN do. A weight moves by less than
     * {@code lr * 1.2e-38} from such a state, which rounds away for any weight above about
     * {@code 1e-31}; the weights themselves are never flushed.
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
     * @since SPI 1.3
     */
    default void adamUpdate(
            float[] w,
            float[] grad,
            float[] m,
            float[] v,
            float beta1,
            float oneMinusBeta1,
            float beta2,
            float oneMinusBeta2,
            float stepSize,
            float sqrtCorrection2,
            float eps,
            float weightDecay,
            int from,
            int to) {
        for (int i = from; i < to; i++) {
            float g = grad[i] + weightDecay * w[i];
            float mi = flushSubnormal(beta1 * m[i] + oneMinusBeta1 * g);
            float vi = flushSubnormal(beta2 * v[i] + oneMinusBeta2 * g * g);
            m[i] = mi;
            v[i] = vi;
            float denominator = (float) Math.sqrt(vi) / sqrtCorrection2 + eps;
            w[i] -= stepSize * mi / denominator;
        }
    }

    /**
     * GELU over the elements {@code [from, to)}: {@code y = x Φ(x)}, Φ the standard normal
     * distribution function, as PyTorch's {@code torch.nn.GELU()}. The default is the plain loop; an
     * engine's own loops must give the same bits, so every step is a float32 operation that a vector
     * lane computes alike (fused multiply-adds included): {@code Φ} from the Chebyshev fit of
     * {@code erfc} in Numerical Recipes ({@code erfcc}, 1.2e-7 relative in exact arithmetic) with an
     * {@code exp} of Cody and Waite's range reduction and Cephes' {@code expf} polynomial. In float32
     * the result is within 1e-6 relative of the exact GELU for {@code x} in [-12, 12] (4.1e-7 the worst seen), and
     * 0 where Φ underflows (x below about -13).
     *
     * @param x    the inputs
     * @param y    the outputs, written
     * @param from the first index
     * @param to   one past the last index
     * @since SPI 1.4
     */
    default void gelu(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            y[i] = v * normalCdf(v);
        }
    }

    /**
     * GELU's backward pass over the elements {@code [from, to)}: {@code dx = g (Φ(x) + x φ(x))},
     * with {@code Φ(x)} taken from the forward output as {@code y / x} (1/2 at 0) and the density
     * {@code φ(x) = exp(-x²/2) / √(2π)}; the plain loop, which an engine's own loops must match to
     * the bit, as {@link #gelu}.
     *
     * @param x    the forward pass's inputs
     * @param y    the forward pass's outputs ({@link #gelu} of {@code x})
     * @param g    the incoming gradient
     * @param dx   the gradient with respect to the inputs, written
     * @param from the first index
     * @param to   one past the last index
     * @since SPI 1.4
     */
    default void geluBackward(float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            float cdf = v == 0f ? 0.5f : y[i] / v;
            float pdf = gaussian(v) * KernelConstants.INV_SQRT_2PI;
            dx[i] = g[i] * Math.fma(v, pdf, cdf);
        }
    }

    /**
     * GELU's tanh form over the elements {@code [from, to)}, as PyTorch's
     * {@code torch.nn.GELU(approximate='tanh')}: {@code y = x (1 + tanh(u)) / 2} with
     * {@code u = √(2/π) (x + 0.044715 x³)}. As {@link #gelu}, the plain loop of float32 operations
     * that an engine's own loops must match to the bit; {@code (1 + tanh u) / 2} is computed as
     * {@code w / (1 + e)} with {@code e = exp(-2|u|)} and {@code w} 1 for {@code u >= 0}, {@code e}
     * otherwise, which keeps float precision in the left tail, where {@code 1 + tanh u} would cancel:
     * within 2e-6 relative of the form computed in double for outputs of 1e-4 or more in size, and
     * 1e-5 below (where u's rounding grows with the exponent it feeds).
     *
     * @param x    the inputs
     * @param y    the outputs, written
     * @param from the first index
     * @param to   one past the last index
     * @since SPI 1.4
     */
    default void geluTanh(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            float u = KernelConstants.TANH_K * Math.fma(KernelConstants.TANH_C * v, v * v, v);
            float e = exp(-2f * Math.abs(u), 0f);
            float q = 1f / (1f + e);
            y[i] = v * ((u < 0f ? e : 1f) * q);
        }
    }

    /**
     * The backward pass of {@link #geluTanh} over the elements {@code [from, to)}:
     * {@code dx = g ((1 + tanh u) / 2 + x (1 - tanh² u) √(2/π) (1 + 3 · 0.044715 x²) / 2)}, with
     * {@code 1 - tanh² u = 4e / (1 + e)²}; the plain loop, which an engine's own loops must match to
     * the bit.
     *
     * @param x    the forward pass's inputs
     * @param g    the incoming gradient
     * @param dx   the gradient with respect to the inputs, written
     * @param from the first index
     * @param to   one past the last index
     * @since SPI 1.4
     */
    default void geluTanhBackward(float[] x, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            float u = KernelConstants.TANH_K * Math.fma(KernelConstants.TANH_C * v, v * v, v);
            float e = exp(-2f * Math.abs(u), 0f);
            float q = 1f / (1f + e);
            float half = (u < 0f ? e : 1f) * q;
            float sech2 = 4f * e * q * q;
            float inner = KernelConstants.TANH_K * Math.fma(KernelConstants.TANH_3C * v, v, 1f);
            dx[i] = g[i] * (half + 0.5f * v * sech2 * inner);
        }
    }

    /**
     * The logistic function over the elements {@code [from, to)}: {@code y = 1 / (1 + e^-x)},
     * computed as {@code w / (1 + e)} with {@code e = exp(-|x|)} and {@code w} 1 for {@code x >= 0},
     * {@code e} otherwise, so that neither tail loses precision; within 2e-7 relative of the exact
     * function (0 below about -87, 1 above about 17). The plain loop of float32 operations, which an
     * engine's own loops must match to the bit, as {@link #gelu}.
     *
     * @param x    the inputs
     * @param y    the outputs, written
     * @param from the first index
     * @param to   one past the last index
     * @since SPI 1.4
     */
    default void sigmoid(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            float e = exp(-Math.abs(v), 0f);
            float q = 1f / (1f + e);
            y[i] = (v < 0f ? e : 1f) * q;
        }
    }

    /** Φ(x) in float32 operations, as {@link #gelu} computes it. */
    private static float normalCdf(float x) {
        float z = Math.abs(x) * KernelConstants.SQRT_HALF;
        float t = 1f / Math.fma(0.5f, z, 1f);
        float[] c = KernelConstants.ERFC;
        float poly = c[c.length - 1];
        for (int k = c.length - 2; k >= 0; k--) {
            poly = Math.fma(poly, t, c[k]);
        }
        // The exponent -z² + P(t) = -x²/2 + P(t), carried as hi + lo: x² exactly as s + e, and the
        // sum's rounding error (Knuth's two-sum), so that e^(...) keeps float precision where the
        // exponent is large (x = -12: -72), as a rounded exponent would not (1e-5 there).
        float s = x * x;
        float e = Math.fma(x, x, -s);
        float b = -0.5f * s;
        float hi = b + poly;
        float bb = hi - b;
        float lo = ((b - (hi - bb)) + (poly - bb)) - 0.5f * e;
        float tail = 0.5f * (t * exp(hi, lo));
        return x < 0f ? tail : 1f - tail;
    }

    /** φ(x) √(2π) = e^(-x²/2) in float32 operations, with x² exact as in {@link #normalCdf}. */
    private static float gaussian(float x) {
        float s = x * x;
        return exp(-0.5f * s, -0.5f * Math.fma(x, x, -s));
    }

    /**
     * e^(hi + lo) in float32 operations, for {@code |lo|} below an ulp of {@code hi} and {@code hi <= 88}
     * (0 below -87, so never subnormal), as {@link #gelu} computes it.
     */
    private static float exp(float hi, float lo) {
        float n = (hi * KernelConstants.LOG2E + KernelConstants.ROUND) - KernelConstants.ROUND;
        float r = Math.fma(n, -KernelConstants.LN2_HI, hi);
        r = Math.fma(n, -KernelConstants.LN2_LO, r) + lo;
        float[] c = KernelConstants.EXP;
        float p = c[0];
        for (int k = 1; k < c.length; k++) {
            p = Math.fma(p, r, c[k]);
        }
        p = Math.fma(p, r * r, r) + 1f;
        // 2^n from the low bits of n + 2^23 + 127, which are n + 127, shifted into the exponent.
        float scale = Float.intBitsToFloat(Float.floatToRawIntBits(n + KernelConstants.EXPONENT_BIAS) << 23);
        return hi < KernelConstants.EXP_MIN ? 0f : p * scale;
    }

    /** {@return the number of threads this engine computes with (at least 1)} */
    int threads();

    /** {@return a short name for reports, such as {@code "vector"} or {@code "scalar"}} */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * {@return zero for a subnormal {@code x}, else {@code x} itself}: how the update operations store
     * an optimizer's state (see {@link #adamUpdate}), for an optimizer that writes a loop of its own
     * (since SPI 1.3).
     *
     * @param x a value of an optimizer's state
     */
    static float flushSubnormal(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    /** One contiguous range {@code [from, to)} of a {@link #parallelFor} loop. */
    @FunctionalInterface
    interface RangeBody {
        /**
         * Runs the loop body for indices {@code from} (inclusive) to {@code to} (exclusive).
         *
         * @param from the first index
         * @param to   one past the last index
         */
        void run(int from, int to);
    }
}
