package dev.nn.plugins.golden;

import dev.nn.api.ComponentKind;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Spec;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in activation against PyTorch's own numbers ({@code golden/activations.json}, written
 * by {@code tools/torch-golden/golden.py} with torch 1.13): the output in training and in inference,
 * and the input gradient for a fixed upstream gradient, over a sweep of [-8, 8] and the points where
 * the functions change form (PyTorch's conventions at the kinks included). Float32 tolerance: an
 * element passes when |nn - torch| <= 1e-6 + 1e-5 |torch|.
 */
class ActivationGoldenTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();

    static Stream<Arguments> cases() {
        return Golden.cases("activations.json", "activations", 16);
    }

    @SuppressWarnings("unchecked")
    private static float[] floats(Object list) {
        List<Number> values = (List<Number>) list;
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesPyTorch(String label, Map<String, Object> c) {
        float[] x = floats(c.get("x"));
        Spec spec = Spec.of((String) c.get("name"), (Map<String, Object>) c.get("options"));
        LayerProvider provider = REGISTRY.provider(ComponentKind.LAYER, spec.name(), "golden");
        Layer layer = provider.create(
                REGISTRY.options(ComponentKind.LAYER, spec, "golden"),
                x.length,
                REGISTRY.initContext(new SplittableRandom(1), "golden"));
        var engine = REGISTRY.engine(null, 1);

        Matrix inference = layer.forward(Matrix.wrap(1, x.length, x.clone()), new Workspace(engine, 1));
        Golden.assertClose(label + " inference", inference.data(), floats(c.get("y")), 1e-6);

        Workspace training = new Workspace(engine, 1).training(true);
        Matrix y = layer.forward(Matrix.wrap(1, x.length, x.clone()), training);
        Golden.assertClose(label + " training", y.data(), floats(c.get("y")), 1e-6);
        Matrix dx = layer.backward(Matrix.wrap(1, x.length, floats(c.get("g"))), training);
        Golden.assertClose(label + " input gradient", dx.data(), floats(c.get("dx")), 1e-6);
    }
}
