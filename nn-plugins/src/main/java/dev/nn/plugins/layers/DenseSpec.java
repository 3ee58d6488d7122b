package dev.nn.plugins.layers;

import dev.nn.api.ComponentRef;
import dev.nn.api.FluentSpec;
import dev.nn.api.Spec;
import java.util.Map;

/**
 * The builder's reference to a {@code dense} layer: {@code dense(100).init("he_normal").activation("relu")}.
 *
 * <p>Immutable; only the options set are in {@link #options()}, the rest take the provider's defaults.
 */
public final class DenseSpec extends FluentSpec<DenseSpec> {

    /**
     * A dense layer of {@code units} outputs; usually made by {@code Layers.dense(units)}.
     *
     * @param units the number of outputs
     */
    public DenseSpec(int units) {
        this(new ComponentRef("dense", Map.of("units", units)));
    }

    private DenseSpec(ComponentRef ref) {
        super(ref);
    }

    @Override
    protected DenseSpec copy(ComponentRef ref) {
        return new DenseSpec(ref);
    }

    /**
     * The weight initializer by name ({@code "he_normal"}).
     *
     * @param initializer the new value
     * @return a copy of this spec with it changed
     */
    public DenseSpec init(String initializer) {
        return set("init", initializer);
    }

    /**
     * The weight initializer with options ({@code Initializers.uniform(-1, 1)}).
     *
     * @param initializer the new value
     * @return a copy of this spec with it changed
     */
    public DenseSpec init(Spec initializer) {
        return set("init", initializer);
    }

    /**
     * The bias initializer.
     *
     * @param initializer the new value
     * @return a copy of this spec with it changed
     */
    public DenseSpec biasInit(Spec initializer) {
        return set("bias_init", initializer);
    }

    /**
     * Whether the layer learns a bias (default true).
     *
     * @param on the new value
     * @return a copy of this spec with it changed
     */
    public DenseSpec bias(boolean on) {
        return set("bias", on);
    }

    /**
     * An activation layer added right after this one ({@code "relu"}).
     *
     * @param activation the new value
     * @return a copy of this spec with it changed
     */
    public DenseSpec activation(String activation) {
        return set("activation", activation);
    }

    /**
     * An activation layer with options added right after this one.
     *
     * @param activation the new value
     * @return a copy of this spec with it changed
     */
    public DenseSpec activation(Spec activation) {
        return set("activation", activation);
    }

    /**
     * {@return this spec with an L1 penalty {@code factor * sum |w|} on the weights}
     *
     * @param factor the penalty's factor, at least 0
     */
    public DenseSpec l1(double factor) {
        return set("l1", factor);
    }

    /**
     * {@return this spec with an L2 penalty {@code factor * sum w²} on the weights}
     *
     * @param factor the penalty's factor, at least 0
     */
    public DenseSpec l2(double factor) {
        return set("l2", factor);
    }

    /**
     * {@return this spec with each unit's incoming weights kept to an L2 norm of at most {@code limit}}
     *
     * @param limit the largest norm, above 0
     */
    public DenseSpec maxNorm(double limit) {
        return set("max_norm", limit);
    }
}
