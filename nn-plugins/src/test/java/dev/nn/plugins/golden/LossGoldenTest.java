package dev.nn.plugins.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Loss;
import dev.nn.api.Matrix;
import dev.nn.api.Spec;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression losses against PyTorch's own numbers ({@code golden/losses.json}, written by
 * {@code tools/torch-golden/golden.py} with torch 1.13, {@code reduction='mean'}): the loss and its
 * gradient for 4 examples of 5 outputs whose differences include the points where a loss changes
 * form. Float32 tolerance: |nn - torch| <= 1e-7 + 1e-5 |torch|.
 */
class LossGoldenTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();

    static Stream<Arguments> cases() {
        return Golden.cases("losses.json", "losses", 7);
    }

    @SuppressWarnings("unchecked")
    private static Matrix matrix(Map<String, Object> c, String key) {
        List<Number> values = (List<Number>) c.get(key);
        Matrix m = new Matrix((Integer) c.get("rows"), (Integer) c.get("cols"));
        for (int i = 0; i < values.size(); i++) {
            m.data()[i] = values.get(i).floatValue();
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesPyTorch(String label, Map<String, Object> c) {
        Spec spec = Spec.of((String) c.get("name"), (Map<String, Object>) c.get("options"));
        Loss loss = REGISTRY.loss(spec, "golden");
        Workspace ctx = new Workspace(REGISTRY.engine(null, 1), 1).training(true);
        Matrix output = matrix(c, "output");
        Matrix target = matrix(c, "target");

        double expected = ((Number) c.get("loss")).floatValue();
        assertThat((double) loss.forward(output, target, ctx))
                .as(label + " loss")
                .isCloseTo(expected, Offset.offset(1e-7 + 1e-5 * Math.abs(expected)));
        Golden.assertClose(
                label + " gradient",
                loss.backward(output, target, ctx).data(),
                matrix(c, "gradient").data(),
                1e-7);
    }
}
