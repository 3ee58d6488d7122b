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
import org.junit.jupiter.api.Test;

class NadamTest {
    /** The context the optimizers compute in: its engine makes their updates. */
    private static final Context CTX = TestContexts.training(0);

    private final Nadam.Provider provider = new Nadam.Provider();

    private Optimizer nadam(Map<String, Object> options) {
        return provider.create(CheckedOptions.of(provider, "train.optimizer", options));
    }

    private static double mu(int step) {
        return 0.9 * (1 - 0.5 * Math.pow(0.96, step * 0.004));
    }

    @Test
    void declaresPyTorchsDefaults() {
        assertThat(provider.name()).isEqualTo("nadam");
        assertThat(CheckedOptions.defaults(provider))
                .containsExactly(
                        Map.entry("lr", 0.002),
                        Map.entry("beta1", 0.9),
                        Map.entry("beta2", 0.999),
                        Map.entry("eps", 1e-8),
                        Map.entry("weight_decay", 0.0),
                        Map.entry("momentum_decay", 0.004));
    }

    @Test
    void theFirstStepAddsTheGradientAndTheMomentTermsAsPyTorch() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        p.grad().data()[0] = 0.2f;
        nadam(Map.of()).step(List.of(p), CTX);
        // m = 0.02, sqrt(v / (1 - beta2)) = 0.2: the gradient term is lr * g / 0.2 (its factor
        // (1 - mu1) / (1 - mu1) is one), the moment term lr * mu2 / (1 - mu1 * mu1 * mu2) * m / 0.2
        // (mu1 twice, as PyTorch 1.13).
        double expected = 1 - 0.002 - 0.002 * mu(2) / (1 - mu(1) * mu(1) * mu(2)) * 0.1;
        assertThat((double) p.value().data()[0]).isCloseTo(expected, within(1e-6));
    }

    @Test
    void keepsTheMomentumProductAsAFloat32InTheState() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f, 2f}));
        Optimizer optimizer = nadam(Map.of());
        p.grad().data()[0] = 0.5f;
        optimizer.step(List.of(p), CTX);
        optimizer.step(List.of(p), CTX);
        Map<String, Double> scalars =
                optimizer.state(List.of(p)).orElseThrow().parameters().get(0).scalars();
        assertThat(scalars).containsOnlyKeys("steps", "mu_product");
        assertThat(scalars.get("steps")).isEqualTo(2.0);
        assertThat(scalars.get("mu_product")).isEqualTo((double) ((float) mu(1) * (float) mu(2)));
    }

    @Test
    void refusesAdamsStateAndAMomentumProductAboveOne() {
        Parameter p = new Parameter("w", Matrix.of(new float[] {1f}));
        Adam.Provider adamProvider = new Adam.Provider();
        Optimizer adam = adamProvider.create(CheckedOptions.of(adamProvider, "train.optimizer", Map.of()));
        adam.step(List.of(p), CTX);
        OptimizerState adams = adam.state(List.of(p)).orElseThrow();
        assertThatThrownBy(() -> nadam(Map.of()).restoreState(List.of(p), adams))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the nadam state of parameter 0 has no 'mu_product'");
        OptimizerState tooLarge = OptimizerState.of(List.of(new OptimizerState.ParameterState(
                Map.of("first", new float[1], "second", new float[1]), Map.of("steps", 3.0, "mu_product", 2.0))));
        assertThatThrownBy(() -> nadam(Map.of()).restoreState(List.of(p), tooLarge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the nadam state of parameter 0 needs a 'mu_product' (a float32) in [0, 1], got 2.0");
    }

    @Test
    void aNegativeMomentumDecayIsRefusedOnOneLineNamingTheOption() {
        assertThatThrownBy(() -> nadam(Map.of("momentum_decay", -1.0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("train.optimizer.nadam.momentum_decay: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> nadam(Map.of("beta1", 1.0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("train.optimizer.nadam.beta1: ");
    }
}
