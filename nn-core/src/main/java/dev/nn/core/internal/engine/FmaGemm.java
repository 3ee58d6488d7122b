package dev.nn.core.internal.engine;

import dev.nn.api.Matrix;

/**
 * {@link VectorGemm}'s product in plain Java, with its summation order exactly: the vector engine
 * computes a small job's products with it (see {@link VectorEngine#expectWork}), and which of the
 * two computes a product changes no bit.
 *
 * <p>C2 needs about a second of CPU time to compile the Vector API kernels, and until it has they
 * allocate an object per vector operation and run hundreds of times slower; these loops are plain
 * float arithmetic that the JIT compiles within a few calls, with {@link Math#fma} an intrinsic. For
 * each element, k is cut into blocks of {@link VectorGemm#blockDepth}; a block's sum starts at zero
 * and takes {@code s = fma(op(a)(i, p), op(b)(p, j), s)} for p in order, and meets c as
 * {@code c * keep + s * alpha} (just {@code s * alpha} for the first block when beta is 0), where
 * keep is beta for the first block and 1 for later ones: the arithmetic of VectorGemm's store.
 * Tiles of 4 x 4 elements keep sixteen chains going at once: 4-6 billion multiply-adds a second
 * here. It runs on the calling thread alone (handing products this small to a second thread cost
 * more than it saved on digits).
 */
final class FmaGemm {

    /** The product in progress on this thread; reused, so that a product allocates nothing. */
    private static final ThreadLocal<Operands> CALLS = ThreadLocal.withInitial(Operands::new);

    private FmaGemm() {}

    /** {@code c = alpha * op(a) * op(b) + beta * c}, bit-identical to {@link VectorGemm#multiply}. */
    static void multiply(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        int k = GemmArguments.check(transA, transB, a, b, c);
        int m = c.rows();
        int n = c.cols();
        if (m == 0 || n == 0 || GemmArguments.onlyScalesC(alpha, k, beta, c.data())) {
            return;
        }
        // op(a)(i, p) is x[i * ai + p * ap] and op(b)(p, j) is y[p * bp + j * bj].
        Operands o = CALLS.get();
        o.x = a.data();
        o.ai = transA ? 1 : k;
        o.ap = transA ? m : 1;
        o.y = b.data();
        o.bp = transB ? 1 : n;
        o.bj = transB ? k : 1;
        o.z = c.data();
        o.n = n;
        o.alpha = alpha;
        try {
            compute(o, m, n, k, beta);
        } finally {
            // The thread-local must not keep the caller's arrays alive.
            o.x = null;
            o.y = null;
            o.z = null;
        }
    }

