package dev.nn.plugins.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerState;
import dev.nn.api.Parameter;
import dev.nn.plugins.CheckedOptions;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RmspropTest {
    private static final Offset<Float> TOLERANCE = within(1e-6f);
    private final Rmsprop.Provider provider = new Rmsprop.Provider();

    private Optimizer rmsprop(Map<String, Object> options) {
        return provider.create(CheckedOptions.of(provider, "train.optimizer", options));
    }

    private static void setGrad(Parameter p, float... grad) {
        System.arraycopy(grad, 0, p.grad().data(), 0, grad.length);
    }

    @Test
    void declaresTheDesignDefaults() {
        assertThat(provider.name()).isEqualTo("rmsprop");
        assertThat(CheckedOptions.defaults(provider))
                .containsExactly(
                        Map.entry("lr", 0.001),
                        Map.entry("rho", 0.9),
                        Map.entry("eps", 1e-8),
                        Map.entry("momentum", 0.0),
                        Map.entry("centered", false));
    }

    @Test
    void twoStepsDivideByTheRunningRootMeanSquare() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f, -2f}));
        Optimizer optimizer = rmsprop(Map.of("lr", 0.01));
        setGrad(p, 0.5f, -1f);
        optimizer.step(List.of(p), null);
        // s = 0.1*0.25 = 0.025;  w = 1 - 0.01*0.5/sqrt(0.025)
        assertThat(p.value().data()[0]).isCloseTo(0.96837723f, TOLERANCE);
        // s = 0.1;  w = -2 + 0.01/sqrt(0.1)
        assertThat(p.value().data()[1]).isCloseTo(-1.96837722f, TOLERANCE);
        setGrad(p, -1f, 0.25f);
        optimizer.step(List.of(p), null);
        // s = 0.0225 + 0.1 = 0.1225, sqrt = 0.35;  w += 0.01/0.35
        assertThat(p.value().data()[0]).isCloseTo(0.99694865f, TOLERANCE);
        // s = 0.09 + 0.00625 = 0.09625;  w -= 0.01*0.25/sqrt(0.09625)
        assertThat(p.value().data()[1]).isCloseTo(-1.97643545f, TOLERANCE);
    }

    @Test
    void rhoSetsHowFastTheMeanSquareForgets() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        setGrad(p, 0.5f);
        rmsprop(Map.of("lr", 0.01, "rho", 0.5)).step(List.of(p), null);
        // s = 0.5*0.25 = 0.125;  w = 1 - 0.01*0.5/sqrt(0.125)
        assertThat(p.value().data()[0]).isCloseTo(0.98585786f, TOLERANCE);
    }

    @Test
    void setLearningRateTakesEffectAtTheNextStep() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        Optimizer optimizer = rmsprop(Map.of("lr", 0.01));
        setGrad(p, 0.5f);
        optimizer.step(List.of(p), null);
        optimizer.setLearningRate(0.1);
        optimizer.step(List.of(p), null);
        assertThat(optimizer.learningRate()).isEqualTo(0.1);
        // s2 = 0.0225 + 0.025 = 0.0475;  w = 0.96837723 - 0.1*0.5/sqrt(0.0475)
        assertThat(p.value().data()[0]).isCloseTo(0.73896149f, TOLERANCE);
    }

    @Test
    void momentumAccumulatesTheScaledGradientsIntoTheStep() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        Optimizer optimizer = rmsprop(Map.of("lr", 0.01, "rho", 0.5, "momentum", 0.9));
        setGrad(p, 0.5f);
        optimizer.step(List.of(p), null);
        // s = 0.125, b = 0.5/sqrt(0.125) = 1.41421356;  w = 1 - 0.01*b
        assertThat(p.value().data()[0]).isCloseTo(0.98585786f, TOLERANCE);
        optimizer.step(List.of(p), null);
        // s = 0.1875, b = 0.9*1.41421356 + 0.5/sqrt(0.1875) = 2.42749275
        assertThat(p.value().data()[0]).isCloseTo(0.96158293f, TOLERANCE);
    }

    @Test
    void centeredDividesByTheRootOfTheRunningVariance() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        Optimizer optimizer = rmsprop(Map.of("lr", 0.01, "rho", 0.5, "centered", true));
        setGrad(p, 0.5f);
        optimizer.step(List.of(p), null);
        // s = 0.125, mean g = 0.25: root = sqrt(0.125 - 0.0625) = 0.25;  w = 1 - 0.01*0.5/0.25
        assertThat(p.value().data()[0]).isCloseTo(0.98f, TOLERANCE);
        setGrad(p, -1f);
        optimizer.step(List.of(p), null);
        // s = 0.5625, mean g = -0.375: root = sqrt(0.421875);  w = 0.98 + 0.01/root
        assertThat(p.value().data()[0]).isCloseTo(0.99539601f, TOLERANCE);
    }

    @Test
    void aStateSavedBeforeMomentumAndCenteredRestoresForTheDefaults() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        // What rmsprop saved before it had momentum and centered: the mean square alone.
        OptimizerState old = new OptimizerState(
                Map.of(), List.of(OptimizerState.ParameterState.of(Map.of("mean_square", new float[] {0.025f}))));
        Optimizer optimizer = rmsprop(Map.of("lr", 0.01));
        optimizer.restoreState(List.of(p), old);
        setGrad(p, 0.5f);
        optimizer.step(List.of(p), null);
        // s = 0.9*0.025 + 0.1*0.25 = 0.0475;  w = 1 - 0.01*0.5/sqrt(0.0475)
        assertThat(p.value().data()[0]).isCloseTo(0.97705843f, TOLERANCE);
        assertThatThrownBy(() -> rmsprop(Map.of("momentum", 0.9)).restoreState(List.of(p), old))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the rmsprop state of parameter 0 has no 'momentum_buffer'")
                .hasMessageEndingWith("it was saved by another optimizer or with other options");
    }

    @Test
    void aCenteredStateIsRefusedByAnUncenteredRmsprop() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        Optimizer centered = rmsprop(Map.of("centered", true));
        setGrad(p, 0.5f);
        centered.step(List.of(p), null);
        OptimizerState state = centered.state(List.of(p)).orElseThrow();
        assertThat(state.parameters().get(0).arrays()).containsOnlyKeys("mean_square", "mean_gradient");
        assertThatThrownBy(() -> rmsprop(Map.of()).restoreState(List.of(p), state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the state of parameter 0 has an array 'mean_gradient', which this optimizer does not keep"
                        + " (it keeps mean_square)");
    }

    @Test
    void momentumOfOneIsRefusedOnOneLineNamingTheOption() {
        assertThatThrownBy(() -> rmsprop(Map.of("momentum", 1.0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("train.optimizer.rmsprop.momentum: ")
                .hasMessageNotContaining("\n");
    }
}
