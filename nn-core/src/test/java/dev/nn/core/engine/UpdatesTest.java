package dev.nn.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UpdatesTest {
    private static final int N = 1003; // whole vectors and a tail

    @Test
    void sgdMatchesThePlainFormulaBitForBitWithAndWithoutMomentum() {
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
                Updates.sgd(s[0], s[1], momentum == 0f ? null : s[2], 0.1f, momentum, 0.01f, nesterov, 0, N);
                assertThat(s[0]).containsExactly(expectedW);
                if (momentum != 0f) {
                    assertThat(s[2]).containsExactly(expectedV);
                }
            }
        }
    }

    @Test
    void adamMatchesThePlainFormulaBitForBit() {
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
        Updates.adam(s[0], s[1], s[2], s[3], 0.9f, 0.1f, 0.999f, 0.001f, 0.05f, 0.3f, 1e-8f, 0.01f, 0, N);
        assertThat(s[0]).containsExactly(w);
        assertThat(s[2]).containsExactly(m);
        assertThat(s[3]).containsExactly(v);
    }

    @Test
    void aVelocityThatDecaysIntoTheSubnormalsBecomesZeroInsteadOfStickingThere() {
        float[] w = {0.5f, 0.5f};
        float[] grad = {0f, 0f};
        float[] v = {4 * Float.MIN_VALUE, 1e-3f};
        // Unflushed, 0.9f * 4 * MIN_VALUE rounds back to 4 * MIN_VALUE: the state would never leave the subnormals.
        assertThat(0.9f * v[0]).isEqualTo(v[0]);
        Updates.sgd(w, grad, v, 0.1f, 0.9f, 0f, false, 0, 2);
        assertThat(v[0]).isZero();
        assertThat(v[1]).isEqualTo(0.9f * 1e-3f);
        for (int step = 0; step < 1000; step++) {
            Updates.sgd(w, grad, v, 0.1f, 0.9f, 0f, false, 0, 2);
            assertThat(Math.abs(v[1]) == 0f || Math.abs(v[1]) >= Float.MIN_NORMAL).isTrue();
        }
        assertThat(v[1]).isZero();
    }

    @Test
    void allFiniteFindsOneNaNOrInfinityAnywhereAndNothingElse() {
        float[] values = new float[N];
        for (int i = 0; i < N; i++) {
            values[i] = (i % 2 == 0 ? 1 : -1) * Float.MAX_VALUE / (i + 1);
        }
        values[7] = Float.MIN_VALUE;
        values[8] = -0f;
        assertThat(Updates.allFinite(values)).isTrue();
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffffffff)}) {
            for (int at : new int[] {0, 500, N - 1}) {
                float[] copy = values.clone();
                copy[at] = bad;
                assertThat(Updates.allFinite(copy)).as("%s at %d", bad, at).isFalse();
            }
        }
        assertThat(Updates.allFinite(new float[0])).isTrue();
    }

    @Test
    void sumOfSquaresIsInDoubleAndNotFiniteWhenAValueIsNot() {
        float[] values = new float[N];
        double expected = 0;
        for (int i = 0; i < N; i++) {
            values[i] = 1e20f * (i % 3 - 1) + 0.5f;
            expected += (double) values[i] * values[i];
        }
        // Each square overflows a float; the double sum does not.
        assertThat(Updates.sumOfSquares(values)).isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * 1e-12));
        assertThat(Updates.sumOfSquares(new float[] {3, 4})).isEqualTo(25.0);
        values[N - 1] = Float.NaN;
        assertThat(Updates.sumOfSquares(values)).isNaN();
    }

    @Test
    void adamFlushesSubnormalMomentsInEveryLane() {
        float[] w = new float[N];
        float[] grad = new float[N];
        float[] m = new float[N];
        float[] v = new float[N];
        java.util.Arrays.fill(m, 3 * Float.MIN_VALUE);
        java.util.Arrays.fill(v, Float.MIN_NORMAL / 2);
        Updates.adam(w, grad, m, v, 0.9f, 0.1f, 0.999f, 0.001f, 0.05f, 0.3f, 1e-8f, 0f, 0, N);
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
