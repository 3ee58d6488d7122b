package dev.nn.plugins.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.ConfigException;
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

class SgdTest {
    /** The context the optimizers compute in: its engine makes their updates. */
    private static final Context CTX = TestContexts.training(0);

    private static final Offset<Float> TOLERANCE = within(1e-6f);
    private final Sgd.Provider provider = new Sgd.Provider();

    /** A parameter w = [1, -2] whose gradient stays [0.5, -1] (the trainer would recompute it; the rule is the same). */
    private static Parameter parameter() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f, -2f}));
        p.grad().data()[0] = 0.5f;
        p.grad().data()[1] = -1f;
        return p;
    }

    private Optimizer sgd(Map<String, Object> options) {
        return provider.create(CheckedOptions.of(provider, "train.optimizer", options));
    }

    /** Steps {@code count} times with the same gradient. */
    private static void steps(Optimizer optimizer, Parameter p, int count) {
        for (int i = 0; i < count; i++) {
            optimizer.step(List.of(p), CTX);
        }
    }

    @Test
    void declaresTheDesignDefaults() {
        assertThat(provider.name()).isEqualTo("sgd");
        assertThat(CheckedOptions.defaults(provider))
                .containsExactly(
                        Map.entry("lr", 0.01),
                        Map.entry("momentum", 0.0),
                        Map.entry("dampening", 0.0),
                        Map.entry("nesterov", false),
                        Map.entry("weight_decay", 0.0));
    }

    @Test
    void plainSgdSubtractsLearningRateTimesGradient() {
        Parameter p = parameter();
        steps(sgd(Map.of("lr", 0.1)), p, 2);
        // w = 1 - 0.1*0.5 - 0.1*0.5;  w = -2 + 0.1 + 0.1
        assertThat(p.value().data()[0]).isCloseTo(0.90f, TOLERANCE);
        assertThat(p.value().data()[1]).isCloseTo(-1.80f, TOLERANCE);
    }

    @Test
    void momentumAccumulatesVelocity() {
        Parameter p = parameter();
        steps(sgd(Map.of("lr", 0.1, "momentum", 0.9)), p, 3);
        // v: 0.5, 0.9*0.5+0.5 = 0.95, 0.9*0.95+0.5 = 1.355;  w = 1 - 0.1*(0.5+0.95+1.355)
        assertThat(p.value().data()[0]).isCloseTo(0.7195f, TOLERANCE);
        // v: -1, -1.9, -2.71;  w = -2 + 0.1*(1+1.9+2.71)
        assertThat(p.value().data()[1]).isCloseTo(-1.439f, TOLERANCE);
    }

    @Test
    void nesterovStepsByGradientPlusMomentumTimesVelocity() {
        Parameter p = parameter();
        steps(sgd(Map.of("lr", 0.1, "momentum", 0.9, "nesterov", true)), p, 2);
        // v1 = 0.5, update 0.5+0.9*0.5 = 0.95;  v2 = 0.95, update 0.5+0.9*0.95 = 1.355;  w = 1 - 0.1*(0.95+1.355)
        assertThat(p.value().data()[0]).isCloseTo(0.7695f, TOLERANCE);
        // updates -1.9 and -2.71
        assertThat(p.value().data()[1]).isCloseTo(-1.539f, TOLERANCE);
    }

    @Test
    void weightDecayAddsDecayTimesWeightToTheGradient() {
        Parameter p = parameter();
        steps(sgd(Map.of("lr", 0.1, "weight_decay", 0.1)), p, 2);
        // g = 0.5+0.1*1 = 0.6 -> w = 0.94;  g = 0.5+0.1*0.94 = 0.594 -> w = 0.8806
        assertThat(p.value().data()[0]).isCloseTo(0.8806f, TOLERANCE);
        // g = -1-0.2 = -1.2 -> w = -1.88;  g = -1-0.188 = -1.188 -> w = -1.7612
        assertThat(p.value().data()[1]).isCloseTo(-1.7612f, TOLERANCE);
    }

    @Test
    void weightDecayAppliesBeforeMomentum() {
        Parameter p = parameter();
        steps(sgd(Map.of("lr", 0.1, "momentum", 0.9, "weight_decay", 0.1)), p, 2);
        // g1 = 0.6, v1 = 0.6, w = 0.94;  g2 = 0.5+0.094 = 0.594, v2 = 0.54+0.594 = 1.134, w = 0.94-0.1134
        assertThat(p.value().data()[0]).isCloseTo(0.8266f, TOLERANCE);
    }

    @Test
    void setLearningRateTakesEffectAtTheNextStep() {
        Parameter p = parameter();
        Optimizer optimizer = sgd(Map.of("lr", 0.1));
        steps(optimizer, p, 1);
        optimizer.setLearningRate(0.01);
        steps(optimizer, p, 1);
        assertThat(optimizer.learningRate()).isEqualTo(0.01);
        // 1 - 0.1*0.5 - 0.01*0.5
        assertThat(p.value().data()[0]).isCloseTo(0.945f, TOLERANCE);
    }

    @Test
    void eachParameterHasItsOwnVelocity() {
        Parameter first = parameter();
        Parameter second = parameter();
        Optimizer optimizer = sgd(Map.of("lr", 0.1, "momentum", 0.9));
        optimizer.step(List.of(first, second), CTX);
        optimizer.step(List.of(first, second), CTX);
        // Both follow the single-parameter trajectory: v = 0.5 then 0.95
        assertThat(first.value().data()[0]).isCloseTo(0.855f, TOLERANCE);
        assertThat(second.value().data()[0]).isCloseTo(0.855f, TOLERANCE);
    }

    @Test
    void nesterovWithoutMomentumIsAConfigErrorNamingTheOption() {
        assertThatThrownBy(() -> sgd(Map.of("nesterov", true)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("train.optimizer.sgd.nesterov: ")
                .hasMessageContaining("momentum > 0");
    }

    @Test
    void dampeningHoldsBackPartOfTheGradientAfterTheFirstStep() {
        Parameter p = parameter();
        steps(sgd(Map.of("lr", 0.1, "momentum", 0.9, "dampening", 0.5)), p, 3);
        // As PyTorch: v1 = g = 0.5 (undampened), v2 = 0.45+0.25 = 0.7, v3 = 0.63+0.25 = 0.88;  w = 1 - 0.1*2.08
        assertThat(p.value().data()[0]).isCloseTo(0.792f, TOLERANCE);
        // v: -1, -1.4, -1.76;  w = -2 + 0.1*4.16
        assertThat(p.value().data()[1]).isCloseTo(-1.584f, TOLERANCE);
    }

    @Test
    void nesterovWithDampeningIsAConfigErrorNamingTheOption() {
        assertThatThrownBy(() -> sgd(Map.of("momentum", 0.9, "nesterov", true, "dampening", 0.1)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("train.optimizer.sgd.nesterov: Nesterov momentum needs dampening 0 (as PyTorch);"
                        + " drop dampening or nesterov");
    }

    @Test
    void dampeningAboveOneIsRefusedOnOneLineNamingTheOption() {
        assertThatThrownBy(() -> sgd(Map.of("momentum", 0.9, "dampening", 1.5)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("train.optimizer.sgd.dampening: ")
                .hasMessageNotContaining("\n");
    }
}
