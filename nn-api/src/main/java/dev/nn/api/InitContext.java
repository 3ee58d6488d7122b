package dev.nn.api;

import java.util.random.RandomGenerator;

/** What a {@link LayerProvider} gets to initialise new parameters. */
public interface InitContext {

    /** The seeded random source for initial values. */
    RandomGenerator random();

    /** Resolves an initializer reference (such as a layer's {@code init} option) through the registry. */
    Initializer initializer(Spec spec);
}
