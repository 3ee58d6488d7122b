package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GradientsTest {
    private static final int N = 1003; // whole vectors and a tail

    @Test
    void allFiniteFindsOneNaNOrInfinityAnywhereAndNothingElse() {
        float[] values = new float[N];
        for (int i = 0; i < N; i++) {
            values[i] = (i % 2 == 0 ? 1 : -1) * Float.MAX_VALUE / (i + 1);
        }
        values[7] = Float.MIN_VALUE;
        values[8] = -0f;
        assertThat(Gradients.allFinite(values)).isTrue();
        for (float bad : new float[] {
            Float.NaN,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            Float.intBitsToFloat(0x7fc00001),
            Float.intBitsToFloat(0xffffffff)
        }) {
            for (int at : new int[] {0, 500, N - 1}) {
                float[] copy = values.clone();
                copy[at] = bad;
                assertThat(Gradients.allFinite(copy)).as("%s at %d", bad, at).isFalse();
            }
        }
        assertThat(Gradients.allFinite(new float[0])).isTrue();
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
        assertThat(Gradients.sumOfSquares(values))
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * 1e-12));
        assertThat(Gradients.sumOfSquares(new float[] {3, 4})).isEqualTo(25.0);
        values[N - 1] = Float.NaN;
        assertThat(Gradients.sumOfSquares(values)).isNaN();
    }
}
