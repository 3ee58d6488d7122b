package dev.nn.plugins.optim;

import dev.nn.api.ComponentRef;
import dev.nn.api.Spec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The builder's reference to the {@code sgd} optimizer: {@code sgd(0.1).momentum(0.9)}.
 *
 * <p>Immutable; each method returns a new spec. Only the options set are in {@link #options()},
 * so the rest take the provider's defaults, exactly as in YAML.
 */
public final class SgdSpec implements Spec {
    private final ComponentRef ref;

    /** {@code sgd} with learning rate {@code lr}; usually made by {@code Optimizers.sgd(lr)}. */
    public SgdSpec(double lr) {
        this(new ComponentRef("sgd", Map.of("lr", lr)));
    }

    private SgdSpec(ComponentRef ref) {
        this.ref = ref;
    }

    /** This spec with momentum in [0, 1): the fraction of the previous update carried into the next. */
    public SgdSpec momentum(double momentum) {
        return set("momentum", momentum);
    }

    /** This spec with Nesterov momentum (which needs a momentum above zero). */
    public SgdSpec nesterov() {
        return set("nesterov", true);
    }

    /** This spec with an L2 penalty: {@code weightDecay * w} is added to each gradient. */
    public SgdSpec weightDecay(double weightDecay) {
        return set("weight_decay", weightDecay);
    }

    private SgdSpec set(String option, Object value) {
        Map<String, Object> options = new LinkedHashMap<>(ref.options());
        options.put(option, value);
        return new SgdSpec(new ComponentRef(ref.name(), options));
    }

    @Override
    public String name() {
        return ref.name();
    }

    @Override
    public Map<String, Object> options() {
        return ref.options();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SgdSpec other && other.ref.equals(ref);
    }

    @Override
    public int hashCode() {
        return ref.hashCode();
    }

    @Override
    public String toString() {
        return ref.toString();
    }
}
