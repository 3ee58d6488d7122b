package dev.nn.api;

/** Creates an {@link Initializer} from checked options. */
public interface InitializerProvider extends Provider {
    /**
     * {@return an initializer with the given options}
     *
     * @param options this provider's options, already checked
     */
    Initializer create(Options options);
}
