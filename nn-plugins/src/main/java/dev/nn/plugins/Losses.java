package dev.nn.plugins;

import dev.nn.api.Spec;
import java.util.Map;

/** Specs of the built-in losses for the builder: {@code .loss(softmaxCrossEntropy())}. */
public final class Losses {
    private Losses() {}

    /** {@return mean squared error over all outputs} */
    public static Spec mse() {
        return Spec.of("mse");
    }

    /** {@return Nielsen's quadratic cost: half the summed squared error per example, averaged over the batch} */
    public static Spec quadratic() {
        return Spec.of("quadratic");
    }

    /** {@return softmax and cross-entropy fused; the network's last layer outputs logits} */
    public static Spec softmaxCrossEntropy() {
        return Spec.of("softmax_cross_entropy");
    }

    /** {@return binary cross-entropy on logits} */
    public static Spec binaryCrossEntropy() {
        return Spec.of("binary_cross_entropy");
    }

    /**
     * {@return binary cross-entropy; {@code fromLogits = false} when the last layer is a sigmoid}
     *
     * @param fromLogits whether the network outputs logits (true) or probabilities
     */
    public static Spec binaryCrossEntropy(boolean fromLogits) {
        return Spec.of("binary_cross_entropy", Map.of("from_logits", fromLogits));
    }

    /** {@return the mean absolute error} */
    public static Spec l1() {
        return Spec.of("l1");
    }

    /** {@return the Huber loss with delta 1} */
    public static Spec huber() {
        return Spec.of("huber");
    }

    /**
     * {@return the Huber loss: squared below {@code delta}, linear beyond}
     *
     * @param delta where it turns linear, above 0
     */
    public static Spec huber(double delta) {
        return Spec.of("huber", Map.of("delta", delta));
    }

    /** {@return the smooth L1 loss with beta 1} */
    public static Spec smoothL1() {
        return Spec.of("smooth_l1");
    }

    /**
     * {@return the smooth L1 loss: squared over {@code beta} below it, absolute beyond}
     *
     * @param beta where it turns linear, at least 0 (0 is the L1 loss)
     */
    public static Spec smoothL1(double beta) {
        return Spec.of("smooth_l1", Map.of("beta", beta));
    }
}
