package dev.nn.plugins.layers;

import static dev.nn.testkit.TestData.inputs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Engine;
import dev.nn.api.Layer;
import dev.nn.api.Matrix;
import dev.nn.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Every built-in layer's backward pass against central differences. Tolerance (float32): an
 * element passes when |backprop - numerical| <= 1e-3 + 2e-2 * max(|backprop|, |numerical|), with
 * a step of 1e-3 (GradientCheck's defaults); inputs from the test kit keep 0.05 away from ReLU's kink.
 */
class LayerGradientTest {
    private static final GradientCheck CHECK = GradientCheck.defaults();

    @Test
    void denseMatchesNumericalGradient() {
        Dense dense = new Dense(inputs(7, 5, 2).copy(), inputs(1, 5, 3));
        var report = CHECK.layer(dense, inputs(4, 7, 1)).assertPassed();
        assertThat(report.checked()).isEqualTo(4 * 7 + 7 * 5 + 5);
    }

    @Test
    void denseParameterOnlyBackwardGivesTheSameParameterGradients() {
        Matrix x = inputs(4, 7, 1);
        Matrix g = inputs(4, 5, 4);
        var ctx = new dev.nn.core.Workspace(
                        dev.nn.core.registry.PluginRegistry.defaultRegistry().engine(null, 1), 0)
                .training(true);
        Dense full = new Dense(inputs(7, 5, 2), inputs(1, 5, 3));
        Dense partial = new Dense(inputs(7, 5, 2), inputs(1, 5, 3));
        full.forward(x, ctx);
        full.backward(g, ctx);
        partial.forward(x, ctx);
        partial.backwardToParameters(g, ctx);
        for (int i = 0; i < 2; i++) {
            assertThat(partial.parameters().get(i).grad())
                    .isEqualTo(full.parameters().get(i).grad());
        }
    }

    @Test
    void denseWithoutBiasMatchesNumericalGradient() {
        Dense dense = new Dense(inputs(6, 3, 2), null);
        assertThat(dense.parameters()).hasSize(1);
        CHECK.layer(dense, inputs(5, 6, 1)).assertPassed();
    }

    @Test
    void sigmoidMatchesNumericalGradient() {
        CHECK.layer(new Sigmoid(6), inputs(4, 6, 4)).assertPassed();
    }

    @Test
    void reluMatchesNumericalGradient() {
        CHECK.layer(new Relu(6), inputs(4, 6, 5)).assertPassed();
    }

    @Test
    void leakyReluMatchesNumericalGradient() {
        CHECK.layer(new LeakyRelu(6, 0.1), inputs(4, 6, 6)).assertPassed();
    }

    @Test
    void tanhMatchesNumericalGradient() {
        CHECK.layer(new Tanh(6), inputs(4, 6, 7)).assertPassed();
    }

    @Test
    void softsignMatchesNumericalGradient() {
        CHECK.layer(new Softsign(6), inputs(4, 6, 8)).assertPassed();
    }

    @Test
    void softmaxMatchesNumericalGradient() {
        CHECK.layer(new Softmax(5), inputs(4, 5, 9)).assertPassed();
    }

    @Test
    void identityMatchesNumericalGradient() {
        CHECK.layer(new Identity(5), inputs(3, 5, 10)).assertPassed();
    }

    @Test
    void dropoutMatchesNumericalGradientWithItsMask() {
        CHECK.layer(new Dropout(8, 0.3), inputs(4, 8, 11)).assertPassed();
    }

    @Test
    void aWrongBackwardIsCaught() {
        Sigmoid sigmoid = new Sigmoid(4);
        Layer broken = new Activation(4) {
            @Override
            protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
                sigmoid.apply(engine, x, y, from, to);
            }

            @Override
            protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
                for (int i = from; i < to; i++) {
                    dx[i] = g[i] * y[i]; // missing (1 - y)
                }
            }
        };
        var report = CHECK.layer(broken, inputs(3, 4, 12));
        assertThat(report.passed()).isFalse();
        assertThat(report.toString()).contains("disagree with central differences");
    }
}
