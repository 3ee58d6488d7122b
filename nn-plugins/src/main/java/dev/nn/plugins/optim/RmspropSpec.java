package dev.nn.plugins.optim;

import dev.nn.api.ComponentRef;
import dev.nn.api.FluentSpec;
import java.util.Map;

/**
 * The builder's reference to the {@code rmsprop} optimizer: {@code rmsprop(0.001).rho(0.95)}.
 *
 * <p>Immutable; each method returns a new spec. Only the options set are in {@link #options()},
 * so the rest take the provider's defaults, exactly as in YAML.
 */
public final class RmspropSpec extends FluentSpec<RmspropSpec> {

    /**
     * {@code rmsprop} with learning rate {@code lr}; usually made by {@code Optimizers.rmsprop(lr)}.
     *
     * @param lr the learning rate
     */
    public RmspropSpec(double lr) {
        this(new ComponentRef("rmsprop", Map.of("lr", lr)));
    }

    private RmspropSpec(ComponentRef ref) {
        super(ref);
    }

    @Override
    protected RmspropSpec copy(ComponentRef ref) {
        return new RmspropSpec(ref);
    }

    /**
     * {@return this spec with {@code rho} in [0, 1): the decay rate of the running mean of squared gradients}
     *
     * @param rho the decay rate
     */
    public RmspropSpec rho(double rho) {
        return set("rho", rho);
    }

    /**
     * {@return this spec with {@code eps}, added to the root mean square to avoid division by zero}
     *
     * @param eps a small positive number
     */
    public RmspropSpec eps(double eps) {
        return set("eps", eps);
    }

    /**
     * {@return this spec with momentum in [0, 1): the scaled gradients accumulate in a buffer that is the step}
     *
     * @param momentum the fraction of the previous step carried into the next
     */
    public RmspropSpec momentum(double momentum) {
        return set("momentum", momentum);
    }

    /** {@return this spec centered: it divides by the root of the gradients' running variance} */
    public RmspropSpec centered() {
        return set("centered", true);
    }
}
