package dev.nn.plugins.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.Context;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerState;
import dev.nn.api.Parameter;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.plugins.Optimizers;
import dev.nn.testkit.TestContexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The built-in optimizers hand out their state and take it back: an optimizer restored from a
 * saved state (a new object, as in a new process) continues with exactly the bits of one that never
 * stopped.
 */
class OptimizerStateTest {
    /** The context the optimizers compute in: its engine makes their updates. */
    private static final Context CTX = TestContexts.training(0);

    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();
    private static final List<Spec> OPTIMIZERS = List.of(
            Optimizers.sgd(0.1),
            Optimizers.sgd(0.1).momentum(0.9),
            Optimizers.sgd(0.05).momentum(0.9).nesterov().weightDecay(1e-3),
            Optimizers.adam(0.01).weightDecay(1e-4),
            Optimizers.adam(0.01).with("amsgrad", true),
            Optimizers.adamw(0.01, 0.05).with("amsgrad", true),
            Optimizers.rmsprop(0.01),
            Optimizers.sgd(0.05).momentum(0.9).dampening(0.3),
            Optimizers.rmsprop(0.01).momentum(0.5).centered(),
            Optimizers.adagrad(0.05).with("lr_decay", 0.01).with("initial_accumulator_value", 0.1),
            Optimizers.nadam(0.01).with("weight_decay", 1e-3));

    private static List<Parameter> parameters(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Parameter> params = new ArrayList<>();
        for (int[] shape : new int[][] {{3, 4}, {1, 4}, {4, 2}}) {
            Parameter p = new Parameter("p" + params.size(), new Matrix(shape[0], shape[1]));
            for (int i = 0; i < p.value().size(); i++) {
                p.value().data()[i] = (float) random.nextGaussian();
            }
            params.add(p);
        }
        return params;
    }

    /** Steps {@code from} to {@code to} with gradients that depend on the step and the current weights. */
    private static void steps(Optimizer optimizer, List<Parameter> params, int from, int to) {
        for (int step = from; step < to; step++) {
            SplittableRandom random = new SplittableRandom(step);
            for (Parameter p : params) {
                for (int i = 0; i < p.grad().size(); i++) {
                    p.grad().data()[i] =
                            (float) random.nextGaussian() + 0.1f * p.value().data()[i];
                }
            }
            optimizer.step(params, CTX);
        }
    }

    /** A new optimizer of {@code spec} after {@code count} steps on {@code params}. */
    private static Optimizer stepped(Spec spec, List<Parameter> params, int count) {
        Optimizer optimizer = REGISTRY.optimizer(spec, "train.optimizer");
        steps(optimizer, params, 0, count);
        return optimizer;
    }

    private static List<float[]> values(List<Parameter> params) {
        return params.stream().map(p -> p.value().data().clone()).toList();
    }

    @Test
    void aRestoredOptimizerContinuesWithTheSameBits() {
        for (Spec spec : OPTIMIZERS) {
            List<Parameter> straight = parameters(1);
            steps(REGISTRY.optimizer(spec, "train.optimizer"), straight, 0, 10);

            List<Parameter> first = parameters(1);
            Optimizer before = REGISTRY.optimizer(spec, "train.optimizer");
            steps(before, first, 0, 4);
            OptimizerState saved = before.state(first).orElseThrow();
            // A new process: new parameter objects holding the same values, a new optimizer.
            List<Parameter> second = parameters(99);
            for (int i = 0; i < second.size(); i++) {
                second.get(i).value().copyFrom(first.get(i).value());
            }
            Optimizer after = REGISTRY.optimizer(spec, "train.optimizer");
            after.restoreState(second, saved);
            steps(after, second, 4, 10);

            List<float[]> expected = values(straight);
            List<float[]> actual = values(second);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i)).as("%s parameter %d", spec, i).containsExactly(expected.get(i));
            }
        }
    }

    @Test
    void theStateIsACopyThatLaterStepsDoNotChange() {
        List<Parameter> params = parameters(2);
        Optimizer adam = stepped(Optimizers.adam(0.01), params, 2);
        OptimizerState state = adam.state(params).orElseThrow();
        float[] first = state.parameters().get(0).arrays().get("first").clone();
        steps(adam, params, 2, 4);
        assertThat(state.parameters().get(0).arrays().get("first")).containsExactly(first);
        assertThat(state.parameters().get(0).scalars()).containsEntry("steps", 2.0);
        assertThat(adam.state(params).orElseThrow().parameters().get(0).scalars())
                .containsEntry("steps", 4.0);
    }

    @Test
    void namesWhatEachOptimizerKeeps() {
        List<Parameter> params = parameters(3);
        Map<Spec, List<String>> kept = Map.of(
                Optimizers.sgd(0.1).momentum(0.5),
                List.of("velocity"),
                Optimizers.sgd(0.1),
                List.of(),
                Optimizers.adam(0.01),
                List.of("first", "second"),
                Optimizers.rmsprop(0.01),
                List.of("mean_square"),
                Optimizers.rmsprop(0.01).momentum(0.9).centered(),
                List.of("mean_square", "momentum_buffer", "mean_gradient"),
                Optimizers.adagrad(0.01),
                List.of("sum"),
                Optimizers.nadam(0.01),
                List.of("first", "second"));
        for (Map.Entry<Spec, List<String>> expected : kept.entrySet()) {
            OptimizerState state =
                    stepped(expected.getKey(), params, 1).state(params).orElseThrow();
            assertThat(state.parameters()).hasSize(3);
            assertThat(state.parameters().get(2).arrays().keySet())
                    .as("%s", expected.getKey())
                    .containsExactlyElementsOf(expected.getValue());
        }
    }

    @Test
    void stateForOtherParametersIsRefusedWithWhatDoesNotFit() {
        List<Parameter> params = parameters(4);
        OptimizerState state =
                stepped(Optimizers.adam(0.01), params, 1).state(params).orElseThrow();
        Optimizer fresh = REGISTRY.optimizer(Optimizers.adam(0.01), "train.optimizer");
        assertThatThrownBy(() -> fresh.restoreState(params.subList(0, 2), state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the optimizer state is for 3 parameters but the network has 2");
        List<Parameter> wider = List.of(params.get(0), params.get(1), new Parameter("p2", new Matrix(4, 3)));
        assertThatThrownBy(() -> fresh.restoreState(wider, state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state 'first' of parameter 2 (p2) has 8 values but the parameter has 12");
        Optimizer sgd = REGISTRY.optimizer(Optimizers.sgd(0.1).momentum(0.9), "train.optimizer");
        assertThatThrownBy(() -> sgd.restoreState(params, state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "the state of parameter 0 has an array 'first', which this optimizer does not keep (it keeps velocity)");
        OptimizerState noSteps = new OptimizerState(
                Map.of(),
                List.of(
                        OptimizerState.ParameterState.of(Map.of()),
                        OptimizerState.ParameterState.of(Map.of()),
                        OptimizerState.ParameterState.of(Map.of("first", new float[8]))));
        assertThatThrownBy(() -> fresh.restoreState(params, noSteps))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "adam state of parameter 2 needs 'first', 'second' and a whole number of 'steps'");
    }

    @Test
    void anOptimizerThatDoesNotSayOtherwiseHasNoResumableState() {
        Optimizer thirdParty = (parameters, ctx) -> {};
        assertThat(thirdParty.state(parameters(5))).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> thirdParty.restoreState(parameters(5), OptimizerState.EMPTY))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot restore its state from a checkpoint");
    }
}
