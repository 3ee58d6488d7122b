package dev.nn.core.train;

import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Dataset;
import dev.nn.api.OptionSpec;
import dev.nn.core.registry.OptionChecker;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stops training when a metric has not improved for {@code patience} epochs and, with
 * {@code restoreBest}, puts back the weights of the best epoch. This is the rule; the trainer keeps
 * one run's bookkeeping of it in an {@link EarlyStopper}.
 *
 * @param monitor     {@code val_loss} (default), {@code val_accuracy}, {@code loss} or {@code accuracy}
 * @param patience    epochs without improvement before stopping
 * @param minDelta    the smallest change that counts as an improvement
 * @param restoreBest whether the best epoch's weights are restored at the end
 */
public record EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBest) {
    /** The metrics early stopping can watch. */
    public static final List<String> MONITORS = List.of("val_loss", "val_accuracy", "loss", "accuracy");

    /** Its settings, as a pipeline's {@code train.early_stopping} section declares them. */
    public static final OptionSpec OPTIONS = OptionSpec.section(
            "early_stopping",
            "stop when a metric stops improving; default: train every epoch",
            OptionSpec.string("monitor", "the metric watched")
                    .defaultValue("val_loss")
                    .choices(MONITORS.toArray(String[]::new)),
            OptionSpec.integer("patience", "epochs without improvement before stopping")
                    .defaultValue(5)
                    .atLeast(0),
            OptionSpec.number("min_delta", "the smallest change that counts as an improvement")
                    .defaultValue(0.0)
                    .atLeast(0),
            OptionSpec.bool("restore_best", "put back the weights of the best epoch at the end")
                    .defaultValue(true));

    /**
     * Checks the settings against {@link #OPTIONS}.
     *
     * @param monitor     {@code val_loss} (default), {@code val_accuracy}, {@code loss} or {@code accuracy}
     * @param patience    epochs without improvement before stopping
     * @param minDelta    the smallest change that counts as an improvement
     * @param restoreBest whether the best epoch's weights are restored at the end
     * @throws dev.nn.api.ConfigException naming each bad setting ({@code early_stopping.patience})
     */
    public EarlyStopping {
        Objects.requireNonNull(monitor, "monitor");
        OptionChecker.checked(
                null,
                OPTIONS,
                Map.of("monitor", monitor, "patience", patience, "min_delta", minDelta, "restore_best", restoreBest),
                OPTIONS.name());
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

    /**
     * Adds a problem at {@code where} when the data has no {@code monitor} to watch: validation figures
     * without validation data, accuracy without classification, or a figure nn does not measure.
     */
    static void checkMonitor(
            String who, String monitor, Dataset train, Dataset validation, String where, List<Problem> problems) {
        if (!MONITORS.contains(monitor)) {
            problems.add(new Problem(
                    where, who + " monitors '" + monitor + "', which nn does not measure; one of " + MONITORS));
            return;
        }
        if (monitor.startsWith("val_") && validation == null) {
            problems.add(new Problem(
                    where,
                    who + " monitors " + monitor + " but there is no validation data;"
                            + " set a validation split or monitor " + monitor.substring(4)));
        }
        if (monitor.endsWith("accuracy") && !train.isClassification()) {
            problems.add(new Problem(where, "accuracy is only defined for classification"));
        }
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
