package dev.nn.plugins;

import dev.nn.api.Spec;
import dev.nn.plugins.layers.DenseSpec;
import java.util.Map;

/** Specs of the built-in layers for the builder: {@code .add(dense(100)).add(dropout(0.2))}. */
public final class Layers {
    private Layers() {}

    /**
     * {@return a fully connected layer with {@code units} outputs (Xavier-uniform weights, zero bias)}
     *
     * @param units the number of outputs
     */
    public static DenseSpec dense(int units) {
        return new DenseSpec(units);
    }

    /**
     * {@return dropout of the given fraction while training}
     *
     * @param rate the fraction of units set to zero, in [0, 1)
     */
    public static Spec dropout(double rate) {
        return Spec.of("dropout", Map.of("rate", rate));
    }
}
