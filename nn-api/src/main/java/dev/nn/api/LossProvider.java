package dev.nn.api;

/** Creates a {@link Loss} from checked options. */
public interface LossProvider extends Provider {
    /**
     * {@return a loss with the given options}
     *
     * @param options this provider's options, already checked
     */
    Loss create(Options options);
}
