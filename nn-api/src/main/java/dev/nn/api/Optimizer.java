package dev.nn.api;

import java.util.List;

/**
 * Updates parameters from their gradients after each batch.
 *
 * <p>An optimizer keeps its per-parameter state (momentum, moments) itself, keyed by the
 * {@link Parameter} object, and allocates it on the first step. It must not clear gradients;
 * the trainer does.
 */
public interface Optimizer {

    /** Applies one update to every parameter from its current gradient. */
    void step(List<Parameter> parameters, Context ctx);

    /** The current learning rate, or NaN when this optimizer has none. */
    default double learningRate() {
        return Double.NaN;
    }

    /**
     * Sets the learning rate (a {@link Schedule} calls this at each epoch).
     *
     * @throws UnsupportedOperationException if this optimizer has no learning rate
     */
    default void setLearningRate(double learningRate) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no learning rate to schedule");
    }
}
