package dev.nn.plugins.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Loss;
import dev.nn.api.Matrix;
import dev.nn.api.Spec;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The losses against PyTorch's own numbers, written by {@code tools/torch-golden/golden.py} with torch
 * 1.13: the regression losses ({@code golden/losses.json}, {@code reduction='mean'}) for 4 examples
 * of 5 outputs whose differences include the points where a loss changes form, and the losses on
 * classes and distributions ({@code golden/classification.json}): softmax cross-entropy with label
 * smoothing and class weights alone and together (PyTorch's {@code cross_entropy} on the class
 * indices, nn on their one-hot rows), hinge ({@code multi_margin_loss}) with several margins, binary
 * cross-entropy on logits with one and with per-output {@code pos_weight}
 * ({@code binary_cross_entropy_with_logits}; PyTorch has no pos_weight on probabilities, so that form
 * has no golden case) and {@code kl_div} with {@code batchmean}. Each case is the loss and its
 * gradient. Float32 tolerance: |nn - torch| <= 1e-7 + 1e-5 |torch|.
 */
class LossGoldenTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();

    static Stream<Arguments> cases() {
        return Stream.concat(
                Golden.cases("losses.json", "losses", 7), Golden.cases("classification.json", "losses", 12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesPyTorch(String label, Map<String, Object> c) {
        Spec spec = Spec.of((String) c.get("name"), (Map<String, Object>) c.get("options"));
        Loss loss = REGISTRY.loss(spec, "golden");
        Workspace ctx = new Workspace(REGISTRY.engine(null, 1), 1).training(true);
        Matrix output = Golden.matrix(c, "output");
        Matrix target = Golden.matrix(c, "target");

        double expected = ((Number) c.get("loss")).floatValue();
        assertThat((double) loss.forward(output, target, ctx))
                .as(label + " loss")
                .isCloseTo(expected, Offset.offset(1e-7 + 1e-5 * Math.abs(expected)));
        Golden.assertClose(
                label + " gradient",
                loss.backward(output, target, ctx).data(),
                Golden.matrix(c, "gradient").data(),
                1e-7);
    }
}
