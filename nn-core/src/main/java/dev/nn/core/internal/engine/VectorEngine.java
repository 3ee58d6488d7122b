package dev.nn.core.internal.engine;

import dev.nn.api.Engine;
import dev.nn.api.Matrix;

/**
 * The default compute engine: a float32 gemm on the Vector API ({@code jdk.incubator.vector}),
 * about ten times the plain-Java {@link ScalarEngine}, and the same parallel loop.
 *
 * <p>It needs a JVM started with {@code --add-modules jdk.incubator.vector}; create it through
 * {@link VectorEngineProvider}, which checks that first. Work is split by output, never by a
 * reduction dimension, so a result is bit-identical for any thread count (though not equal to the
 * scalar engine's, which sums in another order). The calling thread takes part in the work; the
 * {@code threads - 1} workers are daemons started on first use that exit after a while idle, so an
 * engine needs no closing. One engine may be used from several threads at once, and a
 * {@link #gemm} or {@link #parallelFor} called from inside a {@link #parallelFor} body runs on that
 * body's thread. After the first call of a shape, neither allocates.
 */
public final class VectorEngine implements Engine {

    /**
     * Below this many multiply-adds in a job, compiling the vector kernels costs more than they save.
     * C2 needs about a second of CPU time here to compile them (during which they run hundreds of
     * times slower), while the plain kernels ({@link FmaGemm}) run at about a tenth of their compiled
     * speed, 4-6 billion multiply-adds a second, within milliseconds of the first call.
     */
    static final long PLAIN_BELOW = 4_000_000_000L;
    /**
     * Whether {@link Gradients#allFinite} takes its plain loop: the last job any vector engine
     * expected was small (same answer either way).
     */
    static volatile boolean plainChecks;

    private final WorkerPool pool;
    /** Whether this engine's first product has ended the JIT warm-up (see {@link VectorWarmUp}). */
    private boolean warmUpEnded;
    /** Whether products and updates take the plain loops ({@link FmaGemm}'s, the SPI's): the job expected is small. */
    private volatile boolean plain;

    /**
     * An engine computing with {@code threads} threads, the caller's included.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     * @param threads the number of threads
     */
    public VectorEngine(int threads) {
        this.pool = new WorkerPool(threads, "nn-vector");
    }

    /** The warm-up's own engine, whose products must not end the warm-up. */
    static VectorEngine forWarmUp() {
        VectorEngine engine = new VectorEngine(1);
        engine.warmUpEnded = true;
        return engine;
    }

    /**
     * The product, on the vector kernels, or on {@link FmaGemm}'s plain loops (on the calling thread)
     * after {@link #expectWork} was told of a job too small to repay compiling them. The two give the
     * same bits, so the choice changes no result.
     */
    @Override
    public void gemm(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        if (plain) {
            FmaGemm.multiply(transA, transB, alpha, a, b, beta, c);
            return;
        }
        if (!warmUpEnded) {
            // Real work has begun: it warms the JIT up itself, and needs both cores.
            warmUpEnded = true;
            VectorWarmUp.stop();
        }
        VectorGemm.multiply(pool, transA, transB, alpha, a, b, beta, c, VectorGemm.Split.CHOOSE);
    }

    /** As {@link #gemm}, split as the test says, to show every split gives the same bits. */
    void gemm(
            boolean transA,
            boolean transB,
            float alpha,
            Matrix a,
            Matrix b,
            float beta,
            Matrix c,
            VectorGemm.Split split) {
        VectorGemm.multiply(pool, transA, transB, alpha, a, b, beta, c, split);
    }

    /**
     * Chooses the kernels for the job: the plain ones below {@link #PLAIN_BELOW} multiply-adds, which
     * also ends the JIT warm-up (it would compile what the job will not use), the vector ones otherwise.
     */
    @Override
    public void expectWork(long multiplyAdds) {
        boolean small = multiplyAdds < PLAIN_BELOW;
        plain = small;
        plainChecks = small;
        if (small) {
            VectorWarmUp.stop();
        }
    }

    /** The SPI's GELU on the Vector API, as {@link #sgdUpdate}: the same bits as its plain loop. */
    @Override
    public void gelu(float[] x, float[] y, int from, int to) {
        int done = plain ? from : VectorActivations.forward(x, y, from, to);
        Engine.super.gelu(x, y, done, to);
    }

    /** The logistic function on the Vector API, as {@link #sgdUpdate}: the same bits as its plain loop. */
    @Override
    public void sigmoid(float[] x, float[] y, int from, int to) {
        int done = plain ? from : VectorActivations.sigmoid(x, y, from, to);
        Engine.super.sigmoid(x, y, done, to);
    }

    /** GELU's tanh form on the Vector API, as {@link #sgdUpdate}: the same bits as its plain loop. */
    @Override
    public void geluTanh(float[] x, float[] y, int from, int to) {
        int done = plain ? from : VectorActivations.forwardTanh(x, y, from, to);
        Engine.super.geluTanh(x, y, done, to);
    }

    /** The tanh form's backward pass on the Vector API, as {@link #sgdUpdate}: the same bits as its plain loop. */
    @Override
    public void geluTanhBackward(float[] x, float[] g, float[] dx, int from, int to) {
        int done = plain ? from : VectorActivations.backwardTanh(x, g, dx, from, to);
        Engine.super.geluTanhBackward(x, g, dx, done, to);
    }

    /** GELU's backward pass on the Vector API, as {@link #sgdUpdate}: the same bits as its plain loop. */
    @Override
    public void geluBackward(float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        int done = plain ? from : VectorActivations.backward(x, y, g, dx, from, to);
        Engine.super.geluBackward(x, y, g, dx, done, to);
    }

    /**
     * The SPI's SGD update on the Vector API over whole vectors, and its plain loop for the tail (or
     * for all of it when the job expected is small): each lane does the same float operations in the
     * same order as the plain loop, so the bits are the same either way.
     */
    @Override
    public void sgdUpdate(
            float[] w,
            float[] grad,
            float[] v,
            float lr,
            float momentum,
            float weightDecay,
            boolean nesterov,
            int from,
            int to) {
        int done = plain ? from : VectorUpdates.sgd(w, grad, v, lr, momentum, weightDecay, nesterov, from, to);
        Engine.super.sgdUpdate(w, grad, v, lr, momentum, weightDecay, nesterov, done, to);
    }

    /** The SPI's Adam update on the Vector API, as {@link #sgdUpdate}: the same bits as its plain loop. */
    @Override
    public void adamUpdate(
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
        int done = plain
                ? from
                : VectorUpdates.adam(
                        w,
                        grad,
                        m,
                        v,
                        beta1,
                        oneMinusBeta1,
                        beta2,
                        oneMinusBeta2,
                        stepSize,
                        sqrtCorrection2,
                        eps,
                        weightDecay,
                        from,
                        to);
        Engine.super.adamUpdate(
                w,
                grad,
                m,
                v,
                beta1,
                oneMinusBeta1,
                beta2,
                oneMinusBeta2,
                stepSize,
                sqrtCorrection2,
                eps,
                weightDecay,
                done,
                to);
    }

    /**
     * {@return whether products and updates take the plain kernels: the last job {@link #expectWork}
     * was told of was too small to repay compiling the vector ones}
     */
    public boolean usesPlainKernels() {
        return plain;
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
        return "vector";
    }

    @Override
    public String toString() {
        return "vector engine (" + threads() + (threads() == 1 ? " thread, " : " threads, ") + VectorGemm.L * Float.SIZE
                + "-bit vectors)";
    }
}
