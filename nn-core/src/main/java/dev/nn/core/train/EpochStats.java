package dev.nn.core.train;

import dev.nn.api.Dataset;
import dev.nn.core.Network;
import dev.nn.core.eval.Evaluation;

/**
 * What one epoch of training achieved. Accuracies are NaN for regression; validation figures are
 * NaN when there is no validation data.
 *
 * @param epoch the epoch, from 1
 */
public record EpochStats(
        int epoch,
        double loss,
        double accuracy,
        double validationLoss,
        double validationAccuracy,
        double learningRate,
        double seconds) {

    /** An epoch's figures, {@code net}'s validation loss (and accuracy, for classes) on {@code validation} included. */
    static EpochStats of(
            Network net,
            int epoch,
            double loss,
            double accuracy,
            Dataset validation,
            double learningRate,
            double seconds) {
        double valLoss = Double.NaN;
        double valAccuracy = Double.NaN;
        if (validation != null && validation.size() > 0) {
            if (validation.isClassification()) {
                Evaluation e = net.evaluate(validation);
                valLoss = e.loss();
                valAccuracy = e.accuracy();
            } else {
                valLoss = net.loss(validation);
            }
        }
        return new EpochStats(epoch, loss, accuracy, valLoss, valAccuracy, learningRate, seconds);
    }

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
            default ->
                throw new IllegalArgumentException(
                        "unknown metric '" + name + "'; use loss, accuracy, val_loss or val_accuracy");
        };
    }
}
