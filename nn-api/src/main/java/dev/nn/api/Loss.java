package dev.nn.api;

/**
 * A training objective comparing the network's output with targets.
 *
 * <p>Targets have the output's shape: one-hot rows for classification with several outputs,
 * a 0/1 column for a single-output binary classifier, values for regression.
 */
public interface Loss {

    /** The loss, averaged over the batch (the rows). */
    float forward(Matrix output, Matrix target, Context ctx);

    /** dLoss/dOutput of {@link #forward}'s value (so already divided by the batch size). */
    Matrix backward(Matrix output, Matrix target, Context ctx);

    /**
     * Turns the network's raw output into what predictions should report, in place: probabilities
     * for a loss that takes logits (softmax, sigmoid), the output unchanged otherwise.
     */
    default void toPrediction(Matrix output, Context ctx) {
    }
}
