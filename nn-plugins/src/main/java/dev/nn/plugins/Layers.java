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

    /** {@return batch normalisation with PyTorch's defaults (momentum 0.1, eps 1e-5, affine)} */
    public static Spec batchNorm() {
        return Spec.of("batch_norm");
    }

    /**
     * {@return batch normalisation with the given running-statistics momentum}
     *
     * @param momentum how far each training batch moves the running statistics, in [0, 1]
     */
    public static Spec batchNorm(double momentum) {
        return Spec.of("batch_norm", Map.of("momentum", momentum));
    }

    /** {@return layer normalisation with PyTorch's defaults (eps 1e-5, affine)} */
    public static Spec layerNorm() {
        return Spec.of("layer_norm");
    }
}
