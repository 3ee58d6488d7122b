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

    /**
     * Why this loss cannot train {@code outputs}, with what to change, or null when it can: checked
     * when a network is trained (by {@code nn validate} before that) and reported as a problem of the
     * loss. {@code softmax_cross_entropy}, for example, refuses a single output, whose softmax is
     * always 1. The default knows nothing against any output and returns null; a plugin loss
     * overrides it only for combinations that certainly cannot train. The number of outputs against
     * the number of classes is checked for every loss before this is asked.
     */
    default String cannotTrain(TrainedOutputs outputs) {
        return null;
    }
}
