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
     * {@return the divisor {@link #forward} averages over for {@code target}: the number of rows by
     * default} A loss that averages with weights (class-weighted cross-entropy divides by the total
     * weight of the rows' classes) returns that total. The trainer computes a batch in logical shards
     * and combines their losses and gradients in proportion to these weights, so the batch's result is
     * the loss's own mean over the whole batch.
     *
     * @param target the wanted output of a batch, one example per row
     * @since SPI 1.5
     */
    default double weight(Matrix target) {
        return target.rows();
    }

    /**
     * Turns the network's raw output into what predictions should report, in place: probabilities
     * for a loss that takes logits (softmax, sigmoid), the output unchanged otherwise.
     *
     * @param output the network's output for a batch, changed in place
     * @param ctx    the engine and buffers
     */
    default void toPrediction(Matrix output, Context ctx) {}

    /**
     * Why this loss cannot train {@code outputs}, with what to change, or null when it can: checked
     * when a network is trained (by {@code nn validate} before that) and reported as a problem of the
     * loss. {@code softmax_cross_entropy}, for example, refuses a single output, whose softmax is
     * always 1. The default knows nothing against any output and returns null; a plugin loss
     * overrides it only for combinations that certainly cannot train. The number of outputs against
     * the number of classes is checked for every loss before this is asked.
     *
     * @param outputs the last layer's width and range, and the data's class count
     * @return what is wrong and what to change, or null when this loss can train them
     * @since SPI 1.1
     */
    default String cannotTrain(TrainedOutputs outputs) {
        return null;
    }
}
