package dev.nn.core.internal.engine;

import dev.nn.api.Matrix;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets the JIT to compile the vector kernels on a background thread while a run still reads its
 * data, so that training starts on compiled code.
 *
 * <p>Until C2 has compiled them, the Vector API kernels run as plain Java that allocates an object
 * per vector operation, hundreds of times slower; on Fashion-MNIST that made nn's first epoch 1.6 s
 * against 0.28 s for the later ones. The thread runs the products and updates of a small MLP's
 * training step (every transpose case, whole and partial tiles) and SGD and Adam updates, on data of
 * its own, with a one-thread engine of its own: it changes no result, only what the JIT has compiled.
 * {@link VectorEngineProvider#create} starts it (the runner makes its engine before it reads the
 * data); it stops after a fixed amount of work, at the first product of any other vector engine
 * (training's own batches then carry on warming up, and a third busy thread would slow them down),
 * or when an engine is told of a job too small to repay compiling the kernels at all
 * ({@link VectorEngine#expectWork}).
 */
final class VectorWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile boolean stopped;
    /** Rounds of the step below; enough for every kernel to pass C2's thresholds several times over. */
    private static final int ROUNDS = 400;

    private VectorWarmUp() {}

    /** Starts the warm-up thread, once per JVM; returns at once. */
    static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(VectorWarmUp::run, "nn-vector-warm-up");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
    }

    /** Ends the warm-up after the product in progress (it may not have started). */
    static void stop() {
        stopped = true;
    }

    /** Whether the warm-up has been started in this JVM (for tests). */
    static boolean started() {
        return STARTED.get();
    }

    private static void run() {
        VectorEngine engine = VectorEngine.forWarmUp();
        SplittableRandom random = new SplittableRandom(1);
        // A 24-100-10 network at batches of 32 and 19 (a last, partial batch): forward, backward. Small,
        // so that the slow uncompiled kernels pass the JIT's call-count thresholds soon.
        int[] batches = {32, 19};
        int inputs = 24;
        int hidden = 100;
        int outputs = 10;
        Matrix w1 = random(inputs, hidden, random);
        Matrix w2 = random(hidden, outputs, random);
        Matrix dw1 = new Matrix(inputs, hidden);
        Matrix dw2 = new Matrix(hidden, outputs);
        float[] velocity = new float[w1.size()];
        float[] m = new float[w1.size()];
        float[] v = new float[w1.size()];
        for (int round = 0; round < ROUNDS && !stopped; round++) {
            for (int rows : batches) {
                if (stopped) {
                    return;
                }
                Matrix x = random(rows, inputs, random);
                Matrix h = new Matrix(rows, hidden);
                Matrix y = new Matrix(rows, outputs);
                Matrix dh = new Matrix(rows, hidden);
                Matrix dx = new Matrix(rows, inputs);
                engine.gemm(false, false, 1f, x, w1, 0f, h);
                engine.gemm(false, false, 1f, h, w2, 0f, y);
                engine.gemm(true, false, 1f, h, y, 1f, dw2);
                engine.gemm(false, true, 1f, y, w2, 0f, dh);
                engine.gemm(true, false, 1f, x, dh, 0f, dw1);
                engine.gemm(false, true, 1f, dh, w1, 0f, dx);
            }
            float[] w = w1.data();
            float[] g = dw1.data();
            engine.sgdUpdate(w, g, velocity, 1e-6f, 0.9f, 0f, false, 0, w.length);
            engine.adamUpdate(w, g, m, v, 0.9f, 0.1f, 0.999f, 0.001f, 1e-6f, 1f, 1e-8f, 0f, 0, w.length);
            Gradients.allFinite(g);
        }
    }

    private static Matrix random(int rows, int cols, SplittableRandom random) {
        Matrix m = new Matrix(rows, cols);
        float[] data = m.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble(-1, 1);
        }
        return m;
    }
}
