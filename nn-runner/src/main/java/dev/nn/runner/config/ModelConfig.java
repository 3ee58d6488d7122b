package dev.nn.runner.config;

import dev.nn.api.Spec;
import java.util.List;

/**
 * The {@code model} section of a pipeline: the layers from input to output and the loss; the
 * input size comes from the dataset.
 *
 * @param layers the layer components, with every option's value filled in
 * @param loss   the loss component
 */
public record ModelConfig(List<Spec> layers, Spec loss) {

    /**
     * Keeps a read-only copy of the layers.
     *
     * @param layers the layer components
     * @param loss   the loss component
     */
    public ModelConfig {
        layers = List.copyOf(layers);
    }
}
