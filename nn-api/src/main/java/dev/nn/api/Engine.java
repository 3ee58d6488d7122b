package dev.nn.api;

/**
 * The compute engine a layer runs on: matrix products and parallel loops.
 *
 * <p>nn-core supplies the implementations (found through {@link EngineProvider}). A layer never
 * starts threads of its own; it calls {@link #gemm} for products and {@link #parallelFor} for
 * elementwise work large enough to be worth splitting. Engines split work by output, never by a
 * reduction dimension, so every result is bit-identical whatever {@link #threads()} is.
 */
public interface Engine {

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(x)} is {@code x} or, when the
     * flag is set, its transpose (read in place, never materialised). When {@code beta} is zero,
     * {@code c}'s previous contents are ignored (even NaN).
     *
     * @throws IllegalArgumentException if the shapes do not agree
     */
    void gemm(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c);

    /**
     * Splits {@code [0, n)} into contiguous ranges and runs them on the engine's threads, returning
     * when all are done. Small {@code n} may run on the calling thread alone.
     */
    void parallelFor(int n, RangeBody body);

    /** The number of threads this engine computes with (at least 1). */
    int threads();

    /** A short name for reports, such as {@code "vector"} or {@code "scalar"}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** One contiguous range {@code [from, to)} of a {@link #parallelFor} loop. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }
}
