package dev.nn.api;

/** Creates an {@link Optimizer} from checked options; the options should include {@code lr} where it applies. */
public interface OptimizerProvider extends Provider {
    /**
     * {@return an optimizer with the given options}
     *
     * @param options this provider's options, already checked
     */
    Optimizer create(Options options);
}
