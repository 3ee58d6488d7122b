package dev.nn.plugins.schedule;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;
import dev.nn.core.train.EarlyStopping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning rate multiplied by {@code factor} when a metric has not improved for more than
 * {@code patience} epochs, as PyTorch's {@code ReduceLROnPlateau} with {@code threshold_mode='rel'}
 * and {@code eps=1e-8}: mode {@code min} for {@code loss}, {@code val_loss} and {@code val_mae},
 * {@code max} for {@code accuracy}, {@code val_accuracy} and {@code val_r2} (as early stopping
 * decides, {@link EarlyStopping#maximizes}). It starts at the optimizer's configured rate; a value
 * improves on the best when it is below {@code best * (1 - threshold)} (above {@code best * (1 +
 * threshold)} in mode max); after a reduction {@code cooldown} epochs pass before bad epochs count
 * again; the rate never goes below {@code min_lr}, and a reduction smaller than 1e-8 is skipped.
 *
 * <p>The best value, the bad epochs, the cooldown left and the rate change as training goes, so
 * they are its {@link #state()}, which checkpoints keep.
 */
public final class ReduceOnPlateauSchedule implements Schedule {
    private static final double EPS = 1e-8;

    private final String monitor;
    private final boolean maximize;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minRate;

    private double best;
    private int badEpochs;
    private int cooldownLeft;
    private double rate = Double.NaN;

    ReduceOnPlateauSchedule(
            String monitor, double factor, int patience, double threshold, int cooldown, double minRate) {
        this.monitor = monitor;
        this.maximize = EarlyStopping.maximizes(monitor);
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minRate = minRate;
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public double learningRate(int epoch, int epochs, double baseRate) {
        if (Double.isNaN(rate)) {
            rate = baseRate;
        }
        return rate;
    }

    @Override
    public String monitor() {
        return monitor;
    }

    /** PyTorch's {@code ReduceLROnPlateau.step(metrics)}, statement for statement. */
    @Override
    public void epochEnded(int epoch, Map<String, Double> figures) {
        double current = figures.getOrDefault(monitor, Double.NaN);
        if (maximize ? current > best * (threshold + 1) : current < best * (1 - threshold)) {
            best = current;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            double reduced = Math.max(rate * factor, minRate);
            if (rate - reduced > EPS) {
                rate = reduced;
            }
            cooldownLeft = cooldown;
            badEpochs = 0;
        }
    }

    @Override
    public Map<String, Double> state() {
        Map<String, Double> state = new LinkedHashMap<>();
        state.put("best", best);
        state.put("bad_epochs", (double) badEpochs);
        state.put("cooldown_left", (double) cooldownLeft);
        state.put("lr", rate);
        return state;
    }

    @Override
    public void restore(Map<String, Double> state) {
        if (!state.keySet().equals(state().keySet())) {
            throw new IllegalArgumentException(
                    "reduce_on_plateau keeps " + state().keySet() + ", the checkpoint has " + state.keySet());
        }
        best = state.get("best");
        badEpochs = state.get("bad_epochs").intValue();
        cooldownLeft = state.get("cooldown_left").intValue();
        rate = state.get("lr");
    }

    /** The {@code reduce_on_plateau} provider. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "reduce_on_plateau";
        }

        @Override
        public String description() {
            return "PyTorch's ReduceLROnPlateau: multiplies the learning rate by factor when monitor has not"
                    + " improved by a relative threshold for more than patience epochs (mode min for losses and"
                    + " MAE, max for accuracies and R2)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.string(
                                    "monitor", "the metric watched; losses and MAE should fall, accuracies and R2 rise")
                            .defaultValue("val_loss")
                            .choices(EarlyStopping.MONITORS.toArray(String[]::new)),
                    OptionSpec.number("factor", "the factor the rate is multiplied by at each reduction")
                            .defaultValue(0.1)
                            .above(0)
                            .below(1),
                    OptionSpec.integer("patience", "epochs without improvement tolerated before a reduction")
                            .defaultValue(10)
                            .atLeast(0),
                    OptionSpec.number("threshold", "the relative change that counts as an improvement")
                            .defaultValue(1e-4)
                            .atLeast(0),
                    OptionSpec.integer("cooldown", "epochs after a reduction before bad epochs count again")
                            .defaultValue(0)
                            .atLeast(0),
                    OptionSpec.number("min_lr", "the rate is never reduced below this")
                            .defaultValue(0.0)
                            .atLeast(0));
        }

        @Override
        public Schedule create(Options options) {
            return new ReduceOnPlateauSchedule(
                    options.string("monitor"),
                    options.number("factor"),
                    options.integer("patience"),
                    options.number("threshold"),
                    options.integer("cooldown"),
                    options.number("min_lr"));
        }
    }
}
