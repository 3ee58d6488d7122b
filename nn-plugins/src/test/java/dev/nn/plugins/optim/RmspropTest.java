package dev.nn.plugins.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
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
                .containsExactly(Map.entry("lr", 0.001), Map.entry("rho", 0.9), Map.entry("eps", 1e-8));
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
}
