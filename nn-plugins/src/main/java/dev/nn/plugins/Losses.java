package dev.nn.plugins;

import dev.nn.api.Spec;
import dev.nn.plugins.loss.SoftmaxCrossEntropySpec;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * {@return softmax and cross-entropy fused; the network's last layer outputs logits} Add
     * {@code labelSmoothing}, {@code classWeights} or {@code balancedClassWeights}.
     */
    public static SoftmaxCrossEntropySpec softmaxCrossEntropy() {
        return new SoftmaxCrossEntropySpec();
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

    /**
     * {@return binary cross-entropy with the positive targets weighted, as PyTorch's BCEWithLogitsLoss}
     *
     * @param fromLogits whether the network outputs logits (true) or probabilities
     * @param posWeight  the positives' weight: one for every output, or one per output
     */
    public static Spec binaryCrossEntropy(boolean fromLogits, double... posWeight) {
        List<Double> weights = new ArrayList<>();
        for (double w : posWeight) {
            weights.add(w);
        }
        return Spec.of("binary_cross_entropy", Map.of("from_logits", fromLogits, "pos_weight", weights));
    }

    /** {@return the multi-class margin (hinge) loss with margin 1, as PyTorch's MultiMarginLoss} */
    public static Spec hinge() {
        return Spec.of("hinge");
    }

    /**
     * {@return the multi-class margin (hinge) loss}
     *
     * @param margin how far the class's score must lead the others, above 0
     */
    public static Spec hinge(double margin) {
        return Spec.of("hinge", Map.of("margin", margin));
    }

    /** {@return the Kullback-Leibler divergence on log-probabilities (end the network with log_softmax)} */
    public static Spec klDiv() {
        return Spec.of("kl_div");
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
