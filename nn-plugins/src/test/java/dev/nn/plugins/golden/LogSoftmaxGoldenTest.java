package dev.nn.plugins.golden;

import dev.nn.api.ComponentKind;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Spec;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code log_softmax} layer against {@code torch.log_softmax(x, dim=1)} ({@code golden/classification.json},
 * written by {@code tools/torch-golden/golden.py} with torch 1.13): the output in training and in
 * inference and the input gradient for a fixed upstream gradient, row by row, on rows with a far
 * larger value than the others and with values ±100 apart. Float32 tolerance: an element passes when
 * |nn - torch| <= 1e-6 + 1e-5 |torch|.
 */
class LogSoftmaxGoldenTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();

    static Stream<Arguments> cases() {
        return Golden.cases("classification.json", "layers", 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesPyTorch(String label, Map<String, Object> c) {
        Spec spec = Spec.of((String) c.get("name"), (Map<String, Object>) c.get("options"));
        LayerProvider provider = REGISTRY.provider(ComponentKind.LAYER, spec.name(), "golden");
        int cols = (Integer) c.get("cols");
        Layer layer = provider.create(
                REGISTRY.options(ComponentKind.LAYER, spec, "golden"),
                cols,
                REGISTRY.initContext(new SplittableRandom(1), "golden"));
        var engine = REGISTRY.engine(null, 1);
        float[] expected = Golden.matrix(c, "y").data();

        Matrix inference = layer.forward(Golden.matrix(c, "x"), new Workspace(engine, 1));
        Golden.assertClose(label + " inference", inference.data(), expected, 1e-6);

        Workspace training = new Workspace(engine, 1).training(true);
        Golden.assertClose(
                label + " training",
                layer.forward(Golden.matrix(c, "x"), training).data(),
                expected,
                1e-6);
        Matrix dx = layer.backward(Golden.matrix(c, "g"), training);
        Golden.assertClose(
                label + " input gradient", dx.data(), Golden.matrix(c, "dx").data(), 1e-6);
    }
}
