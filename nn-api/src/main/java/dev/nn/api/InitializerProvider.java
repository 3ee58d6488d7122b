package dev.nn.api;

/** Creates an {@link Initializer} from checked options. */
public interface InitializerProvider extends Provider {
    Initializer create(Options options);
}
