package dev.nn.core.train;

/**
 * What one epoch of training achieved. Accuracies are NaN for regression; validation figures are
 * NaN when there is no validation data.
 *
 * @param epoch the epoch, from 1
 */
public record EpochStats(int epoch, double loss, double accuracy, double validationLoss, double validationAccuracy,
                         double learningRate, double seconds) {

    /**
     * {@return the value of a monitored metric: {@code loss}, {@code accuracy}, {@code val_loss} or {@code val_accuracy}}
     *
     * @param name the metric's name
     */
    public double metric(String name) {
        return switch (name) {
            case "loss" -> loss;
            case "accuracy" -> accuracy;
            case "val_loss" -> validationLoss;
            case "val_accuracy" -> validationAccuracy;
            default -> throw new IllegalArgumentException("unknown metric '" + name
                    + "'; use loss, accuracy, val_loss or val_accuracy");
        };
    }
}
