package dev.nn.api;

/** Creates a {@link Loss} from checked options. */
public interface LossProvider extends Provider {
    Loss create(Options options);
}
