package dev.nn.plugins.optim;

import dev.nn.api.ComponentRef;
import dev.nn.api.FluentSpec;
import java.util.Map;

/**
 * The builder's reference to the {@code adam} optimizer: {@code adam(0.001).beta2(0.99)}.
 *
 * <p>Immutable; each method returns a new spec. Only the options set are in {@link #options()},
 * so the rest take the provider's defaults, exactly as in YAML.
 */
public final class AdamSpec extends FluentSpec<AdamSpec> {

    /** {@code adam} with every option at its default; usually made by {@code Optimizers.adam()}. */
    public AdamSpec() {
        this(new ComponentRef("adam", Map.of()));
    }

    private AdamSpec(ComponentRef ref) {
        super(ref);
    }

    @Override
    protected AdamSpec copy(ComponentRef ref) {
        return new AdamSpec(ref);
    }

    /**
     * {@return this spec with learning rate {@code lr}}
     *
     * @param lr the learning rate
     */
    public AdamSpec lr(double lr) {
        return set("lr", lr);
    }

    /**
     * {@return this spec with {@code beta1} in [0, 1): the decay rate of the running mean of gradients}
     *
     * @param beta1 the decay rate
     */
    public AdamSpec beta1(double beta1) {
        return set("beta1", beta1);
    }

    /**
     * {@return this spec with {@code beta2} in [0, 1): the decay rate of the running mean of squared gradients}
     *
     * @param beta2 the decay rate
     */
    public AdamSpec beta2(double beta2) {
        return set("beta2", beta2);
    }

    /**
     * {@return this spec with {@code eps}, added to the denominator to avoid division by zero}
     *
     * @param eps a small positive number
     */
    public AdamSpec eps(double eps) {
        return set("eps", eps);
    }

    /**
     * {@return this spec with an L2 penalty: {@code weightDecay * w} is added to each gradient}
     *
     * @param weightDecay the penalty's factor
     */
    public AdamSpec weightDecay(double weightDecay) {
        return set("weight_decay", weightDecay);
    }

    /**
     * {@return this spec with AMSGrad on or off: divide by the largest second moment so far}
     *
     * @param on whether to use AMSGrad
     */
    public AdamSpec amsgrad(boolean on) {
        return set("amsgrad", on);
    }
}
