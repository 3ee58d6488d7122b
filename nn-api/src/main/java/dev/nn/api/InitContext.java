package dev.nn.api;

import java.util.random.RandomGenerator;

/** What a {@link LayerProvider} gets to initialise new parameters. */
public interface InitContext {

    /** {@return the seeded random source for initial values} */
    RandomGenerator random();

    /**
     * Resolves an initializer reference (such as a layer's {@code init} option) through the registry.
     *
     * @param spec the initializer's name and options
     * @return the initializer
     */
    Initializer initializer(Spec spec);
}
