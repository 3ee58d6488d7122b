package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour every engine's gemm shares; each test runs against the scalar and the vector engine. */
class GemmTest {

    /** alpha and beta pairs; the last two put NaN in c first, which beta == 0 must ignore. */
    private static final float[][] ALPHA_BETA = {
        {1f, 0f}, {1f, 1f}, {1f, 0.25f}, {-0.5f, 0f}, {-0.5f, 1f}, {-0.5f, 0.25f}, {1f, Float.NaN}, {-0.5f, Float.NaN},
    };

    /** m x k x n; odd sizes, tails in every dimension, several k-blocks (KC = 256), m > MC, n > NC. */
    private static final int[][] SHAPES = {
        {1, 1, 1},
        {1, 9, 1},
        {1, 700, 1},
        {4, 4, 4},
        {7, 13, 5},
        {33, 17, 65},
        {129, 257, 65},
        {300, 1, 7},
        {2, 3, 1030},
        {5, 513, 6},
    };

    static Stream<Arguments> shapesAndTransposes() {
        return shapesAndTransposes(SHAPES);
    }

    static Stream<Arguments> shapesAndTransposes(int[][] shapes) {
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : shapes) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    cases.add(Arguments.of(s[0], s[1], s[2], transA, transB));
                }
            }
        }
        return cases.stream();
    }

    /** Every case of {@code cases} for each engine kind, the kind first. */
    static Stream<Arguments> forEachEngine(Stream<Arguments> cases) {
        List<Arguments> all = cases.toList();
        return Stream.of(EngineKind.values())
                .flatMap(kind -> all.stream().map(c -> {
                    Object[] args = new Object[c.get().length + 1];
                    args[0] = kind;
                    System.arraycopy(c.get(), 0, args, 1, c.get().length);
                    return Arguments.of(args);
                }));
    }

    static Stream<Arguments> enginesShapesAndTransposes() {
        return forEachEngine(shapesAndTransposes());
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3} transA={4} transB={5}")
    @MethodSource("enginesShapesAndTransposes")
    void gemmMatchesNaiveReferenceForAllTransposeCases(
            EngineKind kind, int m, int k, int n, boolean transA, boolean transB) {
        SplittableRandom random = new SplittableRandom(31L * m + 17L * k + n);
        Matrix a = ReferenceGemm.operand(m, k, transA, random);
        Matrix b = ReferenceGemm.operand(k, n, transB, random);
        for (float[] ab : ALPHA_BETA) {
            float alpha = ab[0];
            boolean nanInC = Float.isNaN(ab[1]);
            float beta = nanInC ? 0f : ab[1];
            Matrix c = nanInC ? new Matrix(m, n).fill(Float.NaN) : ReferenceGemm.random(m, n, random);
            ReferenceGemm reference = ReferenceGemm.of(transA, transB, alpha, a, b, beta, c);

            kind.withThreads(2).gemm(transA, transB, alpha, a, b, beta, c);

            reference.assertMatches(c, "alpha=" + alpha + " beta=" + beta + (nanInC ? " (NaN in c)" : ""));
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void betaZeroOverwritesNaNAndInfinityInC(EngineKind kind) {
        Matrix a = Matrix.of(new float[] {1, 2}, new float[] {3, 4});
        Matrix b = Matrix.of(new float[] {5, 6}, new float[] {7, 8});
        Matrix c = Matrix.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY}, new float[] {Float.NaN, -0f});

        kind.withThreads(1).gemm(false, false, 1f, a, b, 0f, c);

        assertThat(c.data()).containsExactly(19f, 22f, 43f, 50f);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void alphaZeroOnlyScalesCAndNeverReadsAOrB(EngineKind kind) {
        Matrix a = new Matrix(3, 2).fill(Float.NaN);
        Matrix b = new Matrix(2, 4).fill(Float.POSITIVE_INFINITY);
        Matrix c = new Matrix(3, 4).fill(2f);

        kind.withThreads(1).gemm(false, false, 0f, a, b, 0.5f, c);
        assertThat(c.data()).containsOnly(1f);

        kind.withThreads(1).gemm(false, false, 0f, a, b, 0f, c);
        assertThat(c.data()).containsOnly(0f);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void emptyInnerDimensionLeavesBetaTimesC(EngineKind kind) {
        Matrix a = new Matrix(3, 0);
        Matrix b = new Matrix(0, 2);
        Matrix c = new Matrix(3, 2).fill(3f);

        kind.withThreads(2).gemm(false, false, 1f, a, b, 2f, c);
        assertThat(c.data()).containsOnly(6f);

        kind.withThreads(2).gemm(false, false, 1f, a, b, 0f, c.fill(Float.NaN));
        assertThat(c.data()).containsOnly(0f);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void emptyOutputIsAcceptedAndLeftEmpty(EngineKind kind) {
        Matrix c = new Matrix(0, 5);
        kind.withThreads(2).gemm(false, false, 1f, new Matrix(0, 3), new Matrix(3, 5), 0f, c);
        assertThat(c.size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void smallIntegerProductIsExact(EngineKind kind) {
        // op(a) = [[1, 2, 3], [4, 5, 6]] given transposed; op(b) = [[1, 0], [0, 1], [1, 1]] given transposed
        Matrix aT = Matrix.of(new float[] {1, 4}, new float[] {2, 5}, new float[] {3, 6});
        Matrix bT = Matrix.of(new float[] {1, 0, 1}, new float[] {0, 1, 1});
        Matrix c = Matrix.of(new float[] {10, 10}, new float[] {10, 10});

        kind.withThreads(1).gemm(true, true, 2f, aT, bT, -1f, c);

        assertThat(c.data()).containsExactly(2 * 4 - 10, 2 * 5 - 10, 2 * 10 - 10, 2 * 11 - 10);
    }

    /**
     * Shapes big enough for the parallel path: split by rows, split by columns, several k-blocks
     * with a shorter last one, and the widths that leave a partial vector (1, 7, 10, 15, 17, 100),
     * with odd m and k.
     */
    static final int[][] PARALLEL_SHAPES = {
        {129, 257, 65},
        {5, 300, 701},
        {70, 600, 9},
        {67, 2001, 1},
        {67, 301, 7},
        {131, 101, 10},
        {99, 99, 15},
        {97, 97, 16},
        {95, 91, 17},
        {33, 47, 100},
    };

    static Stream<Arguments> enginesAndParallelShapes() {
        for (int[] s : PARALLEL_SHAPES) {
            assertThat((long) s[0] * s[1] * s[2])
                    .isGreaterThanOrEqualTo(Math.max(BlockedGemm.PARALLEL_PRODUCT, VectorGemm.PARALLEL_PRODUCT));
        }
        return forEachEngine(shapesAndTransposes(PARALLEL_SHAPES));
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3} transA={4} transB={5}")
    @MethodSource("enginesAndParallelShapes")
    void resultsAreBitIdenticalForOneTwoAndThreeThreads(
            EngineKind kind, int m, int k, int n, boolean transA, boolean transB) {
        SplittableRandom random = new SplittableRandom(7);
        Matrix a = ReferenceGemm.operand(m, k, transA, random);
        Matrix b = ReferenceGemm.operand(k, n, transB, random);
        Matrix c0 = ReferenceGemm.random(m, n, random);

        Matrix one = c0.copy();
        kind.withThreads(1).gemm(transA, transB, -0.5f, a, b, 0.25f, one);
        Matrix two = c0.copy();
        kind.withThreads(2).gemm(transA, transB, -0.5f, a, b, 0.25f, two);
        Matrix three = c0.copy();
        kind.withThreads(3).gemm(transA, transB, -0.5f, a, b, 0.25f, three);

        ReferenceGemm.assertBitIdentical(two, one, "two threads vs one");
        ReferenceGemm.assertBitIdentical(three, one, "three threads vs one");
        ReferenceGemm.of(transA, transB, -0.5f, a, b, 0.25f, c0).assertMatches(one, "one thread");
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("shapesAndTransposes")
    void packedAndUnpackedPathsSumInTheSameOrder(int m, int k, int n, boolean transA, boolean transB) {
        // Edge tiles, full tiles and the small-product path must all round alike.
        SplittableRandom random = new SplittableRandom(11);
        Matrix a = ReferenceGemm.operand(m, k, transA, random);
        Matrix b = ReferenceGemm.operand(k, n, transB, random);
        Matrix c0 = ReferenceGemm.random(m, n, random);
        WorkerPool pool = new WorkerPool(1, "test");

        Matrix packed = c0.copy();
        BlockedGemm.multiply(pool, transA, transB, 1.5f, a, b, 0.75f, packed, BlockedGemm.Path.PACKED);
        Matrix unpacked = c0.copy();
        BlockedGemm.multiply(pool, transA, transB, 1.5f, a, b, 0.75f, unpacked, BlockedGemm.Path.UNPACKED);

        ReferenceGemm.assertBitIdentical(packed, unpacked, "packed vs unpacked");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    @Timeout(20)
    void gemmInsideParallelForRunsInlineWithTheSameBits(EngineKind kind) {
        SplittableRandom random = new SplittableRandom(5);
        Matrix a = ReferenceGemm.random(90, 80, random);
        Matrix b = ReferenceGemm.random(80, 70, random);
        Matrix expected = new Matrix(90, 70);
        kind.withThreads(1).gemm(false, false, 1f, a, b, 0f, expected);
        Matrix[] results = new Matrix[6];

        kind.withThreads(3).parallelFor(results.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                results[i] = new Matrix(90, 70);
                kind.withThreads(3).gemm(false, false, 1f, a, b, 0f, results[i]);
            }
        });

        for (Matrix result : results) {
            ReferenceGemm.assertBitIdentical(result, expected, "gemm nested in parallelFor");
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    @Timeout(30)
    void severalCallersCanShareOneEngine(EngineKind kind) throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        Matrix a = ReferenceGemm.random(100, 120, random);
        Matrix b = ReferenceGemm.random(120, 60, random);
        Matrix expected = new Matrix(100, 60);
        kind.withThreads(1).gemm(false, false, 1f, a, b, 0f, expected);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Matrix>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> {
                    Matrix c = new Matrix(100, 60);
                    kind.withThreads(3).gemm(false, false, 1f, a, b, 0f, c);
                    return c;
                });
            }
            for (Future<Matrix> result : callers.invokeAll(calls)) {
                ReferenceGemm.assertBitIdentical(result.get(), expected, "concurrent caller");
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void innerDimensionMismatchNamesBothShapes(EngineKind kind) {
        assertThatThrownBy(() -> kind.withThreads(1)
                        .gemm(false, false, 1f, new Matrix(3, 4), new Matrix(5, 2), 0f, new Matrix(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: op(a) is 3x4 but op(b) is 5x2; inner dimensions differ");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void innerDimensionMismatchWithTransposeSaysWhichOperandWasTransposed(EngineKind kind) {
        assertThatThrownBy(() -> kind.withThreads(1)
                        .gemm(true, false, 1f, new Matrix(4, 3), new Matrix(5, 2), 0f, new Matrix(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: op(a) is 3x4 but op(b) is 5x2; inner dimensions differ"
                        + " (a is 4x3 transposed, b is 5x2)");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void wrongOutputShapeNamesProductAndC(EngineKind kind) {
        assertThatThrownBy(() -> kind.withThreads(1)
                        .gemm(false, true, 1f, new Matrix(3, 4), new Matrix(2, 4), 0f, new Matrix(2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: op(a) * op(b) is 3x2 but c is 2x3; c must have the product's shape"
                        + " (a is 3x4, b is 2x4 transposed)");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void outputSharingAnInputsArrayIsRejected(EngineKind kind) {
        Matrix square = new Matrix(3, 3);
        assertThatThrownBy(() -> kind.withThreads(1).gemm(false, false, 1f, square, new Matrix(3, 3), 0f, square))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: c shares its array with a; write the product into a separate matrix");
    }

    @Test
    void enginesDescribeThemselves() {
        assertThat(EngineKind.SCALAR.withThreads(3).name()).isEqualTo("scalar");
        assertThat(EngineKind.SCALAR.withThreads(3).threads()).isEqualTo(3);
        assertThat(EngineKind.SCALAR.withThreads(3)).hasToString("scalar engine (3 threads)");
        assertThat(EngineKind.VECTOR.withThreads(1).name()).isEqualTo("vector");
        assertThat(EngineKind.VECTOR.withThreads(1).threads()).isEqualTo(1);
        assertThat(EngineKind.VECTOR.withThreads(1))
                .hasToString("vector engine (1 thread, " + VectorGemm.L * 32 + "-bit vectors)");
    }

    @Test
    void zeroThreadsIsRejected() {
        assertThatThrownBy(() -> new ScalarEngine(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an engine needs at least 1 thread, got 0");
        assertThatThrownBy(() -> new VectorEngine(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an engine needs at least 1 thread, got 0");
    }
}