    private static void compute(Operands o, int m, int n, int k, float beta) {
        int depth = VectorGemm.blockDepth(k);
        for (int pc = 0; pc < k; pc += depth) {
            int kc = Math.min(depth, k - pc);
            o.keep = pc == 0 ? beta : 1f;
            o.overwrite = pc == 0 && beta == 0;
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                int j = 0;
                for (; j + 4 <= n; j += 4) {
                    tile4x4(o, i, j, pc, kc);
                }
                for (; j < n; j++) {
                    tile4x1(o, i, j, pc, kc);
                }
            }
            for (; i < m; i++) {
                int j = 0;
                for (; j + 4 <= n; j += 4) {
                    tile1x4(o, i, j, pc, kc);
                }
                for (; j < n; j++) {
                    o.put(i, j, dot(o, i, j, pc, kc));
                }
            }
        }
    }

    /** The arrays and strides of the product in progress, and how a block's sums meet c. */
    private static final class Operands {
        float[] x;
        int ai;
        int ap;
        float[] y;
        int bp;
        int bj;
        float[] z;
        int n;
        float alpha;
        float keep;
        boolean overwrite;

        /** c(i, j) meets a block sum as VectorGemm's store has it. */
        void put(int i, int j, float s) {
            int at = i * n + j;
            float scaled = s * alpha;
            z[at] = overwrite ? scaled : z[at] * keep + scaled;
        }
    }

    // Sixteen (or four) independent chains at a time, so that the fused multiply-adds overlap rather
    // than wait on one another; each chain is one element's sum over p in order.

    private static void tile4x4(Operands o, int i, int j, int pc, int kc) {
        float[] x = o.x;
        float[] y = o.y;
        int ai = o.ai;
        int bj = o.bj;
        int xi = i * ai + pc * o.ap;
        int yi = pc * o.bp + j * bj;
        float s00 = 0f, s01 = 0f, s02 = 0f, s03 = 0f;
        float s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f;
        float s20 = 0f, s21 = 0f, s22 = 0f, s23 = 0f;
        float s30 = 0f, s31 = 0f, s32 = 0f, s33 = 0f;
        for (int p = 0; p < kc; p++, xi += o.ap, yi += o.bp) {
            float x0 = x[xi], x1 = x[xi + ai], x2 = x[xi + 2 * ai], x3 = x[xi + 3 * ai];
            float y0 = y[yi], y1 = y[yi + bj], y2 = y[yi + 2 * bj], y3 = y[yi + 3 * bj];
            s00 = Math.fma(x0, y0, s00);
            s01 = Math.fma(x0, y1, s01);
            s02 = Math.fma(x0, y2, s02);
            s03 = Math.fma(x0, y3, s03);
            s10 = Math.fma(x1, y0, s10);
            s11 = Math.fma(x1, y1, s11);
            s12 = Math.fma(x1, y2, s12);
            s13 = Math.fma(x1, y3, s13);
            s20 = Math.fma(x2, y0, s20);
            s21 = Math.fma(x2, y1, s21);
            s22 = Math.fma(x2, y2, s22);
            s23 = Math.fma(x2, y3, s23);
            s30 = Math.fma(x3, y0, s30);
            s31 = Math.fma(x3, y1, s31);
            s32 = Math.fma(x3, y2, s32);
            s33 = Math.fma(x3, y3, s33);
        }
        o.put(i, j, s00);
        o.put(i, j + 1, s01);
        o.put(i, j + 2, s02);
        o.put(i, j + 3, s03);
        o.put(i + 1, j, s10);
        o.put(i + 1, j + 1, s11);
        o.put(i + 1, j + 2, s12);
        o.put(i + 1, j + 3, s13);
        o.put(i + 2, j, s20);
        o.put(i + 2, j + 1, s21);
        o.put(i + 2, j + 2, s22);
        o.put(i + 2, j + 3, s23);
        o.put(i + 3, j, s30);
        o.put(i + 3, j + 1, s31);
        o.put(i + 3, j + 2, s32);
        o.put(i + 3, j + 3, s33);
    }

    private static void tile4x1(Operands o, int i, int j, int pc, int kc) {
        float[] x = o.x;
        float[] y = o.y;
        int ai = o.ai;
        int xi = i * ai + pc * o.ap;
        int yi = pc * o.bp + j * o.bj;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        for (int p = 0; p < kc; p++, xi += o.ap, yi += o.bp) {
            float y0 = y[yi];
            s0 = Math.fma(x[xi], y0, s0);
            s1 = Math.fma(x[xi + ai], y0, s1);
            s2 = Math.fma(x[xi + 2 * ai], y0, s2);
            s3 = Math.fma(x[xi + 3 * ai], y0, s3);
        }
        o.put(i, j, s0);
        o.put(i + 1, j, s1);
        o.put(i + 2, j, s2);
        o.put(i + 3, j, s3);
    }

    private static void tile1x4(Operands o, int i, int j, int pc, int kc) {
        float[] x = o.x;
        float[] y = o.y;
        int bj = o.bj;
        int xi = i * o.ai + pc * o.ap;
        int yi = pc * o.bp + j * bj;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        for (int p = 0; p < kc; p++, xi += o.ap, yi += o.bp) {
            float x0 = x[xi];
            s0 = Math.fma(x0, y[yi], s0);
            s1 = Math.fma(x0, y[yi + bj], s1);
            s2 = Math.fma(x0, y[yi + 2 * bj], s2);
            s3 = Math.fma(x0, y[yi + 3 * bj], s3);
        }
        o.put(i, j, s0);
        o.put(i, j + 1, s1);
        o.put(i, j + 2, s2);
        o.put(i, j + 3, s3);
    }

    private static float dot(Operands o, int i, int j, int pc, int kc) {
        float s = 0f;
        for (int p = pc; p < pc + kc; p++) {
            s = Math.fma(o.x[i * o.ai + p * o.ap], o.y[p * o.bp + j * o.bj], s);
        }
        return s;
    }
}
