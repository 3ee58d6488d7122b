package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Engine;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimizers' updates on every engine: the SPI's plain loops (the scalar engine) and the vector
 * engine's vector loops with their plain tail give the plain formula's bits exactly.
 */
class EngineUpdatesTest {
    private static final int N = 1003; // whole vectors and a tail

    @Test
    void sgdMatchesThePlainFormulaBitForBitWithAndWithoutMomentum() {
        for (EngineKind kind : EngineKind.values()) {
            sgdMatchesThePlainFormula(kind.withThreads(1));
        }
    }

    private static void sgdMatchesThePlainFormula(Engine engine) {
        for (boolean nesterov : new boolean[] {false, true}) {
            for (float momentum : new float[] {0f, 0.9f}) {
                float[][] s = state(1);
                float[] expectedW = s[0].clone();
                float[] expectedV = s[2].clone();
                for (int i = 0; i < N; i++) {
                    float g = s[1][i] + 0.01f * expectedW[i];
                    if (momentum == 0f) {
                        expectedW[i] -= 0.1f * g;
                    } else {
                        expectedV[i] = momentum * expectedV[i] + g;
                        expectedW[i] -= nesterov ? 0.1f * (g + momentum * expectedV[i]) : 0.1f * expectedV[i];
                    }
                }
                engine.sgdUpdate(s[0], s[1], momentum == 0f ? null : s[2], 0.1f, momentum, 0.01f, nesterov, 0, N);
                assertThat(s[0])
                        .as("%s, momentum %s, nesterov %s", engine, momentum, nesterov)
                        .containsExactly(expectedW);
                if (momentum != 0f) {
                    assertThat(s[2]).containsExactly(expectedV);
                }
            }
        }
    }

    @Test
    void adamMatchesThePlainFormulaBitForBit() {
        for (EngineKind kind : EngineKind.values()) {
            adamMatchesThePlainFormula(kind.withThreads(1));
        }
    }

    private static void adamMatchesThePlainFormula(Engine engine) {
        float[][] s = state(2);
        float[] w = s[0].clone();
        float[] m = s[2].clone();
        float[] v = s[3].clone();
        for (int i = 0; i < N; i++) {
            float g = s[1][i] + 0.01f * w[i];
            m[i] = 0.9f * m[i] + 0.1f * g;
            v[i] = 0.999f * v[i] + 0.001f * g * g;
            w[i] -= 0.05f * m[i] / ((float) Math.sqrt(v[i]) / 0.3f + 1e-8f);
        }
        engine.adamUpdate(s[0], s[1], s[2], s[3], 0.9f, 0.1f, 0.999f, 0.001f, 0.05f, 0.3f, 1e-8f, 0.01f, 0, N);
        assertThat(s[0]).as("%s", engine).containsExactly(w);
        assertThat(s[2]).containsExactly(m);
        assertThat(s[3]).containsExactly(v);
    }

    @Test
    void aVelocityThatDecaysIntoTheSubnormalsBecomesZeroInsteadOfStickingThere() {
        for (EngineKind kind : EngineKind.values()) {
            aVelocityThatDecaysIntoTheSubnormalsBecomesZero(kind.withThreads(1));
        }
    }

    private static void aVelocityThatDecaysIntoTheSubnormalsBecomesZero(Engine engine) {
        float[] w = {0.5f, 0.5f};
        float[] grad = {0f, 0f};
        float[] v = {4 * Float.MIN_VALUE, 1e-3f};
        // Unflushed, 0.9f * 4 * MIN_VALUE rounds back to 4 * MIN_VALUE: the state would never leave the subnormals.
        assertThat(0.9f * v[0]).isEqualTo(v[0]);
        engine.sgdUpdate(w, grad, v, 0.1f, 0.9f, 0f, false, 0, 2);
        assertThat(v[0]).isZero();
        assertThat(v[1]).isEqualTo(0.9f * 1e-3f);
        for (int step = 0; step < 1000; step++) {
            engine.sgdUpdate(w, grad, v, 0.1f, 0.9f, 0f, false, 0, 2);
            assertThat(Math.abs(v[1]) == 0f || Math.abs(v[1]) >= Float.MIN_NORMAL)
                    .isTrue();
        }
        assertThat(v[1]).isZero();
    }

    @Test
    void adamFlushesSubnormalMomentsInEveryLane() {
        for (EngineKind kind : EngineKind.values()) {
            adamFlushesSubnormalMoments(kind.withThreads(1));
        }
    }

    private static void adamFlushesSubnormalMoments(Engine engine) {
        float[] w = new float[N];
        float[] grad = new float[N];
        float[] m = new float[N];
        float[] v = new float[N];
        java.util.Arrays.fill(m, 3 * Float.MIN_VALUE);
        java.util.Arrays.fill(v, Float.MIN_NORMAL / 2);
        engine.adamUpdate(w, grad, m, v, 0.9f, 0.1f, 0.999f, 0.001f, 0.05f, 0.3f, 1e-8f, 0f, 0, N);
        assertThat(m).containsOnly(0f);
        assertThat(v).containsOnly(0f);
        assertThat(w).containsOnly(0f);
    }

    private static float[][] state(long seed) {
        Random random = new Random(seed);
        float[][] s = new float[4][N];
        for (float[] a : s) {
            for (int i = 0; i < N; i++) {
                a[i] = (float) random.nextGaussian();
            }
        }
        for (int i = 0; i < N; i++) {
            s[3][i] = Math.abs(s[3][i]);
        }
        return s;
    }
}
