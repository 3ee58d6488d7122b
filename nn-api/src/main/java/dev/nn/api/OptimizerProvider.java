package dev.nn.api;

/** Creates an {@link Optimizer} from checked options; the options should include {@code lr} where it applies. */
public interface OptimizerProvider extends Provider {
    Optimizer create(Options options);
}
