package dev.nn.plugins.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Engine;
import dev.nn.core.internal.engine.ScalarEngineProvider;
import dev.nn.core.internal.engine.VectorEngineProvider;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engines' activation kernels: GELU ({@link Engine#gelu}, {@link Engine#geluBackward}), its tanh
 * form and the sigmoid, against the exact
 * function (Φ from the exact series of {@link ExactErf}): within 1e-6 relative over [-12, 12] (the worst seen 4.1e-7; the derivative within 1e-7 + 1e-6 relative), and
 * the same bits from the plain loop, the scalar engine and the vector engine's vector loops, for
 * any range and tail.
 */
class ActivationKernelsTest {
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

    /** PyTorch's tanh form in double. */
    private static double tanhForm(double v) {
        return 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
    }

    @Test
    void theTanhFormIsWithinTwoMillionthsOfItsFormulaInDoubleAndAHundredThousandthInTheLeftTail() {
        float[] x = grid();
        float[] y = new float[N];
        float[] ones = new float[N];
        java.util.Arrays.fill(ones, 1f);
        float[] dx = new float[N];
        Engine engine = vectorLoops();
        engine.geluTanh(x, y, 0, N);
        engine.geluTanhBackward(x, ones, dx, 0, N);
        double worst = 0;
        double worstTail = 0;
        for (int i = 0; i < N; i++) {
            double v = x[i];
            // (1 + tanh u) / 2 as e^u / (e^u + e^-u), exact in double where 1 + tanh u would cancel.
            double u = Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v);
            double half = u < 0 ? Math.exp(2 * u) / (1 + Math.exp(2 * u)) : 1 / (1 + Math.exp(-2 * u));
            double exact = v * half;
            // Far left, u's float rounding grows with the exponent 2u it feeds (x = -8: 2u = -49), so the
            // relative error does too, on outputs below 1e-4 in size (PyTorch's float32 form returns 0 or
            // noise there, as 1 + tanh u cancels).
            double relative = Math.abs(y[i] - exact) / Math.abs(exact);
            if (Math.abs(exact) >= 1e-4) {
                worst = Math.max(worst, relative);
            } else if (Math.abs(exact) > 1e-30) {
                worstTail = Math.max(worstTail, relative);
            } else {
                assertThat(Math.abs(y[i] - exact)).as("x = %s", x[i]).isLessThan(1e-30);
            }
            assertThat(Math.abs(y[i] - tanhForm(v))).as("x = %s", x[i]).isLessThan(1e-6);
            double sech2 = 4 * half * (1 - half);
            double d = half + 0.5 * v * sech2 * Math.sqrt(2 / Math.PI) * (1 + 3 * 0.044715 * v * v);
            assertThat(Math.abs(dx[i] - d)).as("x = %s", x[i]).isLessThanOrEqualTo(1e-7 + 1e-6 * Math.abs(d));
        }
        assertThat(worst).isLessThan(2e-6);
        assertThat(worstTail).isLessThan(1e-5);
    }

    @Test
    void theSigmoidIsWithinTwoTenMillionthsOfTheExactFunctionInBothTails() {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (i - 12_000) / 500f;
        }
        float[] y = new float[N];
        vectorLoops().sigmoid(x, y, 0, N);
        double worst = 0;
        for (int i = 0; i < N; i++) {
            double v = x[i];
            double exact = v < 0 ? Math.exp(v) / (1 + Math.exp(v)) : 1 / (1 + Math.exp(-v));
            worst = Math.max(worst, Math.abs(y[i] - exact) / exact);
        }
        assertThat(worst).isLessThan(2e-7);
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
        float[] yt = new float[n];
        float[] dxt = new float[n];
        plainLoops().gelu(x, y, 0, n);
        plainLoops().geluBackward(x, y, g, dx, 0, n);
        plainLoops().geluTanh(x, yt, 0, n);
        plainLoops().geluTanhBackward(x, g, dxt, 0, n);
        float[] ys = new float[n];
        plainLoops().sigmoid(x, ys, 0, n);
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
                engine.geluTanh(x, y2, 0, cut);
                engine.geluTanh(x, y2, cut, n);
                engine.geluTanhBackward(x, g, dx2, 0, cut);
                engine.geluTanhBackward(x, g, dx2, cut, n);
                assertThat(y2).as("%s tanh cut at %d", engine.name(), cut).containsExactly(yt);
                assertThat(dx2).as("%s tanh cut at %d", engine.name(), cut).containsExactly(dxt);
                engine.sigmoid(x, y2, 0, cut);
                engine.sigmoid(x, y2, cut, n);
                assertThat(y2).as("%s sigmoid cut at %d", engine.name(), cut).containsExactly(ys);
            }
        }
        assertThat(y[0]).isZero();
        assertThat(Float.isNaN(y[2])).isTrue();
        assertThat(y[3]).isEqualTo(-0f);
        assertThat(y[4]).isEqualTo(20f);
    }
}
