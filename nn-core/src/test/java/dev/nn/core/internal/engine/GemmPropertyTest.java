package dev.nn.core.internal.engine;

import dev.nn.api.Matrix;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class GemmPropertyTest {

    private static final float[] ALPHAS = {1f, -0.5f, 2f, 0f};
    private static final float[] BETAS = {0f, 1f, 0.25f, -3f};

    @Property(tries = 300, seed = "20240607")
    void anyShapeAndTransposeMatchesTheReferenceIdenticallyOnOneAndThreeThreads(
            @ForAll @IntRange(min = 1, max = 90) int m,
            @ForAll @IntRange(min = 1, max = 300) int k,
            @ForAll @IntRange(min = 1, max = 90) int n,
            @ForAll boolean transA,
            @ForAll boolean transB,
            @ForAll @IntRange(min = 0, max = 3) int alphaIndex,
            @ForAll @IntRange(min = 0, max = 3) int betaIndex,
            @ForAll long seed,
            @ForAll EngineKind kind) {
        SplittableRandom random = new SplittableRandom(seed);
        float alpha = ALPHAS[alphaIndex];
        float beta = BETAS[betaIndex];
        Matrix a = ReferenceGemm.operand(m, k, transA, random);
        Matrix b = ReferenceGemm.operand(k, n, transB, random);
        Matrix c0 = ReferenceGemm.random(m, n, random);
        ReferenceGemm reference = ReferenceGemm.of(transA, transB, alpha, a, b, beta, c0);

        Matrix one = c0.copy();
        kind.withThreads(1).gemm(transA, transB, alpha, a, b, beta, one);
        Matrix three = c0.copy();
        kind.withThreads(3).gemm(transA, transB, alpha, a, b, beta, three);

        reference.assertMatches(one, "one thread");
        ReferenceGemm.assertBitIdentical(three, one, "three threads vs one");
    }
}
