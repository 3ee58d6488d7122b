package dev.nn.plugins.optim;

import dev.nn.api.ComponentRef;
import dev.nn.api.FluentSpec;
import java.util.Map;

/**
 * The builder's reference to the {@code sgd} optimizer: {@code sgd(0.1).momentum(0.9)}.
 *
 * <p>Immutable; each method returns a new spec. Only the options set are in {@link #options()},
 * so the rest take the provider's defaults, exactly as in YAML.
 */
public final class SgdSpec extends FluentSpec<SgdSpec> {

    /**
     * {@code sgd} with learning rate {@code lr}; usually made by {@code Optimizers.sgd(lr)}.
     *
     * @param lr the learning rate
     */
    public SgdSpec(double lr) {
        this(new ComponentRef("sgd", Map.of("lr", lr)));
    }

    private SgdSpec(ComponentRef ref) {
        super(ref);
    }

    @Override
    protected SgdSpec copy(ComponentRef ref) {
        return new SgdSpec(ref);
    }

    /**
     * {@return this spec with momentum in [0, 1): the fraction of the previous update carried into the next}
     *
     * @param momentum the fraction kept
     */
    public SgdSpec momentum(double momentum) {
        return set("momentum", momentum);
    }

    /** {@return this spec with Nesterov momentum (which needs a momentum above zero)} */
    public SgdSpec nesterov() {
        return set("nesterov", true);
    }

    /**
     * {@return this spec with an L2 penalty: {@code weightDecay * w} is added to each gradient}
     *
     * @param weightDecay the penalty's factor
     */
    public SgdSpec weightDecay(double weightDecay) {
        return set("weight_decay", weightDecay);
    }

    /**
     * {@return this spec with dampening in [0, 1]: after the first step the velocity adds {@code (1 - dampening)} of the gradient}
     *
     * @param dampening the fraction of the gradient held back
     */
    public SgdSpec dampening(double dampening) {
        return set("dampening", dampening);
    }
}
