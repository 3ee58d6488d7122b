package dev.nn.api;

import java.util.random.RandomGenerator;

/**
 * What a layer, loss or optimizer sees while it runs: the engine, the mode, the seeded random
 * source and reusable buffers.
 *
 * <p>Use {@link #buffer} for every matrix you produce per batch (outputs, gradients, caches):
 * it hands back the same matrix as long as the shape stays the same, so a training step allocates
 * nothing once the first batch has run.
 */
public interface Context {

    /** {@return the engine to compute with} */
    Engine engine();

    /** {@return true while training (dropout drops), false for evaluation and prediction} */
    boolean training();

    /** {@return the seeded random source; the only randomness a component may use} */
    RandomGenerator random();

    /**
     * A buffer owned by {@code owner} under {@code key}, reallocated only when the shape changes.
     * Its contents are whatever was left there last time: overwrite or {@link Matrix#zero()} it.
     *
     * @param owner the component the buffer belongs to (usually {@code this})
     * @param key   which of the owner's buffers
     * @param rows  the rows wanted
     * @param cols  the columns wanted
     * @return a {@code rows x cols} matrix, the same one as last time when the shape is unchanged
     */
    Matrix buffer(Object owner, String key, int rows, int cols);
}
