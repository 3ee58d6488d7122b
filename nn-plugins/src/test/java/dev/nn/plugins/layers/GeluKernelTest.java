package dev.nn.plugins.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Engine;
import dev.nn.core.internal.engine.ScalarEngineProvider;
import dev.nn.core.internal.engine.VectorEngineProvider;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engines' GELU kernel ({@link Engine#gelu}, {@link Engine#geluBackward}) against the exact
 * function (Φ from the exact series of {@link ExactErf}): within 1e-6 relative over [-12, 12] (the worst seen 4.1e-7; the derivative within 1e-7 + 1e-6 relative), and
 * the same bits from the plain loop, the scalar engine and the vector engine's vector loops, for
 * any range and tail.
 */
class GeluKernelTest {
    private static final int N = 24_001;

    private static float[] grid() {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (i - 12_000) / 1000f;
        }
        return x;
    }

    private static double exactCdf(double x) {
        // Φ(x) = erfc(-x/√2)/2 on the left, without the cancellation of 1 + erf there.
        double tail = 0.5 * ExactErf.erfc(Math.abs(x) * Math.sqrt(0.5));
        return x < 0 ? tail : 1 - tail;
    }

    private static Engine vectorLoops() {
        Engine engine = new VectorEngineProvider().create(1);
        engine.expectWork(Long.MAX_VALUE);
        return engine;
    }

    private static Engine plainLoops() {
        Engine engine = new VectorEngineProvider().create(1);
        engine.expectWork(0);
        return engine;
    }

    @Test
    void theForwardPassIsWithinAMillionthOfTheExactFunction() {
        float[] x = grid();
        float[] y = new float[N];
        vectorLoops().gelu(x, y, 0, N);
        double worst = 0;
        for (int i = 0; i < N; i++) {
            double exact = x[i] * exactCdf(x[i]);
            double error = Math.abs(y[i] - exact);
            if (Math.abs(exact) > 1e-30) {
                worst = Math.max(worst, error / Math.abs(exact));
            } else {
                assertThat(error).as("x = %s", x[i]).isLessThan(1e-30);
            }
        }
        assertThat(worst).isLessThan(1e-6);
    }

    @Test
    void theBackwardPassIsWithinAMillionthOfTheExactDerivative() {
        float[] x = grid();
        float[] y = new float[N];
        float[] ones = new float[N];
        java.util.Arrays.fill(ones, 1f);
        float[] dx = new float[N];
        Engine engine = vectorLoops();
        engine.gelu(x, y, 0, N);
        engine.geluBackward(x, y, ones, dx, 0, N);
        for (int i = 0; i < N; i++) {
            double v = x[i];
            double exact = exactCdf(v) + v * Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
            assertThat(Math.abs(dx[i] - exact)).as("x = %s", x[i]).isLessThanOrEqualTo(1e-7 + 1e-6 * Math.abs(exact));
        }
    }

    @Test
    void everyEngineAndEveryCutOfTheRangeGivesTheSameBits() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 1000;
        float[] x = new float[n];
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * 4);
            g[i] = (float) random.nextGaussian();
        }
        x[0] = 0f;
        x[1] = -0f;
        x[2] = Float.NaN;
        x[3] = -20f;
        x[4] = 20f;
        float[] y = new float[n];
        float[] dx = new float[n];
        plainLoops().gelu(x, y, 0, n);
        plainLoops().geluBackward(x, y, g, dx, 0, n);
        for (Engine engine : new Engine[] {vectorLoops(), new ScalarEngineProvider().create(1)}) {
            // Ranges whose starts and lengths are not multiples of any vector's length.
            for (int cut : new int[] {1, 3, 17, 333, 999}) {
                float[] y2 = new float[n];
                float[] dx2 = new float[n];
                engine.gelu(x, y2, 0, cut);
                engine.gelu(x, y2, cut, n);
                engine.geluBackward(x, y, g, dx2, 0, cut);
                engine.geluBackward(x, y, g, dx2, cut, n);
                assertThat(y2).as("%s cut at %d", engine.name(), cut).containsExactly(y);
                assertThat(dx2).as("%s cut at %d", engine.name(), cut).containsExactly(dx);
            }
        }
        assertThat(y[0]).isZero();
        assertThat(Float.isNaN(y[2])).isTrue();
        assertThat(y[3]).isEqualTo(-0f);
        assertThat(y[4]).isEqualTo(20f);
    }
}
