package dev.nn.plugins.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.Context;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.Parameter;
import dev.nn.plugins.CheckedOptions;
import dev.nn.testkit.TestContexts;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AdamTest {
    /** The context the optimizers compute in: its engine makes their updates. */
    private static final Context CTX = TestContexts.training(0);

    private static final Offset<Float> TOLERANCE = within(1e-6f);
    private final Adam.Provider provider = new Adam.Provider();

    private Optimizer adam(Map<String, Object> options) {
        return provider.create(CheckedOptions.of(provider, "train.optimizer", options));
    }

    private static Parameter parameter(float... values) {
        return new Parameter("w", Matrix.of(values));
    }

    private static void setGrad(Parameter p, float... grad) {
        System.arraycopy(grad, 0, p.grad().data(), 0, grad.length);
    }

    @Test
    void declaresTheDesignDefaults() {
        assertThat(provider.name()).isEqualTo("adam");
        assertThat(CheckedOptions.defaults(provider))
                .containsExactly(
                        Map.entry("lr", 0.001),
                        Map.entry("beta1", 0.9),
                        Map.entry("beta2", 0.999),
                        Map.entry("eps", 1e-8),
                        Map.entry("weight_decay", 0.0),
                        Map.entry("amsgrad", false));
    }

    @Test
    void firstStepMovesEachWeightByLearningRateAgainstTheGradientSign() {
        Parameter p = parameter(1f, -2f, 0.5f, 3f);
        setGrad(p, 0.5f, -1f, 1e-3f, -40f);
        // The default learning rate: the step size does not depend on the gradient's magnitude.
        adam(Map.of()).step(List.of(p), CTX);
        assertThat(p.value().data()).containsExactly(new float[] {0.999f, -1.999f, 0.499f, 3.001f}, within(1e-6f));
    }

    @Test
    void twoStepsFollowTheBiasCorrectedMoments() {
        Parameter p = parameter(1f, -2f);
        Optimizer optimizer = adam(Map.of("lr", 0.1));
        setGrad(p, 0.5f, -1f);
        optimizer.step(List.of(p), CTX);
        setGrad(p, -1f, 0.25f);
        optimizer.step(List.of(p), CTX);
        // Element 0: m = 0.9*0.05 - 0.1 = -0.055, v = 0.999*0.00025 + 0.001 = 0.00124975,
        // w = 0.9 - 0.1 * (m / 0.19) / (sqrt(v / 0.001999) + 1e-8)
        assertThat(p.value().data()[0]).isCloseTo(0.93661035f, TOLERANCE);
        // Element 1: m = -0.09 + 0.025 = -0.065, v = 0.000999 + 0.0000625
        assertThat(p.value().data()[1]).isCloseTo(-1.85305318f, TOLERANCE);
    }

    @Test
    void weightDecayIsAddedToTheGradientBeforeTheMoments() {
        Parameter p = parameter(1f);
        Optimizer optimizer = adam(Map.of("lr", 0.1, "weight_decay", 0.1));
        setGrad(p, 0.5f);
        optimizer.step(List.of(p), CTX);
        setGrad(p, -1f);
        optimizer.step(List.of(p), CTX);
        // g1 = 0.6, w = 0.9;  g2 = -1 + 0.09 = -0.91, m = 0.054 - 0.091 = -0.037, v = 0.00035964 + 0.0008281
        assertThat(p.value().data()[0]).isCloseTo(0.92526352f, TOLERANCE);
    }

    @Test
    void setLearningRateTakesEffectAtTheNextStep() {
        Parameter p = parameter(1f);
        Optimizer optimizer = adam(Map.of("lr", 0.1));
        setGrad(p, 0.5f);
        optimizer.step(List.of(p), CTX);
        optimizer.setLearningRate(0.01);
        optimizer.step(List.of(p), CTX);
        assertThat(optimizer.learningRate()).isEqualTo(0.01);
        // A constant gradient keeps the corrected ratio m/sqrt(v) at 1, so each step is exactly lr.
        assertThat(p.value().data()[0]).isCloseTo(0.89f, TOLERANCE);
    }

    @Test
    void aParameterFirstSeenLaterIsBiasCorrectedFromItsOwnFirstStep() {
        Parameter early = parameter(1f);
        Parameter late = parameter(1f);
        Optimizer optimizer = adam(Map.of("lr", 0.1));
        setGrad(early, 0.5f);
        setGrad(late, 0.5f);
        optimizer.step(List.of(early), CTX);
        optimizer.step(List.of(early), CTX);
        optimizer.step(List.of(early, late), CTX);
        assertThat(late.value().data()[0]).isCloseTo(0.9f, TOLERANCE);
        assertThat(early.value().data()[0]).isCloseTo(0.7f, TOLERANCE);
    }
}
