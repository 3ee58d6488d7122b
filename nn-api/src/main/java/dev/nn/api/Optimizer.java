package dev.nn.api;

import java.util.List;
import java.util.Optional;

/**
 * Updates parameters from their gradients after each batch.
 *
 * <p>An optimizer keeps its per-parameter state (momentum, moments) itself, keyed by the
 * {@link Parameter} object, and allocates it on the first step. It must not clear gradients;
 * the trainer does.
 *
 * <p><b>Checkpoints.</b> A run can be saved and resumed bit for bit only when its optimizer can
 * hand out its state and take it back: override {@link #state} and {@link #restoreState} together.
 * The state is an {@link OptimizerState}: per parameter (by its index in the list given to
 * {@link #step}), named float arrays and named scalars. An optimizer that keeps nothing between
 * steps returns {@link OptimizerState#EMPTY}. The defaults say "this optimizer has no resumable
 * state", and the trainer then refuses to write checkpoints for it rather than resume wrongly.
 * An optimizer with one array per parameter has it in two lines:
 * <pre>{@code
 * public Optional<OptimizerState> state(List<Parameter> parameters) {
 *     return Optional.of(OptimizerState.ofArrays(parameters, velocities, "velocity"));
 * }
 *
 * public void restoreState(List<Parameter> parameters, OptimizerState state) {
 *     Map<Parameter, float[]> restored = state.arraysByParameter(parameters, "velocity"); // checks sizes
 *     velocities.clear();
 *     velocities.putAll(restored);
 * }
 * }</pre>
 */
public interface Optimizer {

    /**
     * Applies one update to every parameter from its current gradient.
     *
     * @param parameters every trainable parameter of the network, in the same order at every step
     * @param ctx        the engine and buffers
     */
    void step(List<Parameter> parameters, Context ctx);

    /** {@return the current learning rate, or NaN when this optimizer has none} */
    default double learningRate() {
        return Double.NaN;
    }

    /**
     * Sets the learning rate (a {@link Schedule} calls this at each epoch).
     *
     * @throws UnsupportedOperationException if this optimizer has no learning rate
     * @param learningRate the rate for the coming steps
     */
    default void setLearningRate(double learningRate) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no learning rate to schedule");
    }

    /**
     * A copy of everything this optimizer carries between steps for {@code parameters} (the list
     * {@link #step} is given), for a checkpoint; empty when this optimizer cannot save its state
     * (the default), which makes checkpoints unavailable with it. Called between steps.
     * @param parameters the parameters {@link #step} is given
     * @return the state, or empty when it cannot be saved
     */
    default Optional<OptimizerState> state(List<Parameter> parameters) {
        return Optional.empty();
    }

    /**
     * Replaces this optimizer's state with {@code state}, as {@link #state} returned it for the same
     * parameters in another process, so the next {@link #step} continues exactly. Called before the
     * first step. The learning rate is not part of the state; the trainer sets it.
     *
     * @throws IllegalArgumentException      when {@code state} does not fit {@code parameters}
     * @throws UnsupportedOperationException when this optimizer cannot restore state (the default)
     * @param parameters the parameters {@link #step} will be given
     * @param state      what {@link #state} returned
     */
    default void restoreState(List<Parameter> parameters, OptimizerState state) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " cannot restore its state from a checkpoint");
    }
}
