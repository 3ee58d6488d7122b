package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Matrix;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The vector engine's summation order, pinned bit for bit, and its splits between threads. */
class VectorGemmTest {

    private static final VectorEngine THREE_THREADS = new VectorEngine(3);

    /**
     * m x k x n: every width with a partial last vector (n = 1, 7, 10, 15, 17, 100) and whole ones
     * (16, 32, 48), widths over one panel (NC), fewer rows than a kernel (m < 8) and a partial last
     * row block, several k-blocks of equal depth (k = 300, 600) and uneven ones (k = 2001).
     */
    private static final int[][] SHAPES = {
        {1, 1, 1},
        // One row, as a prediction for one example takes: read b in place, several k-blocks, tails.
        {1, 784, 256},
        {1, 300, 4 * VectorGemm.L + 3},
        {1, 2001, 2 * VectorGemm.L - 1},
        {3, 5, 7},
        {7, 9, 10},
        {8, 16, 16},
        {9, 17, 17},
        {13, 31, 15},
        {17, 300, 33},
        {23, 11, 100},
        {128, 100, 10},
        {100, 128, 10},
        {128, 10, 100},
        {31, 600, 48},
        {5, 2001, 3},
        {2, 7, VectorGemm.NC + 3 * VectorGemm.L + 5},
        // Narrow last slivers (4, 6 and 8 columns past whole ones), which have kernels of their own.
        {40, 70, 6 * VectorGemm.L + 4},
        {37, 50, 6 * VectorGemm.L + 6},
        {33, 300, 6 * VectorGemm.L + 8},
    };

    static Stream<Arguments> shapesAndTransposes() {
        return GemmTest.shapesAndTransposes(SHAPES);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("shapesAndTransposes")
    void everyElementIsAFusedMultiplyAddChainPerKBlock(int m, int k, int n, boolean transA, boolean transB) {
        SplittableRandom random = new SplittableRandom(3L * m + 5L * k + n);
        Matrix a = ReferenceGemm.operand(m, k, transA, random);
        Matrix b = ReferenceGemm.operand(k, n, transB, random);
        float[][] alphaBeta = {{1f, 0f}, {1f, 1f}, {-0.5f, 0.25f}, {2f, 1f}, {0.75f, 0f}};
        for (float[] ab : alphaBeta) {
            Matrix c0 = ReferenceGemm.random(m, n, random);
            if (ab[1] == 0f) {
                c0.fill(Float.NaN);
            }
            Matrix expected = fmaChain(transA, transB, ab[0], a, b, ab[1], c0);

            Matrix actual = c0.copy();
            THREE_THREADS.gemm(transA, transB, ab[0], a, b, ab[1], actual);
            Matrix plain = c0.copy();
            FmaGemm.multiply(transA, transB, ab[0], a, b, ab[1], plain);

            ReferenceGemm.assertBitIdentical(actual, expected, "alpha=" + ab[0] + " beta=" + ab[1]);
            ReferenceGemm.assertBitIdentical(plain, expected, "plain kernels, alpha=" + ab[0] + " beta=" + ab[1]);
        }
    }

    @Test
    void aSmallExpectedJobTakesThePlainKernelsAndALargeOneTheVectorKernels() {
        SplittableRandom random = new SplittableRandom(21);
        Matrix a = ReferenceGemm.random(50, 300, random);
        Matrix b = ReferenceGemm.random(300, 70, random);
        VectorEngine engine = new VectorEngine(2);
        assertThat(engine.usesPlainKernels()).isFalse();
        Matrix vector = new Matrix(50, 70);
        engine.gemm(false, false, 1f, a, b, 0f, vector);

        engine.expectWork(VectorEngine.PLAIN_BELOW - 1);
        assertThat(engine.usesPlainKernels()).isTrue();
        Matrix plain = new Matrix(50, 70);
        engine.gemm(false, false, 1f, a, b, 0f, plain);
        ReferenceGemm.assertBitIdentical(plain, vector, "plain kernels vs vector kernels");

        engine.expectWork(VectorEngine.PLAIN_BELOW);
        assertThat(engine.usesPlainKernels()).isFalse();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("shapesAndTransposes")
    void splittingByRowsOrColumnsGivesTheBitsOfOneThread(int m, int k, int n, boolean transA, boolean transB) {
        SplittableRandom random = new SplittableRandom(13);
        Matrix a = ReferenceGemm.operand(m, k, transA, random);
        Matrix b = ReferenceGemm.operand(k, n, transB, random);
        Matrix c0 = ReferenceGemm.random(m, n, random);

        Matrix whole = c0.copy();
        THREE_THREADS.gemm(transA, transB, 1.5f, a, b, 0.75f, whole, VectorGemm.Split.NONE);
        Matrix rows = c0.copy();
        THREE_THREADS.gemm(transA, transB, 1.5f, a, b, 0.75f, rows, VectorGemm.Split.ROWS);
        Matrix columns = c0.copy();
        THREE_THREADS.gemm(transA, transB, 1.5f, a, b, 0.75f, columns, VectorGemm.Split.COLUMNS);

        ReferenceGemm.assertBitIdentical(rows, whole, "split by rows vs one thread");
        ReferenceGemm.assertBitIdentical(columns, whole, "split by columns vs one thread");
    }

    @Test
    void blocksOfDepthAreAsEqualAsPossibleAndDependOnKAlone() {
        assertThat(VectorGemm.blockDepth(1)).isEqualTo(1);
        assertThat(VectorGemm.blockDepth(VectorGemm.KC)).isEqualTo(VectorGemm.KC);
        assertThat(VectorGemm.blockDepth(VectorGemm.KC + 1)).isEqualTo(VectorGemm.KC / 2 + 1);
        assertThat(VectorGemm.blockDepth(784)).isEqualTo(196);
        assertThat(VectorGemm.blockDepth(2001)).isEqualTo(251);
    }

    /**
     * The documented order, one element at a time: k-blocks of {@link VectorGemm#blockDepth}, each
     * summed from zero with {@link Math#fma} in order of p, then combined with c in block order.
     */
    private static Matrix fmaChain(
            boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c0) {
        int m = c0.rows();
        int n = c0.cols();
        int k = transA ? a.rows() : a.cols();
        int depth = VectorGemm.blockDepth(k);
        Matrix c = c0.copy();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float value = c.get(i, j);
                for (int pc = 0; pc < k; pc += depth) {
                    float s = 0f;
                    for (int p = pc; p < Math.min(k, pc + depth); p++) {
                        float x = transA ? a.get(p, i) : a.get(i, p);
                        float y = transB ? b.get(j, p) : b.get(p, j);
                        s = Math.fma(x, y, s);
                    }
                    float scaled = alpha == 1 ? s : alpha * s;
                    if (pc > 0 || beta == 1) {
                        value = value + scaled;
                    } else if (beta == 0) {
                        value = scaled;
                    } else {
                        value = value * beta + scaled;
                    }
                }
                c.set(i, j, value);
            }
        }
        return c;
    }
}
