package dev.nn.plugins.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.ConfigException;
import dev.nn.api.Context;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerState;
import dev.nn.api.Parameter;
import dev.nn.plugins.CheckedOptions;
import dev.nn.testkit.TestContexts;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AdagradTest {
    /** The context the optimizers compute in: its engine makes their updates. */
    private static final Context CTX = TestContexts.training(0);

    private static final Offset<Float> TOLERANCE = within(1e-6f);
    private final Adagrad.Provider provider = new Adagrad.Provider();

    private Optimizer adagrad(Map<String, Object> options) {
        return provider.create(CheckedOptions.of(provider, "train.optimizer", options));
    }

    private static void setGrad(Parameter p, float... grad) {
        System.arraycopy(grad, 0, p.grad().data(), 0, grad.length);
    }

    @Test
    void declaresPyTorchsDefaults() {
        assertThat(provider.name()).isEqualTo("adagrad");
        assertThat(CheckedOptions.defaults(provider))
                .containsExactly(
                        Map.entry("lr", 0.01),
                        Map.entry("eps", 1e-10),
                        Map.entry("lr_decay", 0.0),
                        Map.entry("weight_decay", 0.0),
                        Map.entry("initial_accumulator_value", 0.0));
    }

    @Test
    void twoStepsDivideByTheRootOfTheSumOfSquares() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        Optimizer optimizer = adagrad(Map.of("lr", 0.1));
        setGrad(p, 0.5f);
        optimizer.step(List.of(p), CTX);
        // sum = 0.25;  w = 1 - 0.1*0.5/0.5
        assertThat(p.value().data()[0]).isCloseTo(0.9f, TOLERANCE);
        setGrad(p, -1f);
        optimizer.step(List.of(p), CTX);
        // sum = 1.25;  w = 0.9 + 0.1/sqrt(1.25)
        assertThat(p.value().data()[0]).isCloseTo(0.98944272f, TOLERANCE);
    }

    @Test
    void lrDecayDividesTheRateByOnePlusDecayTimesEarlierSteps() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        Optimizer optimizer = adagrad(Map.of("lr", 0.1, "lr_decay", 1.0));
        setGrad(p, 0.5f);
        optimizer.step(List.of(p), CTX);
        setGrad(p, -1f);
        optimizer.step(List.of(p), CTX);
        // The second step's rate is 0.1 / (1 + 1*1):  w = 0.9 + 0.05/sqrt(1.25)
        assertThat(p.value().data()[0]).isCloseTo(0.94472136f, TOLERANCE);
    }

    @Test
    void theSumsStartAtTheInitialAccumulatorValue() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        setGrad(p, 0.5f);
        adagrad(Map.of("lr", 0.1, "initial_accumulator_value", 0.75)).step(List.of(p), CTX);
        // sum = 0.75 + 0.25 = 1;  w = 1 - 0.1*0.5
        assertThat(p.value().data()[0]).isCloseTo(0.95f, TOLERANCE);
    }

    @Test
    void keepsTheSumsAndTheStepCountAndRefusesAnotherOptimizersState() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f, 2f}));
        Optimizer optimizer = adagrad(Map.of());
        setGrad(p, 0.5f, -1f);
        optimizer.step(List.of(p), CTX);
        optimizer.step(List.of(p), CTX);
        OptimizerState state = optimizer.state(List.of(p)).orElseThrow();
        assertThat(state.parameters().get(0).arrays().get("sum")).containsExactly(0.5f, 2f);
        assertThat(state.parameters().get(0).scalars()).containsExactly(Map.entry("steps", 2.0));

        Optimizer adam =
                new Adam.Provider().create(CheckedOptions.of(new Adam.Provider(), "train.optimizer", Map.of()));
        adam.step(List.of(p), CTX);
        OptimizerState adams = adam.state(List.of(p)).orElseThrow();
        assertThatThrownBy(() -> adagrad(Map.of()).restoreState(List.of(p), adams))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the state of parameter 0 has an array 'first', which this optimizer does not keep"
                        + " (it keeps sum)");
        OptimizerState noSteps =
                OptimizerState.of(List.of(OptimizerState.ParameterState.of(Map.of("sum", new float[] {1f, 1f}))));
        assertThatThrownBy(() -> adagrad(Map.of()).restoreState(List.of(p), noSteps))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the adagrad state of parameter 0 has no 'steps'");
    }

    @Test
    void aNegativeLrDecayIsRefusedOnOneLineNamingTheOption() {
        assertThatThrownBy(() -> adagrad(Map.of("lr_decay", -0.1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("train.optimizer.adagrad.lr_decay: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> adagrad(Map.of("lr", -0.1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("train.optimizer.adagrad.lr: ");
    }
}
