package dev.nn.api;

import java.util.random.RandomGenerator;

/**
 * Fills a new parameter with its starting values.
 *
 * <p>{@code fanIn} and {@code fanOut} are the layer's input and output sizes, for the scaled
 * schemes (Xavier/Glorot, He). Draw only from the given random source so runs are reproducible.
 */
@FunctionalInterface
public interface Initializer {

    /**
     * Fills {@code values} with initial weights.
     *
     * @param values  the parameter to fill, in place
     * @param fanIn   the number of inputs of the layer
     * @param fanOut  the number of outputs of the layer
     * @param random  the seeded random source, the only one to use
     */
    void initialize(Matrix values, int fanIn, int fanOut, RandomGenerator random);
}
