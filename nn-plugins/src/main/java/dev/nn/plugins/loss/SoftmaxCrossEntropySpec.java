package dev.nn.plugins.loss;

import dev.nn.api.ComponentRef;
import dev.nn.api.FluentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The builder's reference to the {@code softmax_cross_entropy} loss:
 * {@code softmaxCrossEntropy().labelSmoothing(0.1).balancedClassWeights()}.
 *
 * <p>Immutable; each method returns a new spec. Only the options set are in {@link #options()},
 * so the rest take the provider's defaults, exactly as in YAML.
 */
public final class SoftmaxCrossEntropySpec extends FluentSpec<SoftmaxCrossEntropySpec> {

    /** {@code softmax_cross_entropy} with its defaults; usually made by {@code Losses.softmaxCrossEntropy()}. */
    public SoftmaxCrossEntropySpec() {
        this(new ComponentRef("softmax_cross_entropy", Map.of()));
    }

    private SoftmaxCrossEntropySpec(ComponentRef ref) {
        super(ref);
    }

    @Override
    protected SoftmaxCrossEntropySpec copy(ComponentRef ref) {
        return new SoftmaxCrossEntropySpec(ref);
    }

    /**
     * {@return this spec with {@code label_smoothing}: the mass in [0, 1) spread evenly over the classes}
     *
     * @param epsilon the mass taken from the labels
     */
    public SoftmaxCrossEntropySpec labelSmoothing(double epsilon) {
        return set("label_smoothing", epsilon);
    }

    /**
     * {@return this spec with {@code class_weights}: one weight per class, in the order of the classes}
     *
     * @param weights the weights, each at least 0
     */
    public SoftmaxCrossEntropySpec classWeights(double... weights) {
        List<Double> list = new ArrayList<>();
        for (double w : weights) {
            list.add(w);
        }
        return set("class_weights", list);
    }

    /** {@return this spec with {@code class_weights: balanced}: n / (classes * count) of the training labels} */
    public SoftmaxCrossEntropySpec balancedClassWeights() {
        return set("class_weights", "balanced");
    }
}
