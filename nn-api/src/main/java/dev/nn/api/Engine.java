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
    default void expectWork(long multiplyAdds) {
    }

    /** {@return the number of threads this engine computes with (at least 1)} */
    int threads();

    /** {@return a short name for reports, such as {@code "vector"} or {@code "scalar"}} */
    default String name() {
        return getClass().getSimpleName();
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
