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
 * <p>Each monitor knows which way is better ({@link #maximizes}): accuracies and R² should rise,
 * losses and the mean absolute error fall. Accuracies are measured for classes only, R² and MAE for
 * regression targets only, so a monitor the data does not have is refused before training.
 *
 * @param monitor     one of {@link #MONITORS}: {@code val_loss} (default), {@code val_accuracy},
 *                    {@code val_r2}, {@code val_mae}, {@code loss} or {@code accuracy}
 * @param patience    epochs without improvement before stopping
 * @param minDelta    the smallest change that counts as an improvement
 * @param restoreBest whether the best epoch's weights are restored at the end
 */
public record EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBest) {
    /** The metrics early stopping can watch. */
    public static final List<String> MONITORS =
            List.of("val_loss", "val_accuracy", "val_r2", "val_mae", "loss", "accuracy");

    /** The monitors whose larger values are better; the others should fall. */
    private static final List<String> RISING = List.of("val_accuracy", "val_r2", "accuracy");

    /** The monitors measured for regression targets only. */
    private static final List<String> REGRESSION = List.of("val_r2", "val_mae");

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
     * @param monitor     one of {@link #MONITORS}
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
        return maximizes(monitor);
    }

    /**
     * {@return true when larger values of {@code monitor} are better (accuracies, R²), false when
     * smaller ones are (losses, the mean absolute error)}
     *
     * @param monitor one of {@link #MONITORS}
     * @throws IllegalArgumentException for a name that is none of them
     */
    public static boolean maximizes(String monitor) {
        if (!MONITORS.contains(monitor)) {
            throw new IllegalArgumentException(
                    "unknown metric '" + monitor + "'; use one of " + String.join(", ", MONITORS));
        }
        return RISING.contains(monitor);
    }

    /**
     * Adds a problem at {@code where} when the data has no {@code monitor} to watch: validation figures
     * without validation data, accuracy without classes, R² or MAE without regression targets, or a
     * figure nn does not measure.
     */
    static void checkMonitor(
            String who, String monitor, Dataset train, Dataset validation, String where, List<Problem> problems) {
        if (!MONITORS.contains(monitor)) {
            problems.add(new Problem(
                    where, who + " monitors '" + monitor + "', which nn does not measure; one of " + MONITORS));
            return;
        }
        if (monitor.endsWith("accuracy") && !train.isClassification()) {
            problems.add(new Problem(
                    where,
                    who + " monitors " + monitor + ", which is measured for classes only, but the data has"
                            + " regression targets; monitor "
                            + (monitor.startsWith("val_") ? "val_r2, val_mae or val_loss" : "loss")));
            return;
        }
        if (REGRESSION.contains(monitor) && train.isClassification()) {
            problems.add(new Problem(
                    where,
                    who + " monitors " + monitor + ", which is measured for regression targets only, but the data"
                            + " has classes; monitor val_accuracy or val_loss"));
            return;
        }
        if (monitor.startsWith("val_") && validation == null) {
            problems.add(new Problem(
                    where,
                    who + " monitors " + monitor + " but there is no validation data;"
                            + " set a validation split or monitor " + withoutValidation(monitor)));
        }
    }

    /**
     * {@return what to monitor instead of {@code monitor} without validation data: its training
     * figure ({@code accuracy} for {@code val_accuracy}), or {@code loss} when nn measures none}
     *
     * @param monitor a validation figure, {@code val_...}
     */
    public static String withoutValidation(String monitor) {
        String training = monitor.substring(4);
        return MONITORS.contains(training) ? training : "loss";
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
