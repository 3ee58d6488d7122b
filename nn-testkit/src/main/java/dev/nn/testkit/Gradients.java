package dev.nn.testkit;

import dev.nn.api.Layer;
import dev.nn.api.Loss;
import dev.nn.api.Matrix;

/**
 * Backpropagation against central differences, for a plugin's own tests:
 * <pre>{@code
 * Gradients.assertLayer(layer, TestData.inputs(4, 5, 1));
 * Gradients.assertLoss(loss, TestData.uniform(4, 3, -2, 2, 1), TestData.oneHot(4, 3, 2));
 * }</pre>
 * An element agrees when {@code |backprop - numerical| <= 1e-3 + 2e-2 * max(|backprop|, |numerical|)}
 * with a step of 1e-3, which suits float32; {@link #check()} gives the checker to change that.
 * Random layers are fine: the context is reseeded before every forward pass, so each one draws
 * the same noise. Keep inputs away from kinks (ReLU at 0) by more than the step, as
 * {@link TestData#inputs} does.
 */
public final class Gradients {
    private Gradients() {}

    /** {@return nn-core's gradient checker with its float32 defaults; set the step, tolerance or sample size on it} */
    public static GradientCheck check() {
        return GradientCheck.defaults();
    }

    /**
     * Checks dOutput/dInput and every parameter's gradient of {@code layer} at {@code input}.
     *
     * @throws AssertionError listing the first elements that disagree
     * @param layer the layer to check
     * @param input a batch to check it at
     * @return the report, for more assertions
     */
    public static GradientCheck.Report assertLayer(Layer layer, Matrix input) {
        return check().layer(layer, input).assertPassed();
    }

    /**
     * Checks dLoss/dOutput of {@code loss} at {@code output} against {@code target}.
     *
     * @throws AssertionError listing the first elements that disagree
     * @param loss   the loss to check
     * @param output a batch of network outputs to check it at
     * @param target the targets for that batch
     * @return the report, for more assertions
     */
    public static GradientCheck.Report assertLoss(Loss loss, Matrix output, Matrix target) {
        return check().loss(loss, output, target).assertPassed();
    }
}
