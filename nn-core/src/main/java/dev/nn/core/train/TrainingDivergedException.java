package dev.nn.core.train;

import java.util.Locale;

/** Training produced a NaN or infinite loss; the message says where and what to try. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A run that diverged.
     *
     * @param message where and what to try
     */
    public TrainingDivergedException(String message) {
        super(message);
    }

    /**
     * {@return the exception for a batch whose loss or gradient stopped being finite, saying what to try}
     *
     * @param batchLoss    the batch's loss (finite when a gradient diverged)
     * @param epoch        the epoch, from 1
     * @param batch        the batch, from 1
     * @param prefix       the option path of the training settings and a dot ({@code "train."}), or empty
     * @param optimizer    the optimizer's name
     * @param learningRate its learning rate, NaN when it has none
     * @param clipNorm     the gradient clipping in force, 0 for none
     * @param checkpoint   where the last checkpoint kept stands ({@link TrainingState#position()}), or null
     */
    public static TrainingDivergedException of(
            float batchLoss,
            int epoch,
            int batch,
            String prefix,
            String optimizer,
            double learningRate,
            double clipNorm,
            String checkpoint) {
        String what = Float.isFinite(batchLoss)
                ? "a gradient became NaN or infinite (the loss was " + String.format(Locale.ROOT, "%g", batchLoss) + ")"
                : "the loss became " + (Float.isNaN(batchLoss) ? "NaN" : "infinite");
        return new TrainingDivergedException(String.format(
                Locale.ROOT,
                "training diverged: %s at epoch %d, batch %d; lower the learning rate (%soptimizer.%s.lr%s) or clip"
                        + " gradients with %s; standardized inputs help too%s",
                what,
                epoch,
                batch,
                prefix,
                optimizer,
                Double.isNaN(learningRate) ? "" : String.format(Locale.ROOT, ", now %g", learningRate),
                clipNorm > 0 ? prefix + "clip_norm below " + clipNorm : prefix + "clip_norm (1.0 is a common start)",
                checkpoint == null ? "" : "; the last checkpoint, at " + checkpoint + ", is kept"));
    }
}
