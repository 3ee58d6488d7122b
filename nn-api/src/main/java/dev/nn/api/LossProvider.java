package dev.nn.api;

import java.util.Map;

/** Creates a {@link Loss} from checked options. */
public interface LossProvider extends Provider {
    /**
     * {@return a loss with the given options}
     *
     * @param options this provider's options, already checked
     */
    Loss create(Options options);

    /**
     * The options this loss trains with on {@code train}, when the training data decides some of
     * them ({@code softmax_cross_entropy}'s {@code class_weights: balanced}), or null when the
     * options stay as given. Called once, when training starts and before any batch, on the
     * training data only; the network then records the loss with the options returned, so a saved
     * model computes the same loss without the data. A provider also checks here what only the data
     * can tell (one class weight per class), throwing {@link Options#error} so the message names the
     * option. The default changes nothing.
     *
     * @param options this provider's options, already checked
     * @param train   the training data
     * @return the options to train with (those given, with the data's values filled in), or null for {@code options}
     * @throws ConfigException naming the option the data does not fit
     * @since SPI 1.4
     */
    default Map<String, Object> fittedOptions(Options options, Dataset train) {
        return null;
    }
}
