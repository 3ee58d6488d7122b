package dev.nn.core.train;

import dev.nn.api.Dataset;
import dev.nn.core.Network;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.eval.RegressionEvaluation;

/**
 * What one epoch of training achieved. Accuracies are NaN for regression, R² and MAE for
 * classification; validation figures are NaN when there is no validation data.
 *
 * @param epoch              the epoch, from 1
 * @param loss               the mean training loss over the epoch's batches
 * @param accuracy           the share of training examples classified right in the epoch's batches
 * @param validationLoss     the mean loss on the validation data after the epoch
 * @param validationAccuracy the accuracy on the validation data after the epoch
 * @param learningRate       the rate the epoch's last batch ran at
 * @param seconds            the epoch's wall time, validation included
 * @param validationR2       R² on the validation data after the epoch, averaged over the outputs
 * @param validationMae      the mean absolute error on the validation data after the epoch, averaged over the outputs
 */
public record EpochStats(
        int epoch,
        double loss,
        double accuracy,
        double validationLoss,
        double validationAccuracy,
        double learningRate,
        double seconds,
        double validationR2,
        double validationMae) {

    /**
     * An epoch's figures without regression ones (R² and MAE NaN), as before they existed.
     *
     * @param epoch              the epoch, from 1
     * @param loss               the mean training loss over the epoch's batches
     * @param accuracy           the share of training examples classified right in the epoch's batches
     * @param validationLoss     the mean loss on the validation data after the epoch
     * @param validationAccuracy the accuracy on the validation data after the epoch
     * @param learningRate       the rate the epoch's last batch ran at
     * @param seconds            the epoch's wall time, validation included
     */
    public EpochStats(
            int epoch,
            double loss,
            double accuracy,
            double validationLoss,
            double validationAccuracy,
            double learningRate,
            double seconds) {
        this(epoch, loss, accuracy, validationLoss, validationAccuracy, learningRate, seconds, Double.NaN, Double.NaN);
    }

    /**
     * An epoch's figures, {@code net}'s on {@code validation} included: loss and accuracy for
     * classes, loss, R² and MAE for regression targets.
     */
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
        double valR2 = Double.NaN;
        double valMae = Double.NaN;
        if (validation != null && validation.size() > 0) {
            if (validation.isClassification()) {
                Evaluation e = net.evaluate(validation);
                valLoss = e.loss();
                valAccuracy = e.accuracy();
            } else {
                RegressionEvaluation e = net.evaluateRegression(validation);
                valLoss = e.loss();
                valR2 = e.r2();
                valMae = e.mae();
            }
        }
        return new EpochStats(epoch, loss, accuracy, valLoss, valAccuracy, learningRate, seconds, valR2, valMae);
    }

    /**
     * {@return the value of a monitored metric: one of {@link EarlyStopping#MONITORS}}
     *
     * @param name the metric's name
     * @throws IllegalArgumentException for a name that is none of them
     */
    public double metric(String name) {
        return switch (name) {
            case "loss" -> loss;
            case "accuracy" -> accuracy;
            case "val_loss" -> validationLoss;
            case "val_accuracy" -> validationAccuracy;
            case "val_r2" -> validationR2;
            case "val_mae" -> validationMae;
            default ->
                throw new IllegalArgumentException(
                        "unknown metric '" + name + "'; use one of " + String.join(", ", EarlyStopping.MONITORS));
        };
    }
}
