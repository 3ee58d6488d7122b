package dev.nn.plugins.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerState;
import dev.nn.api.Parameter;
import dev.nn.api.Spec;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizers against PyTorch's own numbers ({@code golden/optimizers.json}, written by
 * {@code tools/torch-golden/golden.py} with torch 1.13): 20 steps from fixed weights along a fixed
 * gradient sequence, the weights compared after every step (|nn - torch| <= 1e-6 + 1e-5 |torch|);
 * and a run whose optimizer is saved and restored after 10 steps ends with the same bits.
 */
class OptimizerGoldenTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();

    static Stream<Arguments> cases() {
        return Golden.cases("optimizers.json", "optimizers", 10);
    }

    @SuppressWarnings("unchecked")
    private static void fill(Matrix m, Object values) {
        List<Number> list = (List<Number>) values;
        for (int i = 0; i < list.size(); i++) {
            m.data()[i] = list.get(i).floatValue();
        }
    }

    private static Optimizer optimizer(Map<String, Object> c) {
        @SuppressWarnings("unchecked")
        Spec spec = Spec.of((String) c.get("name"), (Map<String, Object>) c.get("options"));
        return REGISTRY.optimizer(spec, "golden");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void twentyStepsMatchPyTorchAndResumeExactly(String label, Map<String, Object> c) {
        int rows = (Integer) c.get("rows");
        int cols = (Integer) c.get("cols");
        List<Object> gradients = (List<Object>) c.get("gradients");
        List<Object> after = (List<Object>) c.get("after");
        Workspace ctx = new Workspace(REGISTRY.engine(null, 1), 1).training(true);

        Parameter w = new Parameter("w", new Matrix(rows, cols));
        fill(w.value(), c.get("initial"));
        Optimizer opt = optimizer(c);
        Parameter resumed = new Parameter("w", new Matrix(rows, cols));
        Optimizer second = null;
        Matrix expected = new Matrix(rows, cols);
        for (int k = 0; k < gradients.size(); k++) {
            fill(w.grad(), gradients.get(k));
            opt.step(List.of(w), ctx);
            fill(expected, after.get(k));
            Golden.assertClose(label + " step " + (k + 1), w.value().data(), expected.data(), 1e-6);
            if (k == 9) {
                // What a checkpoint keeps, put into a new optimizer.
                OptimizerState state = opt.state(List.of(w)).orElseThrow();
                resumed.value().copyFrom(w.value());
                second = optimizer(c);
                second.restoreState(List.of(resumed), state);
            } else if (k > 9) {
                fill(resumed.grad(), gradients.get(k));
                second.step(List.of(resumed), ctx);
            }
        }
        assertThat(resumed.value().data())
                .as(label + " resumed after 10 steps")
                .isEqualTo(w.value().data());
    }
}
