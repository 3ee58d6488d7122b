package dev.nn.core.train;

import java.util.Set;

/**
 * Stops training when a metric has not improved for {@code patience} epochs and, with
 * {@code restoreBest}, puts back the weights of the best epoch.
 *
 * @param monitor  {@code val_loss} (default), {@code val_accuracy}, {@code loss} or {@code accuracy}
 * @param minDelta the smallest change that counts as an improvement
 */
public record EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBest) {
    private static final Set<String> METRICS = Set.of("loss", "accuracy", "val_loss", "val_accuracy");

    /**
     * Checks the monitored metric, the patience and the smallest change.
     *
     * @param monitor     {@code val_loss} (default), {@code val_accuracy}, {@code loss} or {@code accuracy}
     * @param patience    epochs without improvement before stopping
     * @param minDelta    the smallest change that counts as an improvement
     * @param restoreBest whether the best epoch's weights are restored at the end
     */
    public EarlyStopping {
        if (!METRICS.contains(monitor)) {
            throw new IllegalArgumentException("early stopping cannot monitor '" + monitor
                    + "'; use val_loss, val_accuracy, loss or accuracy");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("early stopping patience must be >= 0, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("early stopping min_delta must be >= 0, got " + minDelta);
        }
    }

    /**
     * Monitors {@code monitor} with the given patience, min delta 0, restoring the best weights.
     *
     * @return the rule
     * @param monitor  the metric to watch
     * @param patience epochs without improvement before stopping
     */
    public static EarlyStopping of(String monitor, int patience) {
        return new EarlyStopping(monitor, patience, 0, true);
    }

    /** {@return true when larger values of the monitored metric are better} */
    public boolean maximize() {
        return monitor.endsWith("accuracy");
    }

    /** True when {@code value} improves on {@code best} by more than {@code minDelta}. */
    boolean improves(double value, double best) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return maximize() ? value > best + minDelta : value < best - minDelta;
    }
}
