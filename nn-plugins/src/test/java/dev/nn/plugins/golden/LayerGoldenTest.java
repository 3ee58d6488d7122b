package dev.nn.plugins.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.ComponentKind;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import dev.nn.api.Spec;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.plugins.layers.Dense;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * batch_norm, layer_norm and dense's regularisation against PyTorch's own numbers
 * ({@code golden/layers.json}, written by {@code tools/torch-golden/golden.py} with torch 1.13).
 *
 * <p>Each normalisation layer takes three training batches (so batch norm's running statistics
 * move three times), is compared on the last one's output, input gradient and parameter
 * gradients, on the running statistics, and on an inference batch. Dense's {@code l1}/{@code l2}
 * penalty and its gradient are compared with autograd's, and {@code max_norm} with
 * {@code torch.renorm}. Float32 tolerance: an element passes when
 * |nn - torch| <= 1e-5 + 1e-5 |torch| (sums over a batch, in another order than PyTorch's).
 */
class LayerGoldenTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();
    private static final double ABSOLUTE = 1e-5;

    static Stream<Arguments> cases() {
        return Golden.cases("layers.json", "layers", 5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesPyTorch(String label, Map<String, Object> c) {
        int rows = (Integer) c.get("rows");
        int cols = (Integer) c.get("cols");
        Spec spec = Spec.of((String) c.get("name"), (Map<String, Object>) c.get("options"));
        LayerProvider provider = REGISTRY.provider(ComponentKind.LAYER, spec.name(), "golden");
        Layer layer = provider.create(
                REGISTRY.options(ComponentKind.LAYER, spec, "golden"),
                cols,
                REGISTRY.initContext(new SplittableRandom(1), "golden"));
        List<Parameter> parameters = layer.parameters();
        float[] gamma = Golden.floats(c.get("gamma"));
        if (gamma.length > 0) {
            assertThat(parameters).extracting(Parameter::name).containsExactly("gamma", "beta");
            System.arraycopy(gamma, 0, parameters.get(0).value().data(), 0, cols);
            System.arraycopy(
                    Golden.floats(c.get("beta")), 0, parameters.get(1).value().data(), 0, cols);
        } else {
            assertThat(parameters).isEmpty();
        }
        var engine = REGISTRY.engine(null, 1);
        Workspace training = new Workspace(engine, 1).training(true);
        Matrix y = null;
        for (Object batch : (List<Object>) c.get("batches")) {
            y = layer.forward(Matrix.wrap(rows, cols, Golden.floats(batch)), training);
        }
        Golden.assertClose(label + " training output", y.data(), Golden.floats(c.get("y")), ABSOLUTE);
        Matrix dx = layer.backward(Matrix.wrap(rows, cols, Golden.floats(c.get("g"))), training);
        Golden.assertClose(label + " input gradient", dx.data(), Golden.floats(c.get("dx")), ABSOLUTE);
        if (gamma.length > 0) {
            Golden.assertClose(
                    label + " gamma gradient",
                    parameters.get(0).grad().data(),
                    Golden.floats(c.get("dgamma")),
                    ABSOLUTE);
            Golden.assertClose(
                    label + " beta gradient", parameters.get(1).grad().data(), Golden.floats(c.get("dbeta")), ABSOLUTE);
        }
        float[] runningMean = Golden.floats(c.get("running_mean"));
        if (runningMean.length > 0) {
            assertThat(layer.buffers()).extracting(Parameter::name).containsExactly("running_mean", "running_var");
            Golden.assertClose(
                    label + " running mean", layer.buffers().get(0).value().data(), runningMean, ABSOLUTE);
            Golden.assertClose(
                    label + " running variance",
                    layer.buffers().get(1).value().data(),
                    Golden.floats(c.get("running_var")),
                    ABSOLUTE);
        } else {
            assertThat(layer.buffers()).isEmpty();
        }
        float[] evalX = Golden.floats(c.get("eval_x"));
        Matrix inference = layer.forward(Matrix.wrap(evalX.length / cols, cols, evalX), new Workspace(engine, 1));
        Golden.assertClose(label + " inference output", inference.data(), Golden.floats(c.get("eval_y")), ABSOLUTE);
    }

    static Stream<Arguments> penalties() {
        return Golden.cases("layers.json", "dense_penalties", 3);
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("penalties")
    void denseL1AndL2PenaltiesAndTheirGradientsMatchAutograd(String label, Map<String, Object> c) {
        float[] w = Golden.floats(c.get("weights"));
        int inputs = 5;
        int units = w.length / inputs;
        Dense dense = new Dense(
                Matrix.wrap(inputs, units, w),
                null,
                ((Number) c.get("l1")).doubleValue(),
                ((Number) c.get("l2")).doubleValue(),
                0);
        assertThat(dense.penalty()).isCloseTo(((Number) c.get("penalty")).doubleValue(), Offset.offset(1e-6));
        // A zero upstream gradient leaves only the penalty's in the weights' gradient.
        Workspace training = new Workspace(REGISTRY.engine(null, 1), 1).training(true);
        dense.forward(new Matrix(2, inputs), training);
        dense.backward(new Matrix(2, units), training);
        Golden.assertClose(
                "penalty gradient", dense.parameters().get(0).grad().data(), Golden.floats(c.get("gradient")), 1e-7);
    }

    static Stream<Arguments> maxNorms() {
        return Golden.cases("layers.json", "dense_max_norm", 3);
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("maxNorms")
    void denseMaxNormMatchesTorchRenorm(String label, Map<String, Object> c) {
        float[] w = Golden.floats(c.get("weights"));
        Dense dense =
                new Dense(Matrix.wrap(5, w.length / 5, w), null, 0, 0, ((Number) c.get("max_norm")).doubleValue());
        dense.afterStep(new Workspace(REGISTRY.engine(null, 1), 1));
        Golden.assertClose(
                "after max_norm", dense.parameters().get(0).value().data(), Golden.floats(c.get("after")), 1e-7);
    }

    @Test
    void aDenseLayerWithoutRegularisationHasNoPenaltyAndLeavesItsWeightsAfterAStep() {
        float[] w = {3, -4, 0.5f, 12};
        Dense dense = new Dense(Matrix.wrap(2, 2, w.clone()), null);
        dense.afterStep(new Workspace(REGISTRY.engine(null, 1), 1));
        assertThat(dense.penalty()).isZero();
        assertThat(dense.parameters().get(0).value().data()).containsExactly(w);
    }
}
