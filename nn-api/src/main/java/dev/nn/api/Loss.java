package dev.nn.api;

/**
 * A training objective comparing the network's output with targets.
 *
 * <p>Targets have the output's shape: one-hot rows for classification with several outputs,
 * a 0/1 column for a single-output binary classifier, values for regression.
 */
public interface Loss {

    /**
     * {@return the loss, averaged over the batch (the rows)}
     *
     * @param output the network's output for a batch, one example per row
     * @param target the wanted output, same shape
     * @param ctx    the engine and buffers
     */
    float forward(Matrix output, Matrix target, Context ctx);

    /**
     * {@return dLoss/dOutput of {@link #forward}'s value (so already divided by the batch size)}
     *
     * @param output the network's output for a batch, one example per row
     * @param target the wanted output, same shape
     * @param ctx    the engine and buffers
     */
    Matrix backward(Matrix output, Matrix target, Context ctx);

    /**
     * Turns the network's raw output into what predictions should report, in place: probabilities
     * for a loss that takes logits (softmax, sigmoid), the output unchanged otherwise.
     *
     * @param output the network's output for a batch, changed in place
     * @param ctx    the engine and buffers
     */
    default void toPrediction(Matrix output, Context ctx) {
    }
}
