package dev.nn.core.internal.engine;

import dev.nn.api.Engine;
import dev.nn.api.Matrix;

/**
 * The plain-Java compute engine, which runs on every JVM: a cache-blocked float32 gemm and a
 * parallel loop on a fixed set of daemon threads.
 *
 * <p>Work is split by output, never by a reduction dimension, so a result is bit-identical for
 * any thread count. The calling thread takes part in the work, so {@code threads - 1} workers are
 * started (on first use); they are daemons and exit after a while idle, so an engine needs no
 * closing. One engine may be used from several threads at once, and a {@link #gemm} or
 * {@link #parallelFor} called from inside a {@link #parallelFor} body runs on that body's thread.
 */
public final class ScalarEngine implements Engine {

    private final WorkerPool pool;

    /**
     * An engine computing with {@code threads} threads, the caller's included.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     * @param threads the number of threads
     */
    public ScalarEngine(int threads) {
        this.pool = new WorkerPool(threads, "nn-scalar");
    }

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        BlockedGemm.multiply(pool, transA, transB, alpha, a, b, beta, c);
    }

    @Override
    public void parallelFor(int n, RangeBody body) {
        pool.parallelFor(n, body);
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String toString() {
        return "scalar engine (" + threads() + (threads() == 1 ? " thread)" : " threads)");
    }
}
