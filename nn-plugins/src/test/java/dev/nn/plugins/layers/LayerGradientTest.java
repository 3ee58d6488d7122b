package dev.nn.plugins.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Layer;
import dev.nn.api.Matrix;
import dev.nn.core.check.GradientCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every built-in layer's backward pass against central differences. Tolerance (float32): an
 * element passes when |backprop - numerical| <= 1e-3 + 2e-2 * max(|backprop|, |numerical|), with
 * a step of 1e-3 (GradientCheck's defaults).
 */
class LayerGradientTest {
    private static final GradientCheck CHECK = GradientCheck.defaults();

    /** Inputs in [-2, 2], kept at least 0.05 away from 0 so no step crosses ReLU's kink. */
    static Matrix input(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            double v = 0.05 + random.nextDouble() * 1.95;
            m.data()[i] = (float) (random.nextBoolean() ? v : -v);
        }
        return m;
    }

    @Test
    void denseMatchesNumericalGradient() {
        Dense dense = new Dense(input(7, 5, 2).copy(), input(1, 5, 3));
        var report = CHECK.layer(dense, input(4, 7, 1)).assertPassed();
        assertThat(report.checked()).isEqualTo(4 * 7 + 7 * 5 + 5);
    }

    @Test
    void denseParameterOnlyBackwardGivesTheSameParameterGradients() {
        Matrix x = input(4, 7, 1);
        Matrix g = input(4, 5, 4);
        var ctx = new dev.nn.core.Workspace(dev.nn.core.registry.PluginRegistry.defaultRegistry().engine(null, 1), 0).training(true);
        Dense full = new Dense(input(7, 5, 2), input(1, 5, 3));
        Dense partial = new Dense(input(7, 5, 2), input(1, 5, 3));
        full.forward(x, ctx);
        full.backward(g, ctx);
        partial.forward(x, ctx);
        partial.backwardToParameters(g, ctx);
        for (int i = 0; i < 2; i++) {
            assertThat(partial.parameters().get(i).grad()).isEqualTo(full.parameters().get(i).grad());
        }
    }

    @Test
    void denseWithoutBiasMatchesNumericalGradient() {
        Dense dense = new Dense(input(6, 3, 2), null);
        assertThat(dense.parameters()).hasSize(1);
        CHECK.layer(dense, input(5, 6, 1)).assertPassed();
    }

    @Test
    void sigmoidMatchesNumericalGradient() {
        CHECK.layer(new Sigmoid(6), input(4, 6, 4)).assertPassed();
    }

    @Test
    void reluMatchesNumericalGradient() {
        CHECK.layer(new Relu(6), input(4, 6, 5)).assertPassed();
    }

    @Test
    void leakyReluMatchesNumericalGradient() {
        CHECK.layer(new LeakyRelu(6, 0.1), input(4, 6, 6)).assertPassed();
    }

    @Test
    void tanhMatchesNumericalGradient() {
        CHECK.layer(new Tanh(6), input(4, 6, 7)).assertPassed();
    }

    @Test
    void softsignMatchesNumericalGradient() {
        CHECK.layer(new Softsign(6), input(4, 6, 8)).assertPassed();
    }

    @Test
    void softmaxMatchesNumericalGradient() {
        CHECK.layer(new Softmax(5), input(4, 5, 9)).assertPassed();
    }

    @Test
    void identityMatchesNumericalGradient() {
        CHECK.layer(new Identity(5), input(3, 5, 10)).assertPassed();
    }

    @Test
    void dropoutMatchesNumericalGradientWithItsMask() {
        CHECK.layer(new Dropout(8, 0.3), input(4, 8, 11)).assertPassed();
    }

    @Test
    void aWrongBackwardIsCaught() {
        Sigmoid sigmoid = new Sigmoid(4);
        Layer broken = new Activation(4) {
            @Override
            protected void apply(float[] x, float[] y, int from, int to) {
                sigmoid.apply(x, y, from, to);
            }

            @Override
            protected void derivative(float[] y, float[] g, float[] dx, int from, int to) {
                for (int i = from; i < to; i++) {
                    dx[i] = g[i] * y[i]; // missing (1 - y)
                }
            }
        };
        var report = CHECK.layer(broken, input(3, 4, 12));
        assertThat(report.passed()).isFalse();
        assertThat(report.toString()).contains("disagree with central differences");
    }
}
