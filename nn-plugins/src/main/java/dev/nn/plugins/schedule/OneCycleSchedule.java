package dev.nn.plugins.schedule;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;
import java.util.List;

/**
 * The one-cycle policy, as PyTorch's {@code OneCycleLR} with {@code anneal_strategy='cos'} and
 * {@code three_phase=False}: over the first {@code pct_start} of all batches the rate rises along
 * half a cosine from {@code max_lr / div_factor} to {@code max_lr}, then falls along another to
 * {@code max_lr / div_factor / final_div_factor} at the last batch. It sets the rate before every
 * batch ({@code total_steps} = epochs x batches per epoch); the optimizer's configured rate is
 * ignored, as in PyTorch. Momentum is not cycled ({@code cycle_momentum} has no counterpart).
 *
 * <p>The step is the position in the run, epoch x batches per epoch + batch, so a resumed run needs
 * no saved state. Where PyTorch divides by a phase of zero length (a first phase of exactly one
 * step) and fails, this rate is the phase's end.
 */
public final class OneCycleSchedule implements Schedule {
    private final double maxRate;
    private final double pctStart;
    private final double initialRate;
    private final double minRate;

    OneCycleSchedule(double maxRate, double pctStart, double divFactor, double finalDivFactor) {
        this.maxRate = maxRate;
        this.pctStart = pctStart;
        this.initialRate = maxRate / divFactor;
        this.minRate = initialRate / finalDivFactor;
    }

    @Override
    public boolean perBatch() {
        return true;
    }

    @Override
    public double learningRate(int epoch, int epochs, double baseRate) {
        return learningRate(epoch, 0, 1, epochs, baseRate);
    }

    @Override
    public double learningRate(int epoch, int batch, int batchesPerEpoch, int epochs, double baseRate) {
        long totalSteps = (long) epochs * batchesPerEpoch;
        double step = (double) epoch * batchesPerEpoch + batch;
        double warmEnd = pctStart * totalSteps - 1;
        if (step <= warmEnd) {
            return annealed(initialRate, maxRate, fraction(step, 0, warmEnd));
        }
        return annealed(maxRate, minRate, fraction(step, warmEnd, totalSteps - 1));
    }

    private static double fraction(double step, double start, double end) {
        return end - start == 0 ? 1 : (step - start) / (end - start);
    }

    /** PyTorch's {@code _annealing_cos}, in its order of operations. */
    private static double annealed(double start, double end, double pct) {
        double cosOut = Math.cos(Math.PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }

    /** The {@code one_cycle} provider. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "one_cycle";
        }

        @Override
        public String description() {
            return "PyTorch's OneCycleLR, set before every batch: cosine up from max_lr/div_factor to max_lr over"
                    + " pct_start of the batches, then down to max_lr/div_factor/final_div_factor; ignores the"
                    + " optimizer's lr; no momentum cycling";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("max_lr", "the highest learning rate, reached after pct_start of the batches")
                            .required()
                            .above(0),
                    OptionSpec.number("pct_start", "the fraction of all batches spent raising the rate")
                            .defaultValue(0.3)
                            .atLeast(0)
                            .atMost(1),
                    OptionSpec.number("div_factor", "the starting rate is max_lr / div_factor")
                            .defaultValue(25.0)
                            .above(0),
                    OptionSpec.number("final_div_factor", "the last rate is max_lr / div_factor / final_div_factor")
                            .defaultValue(1e4)
                            .above(0));
        }

        @Override
        public Schedule create(Options options) {
            return new OneCycleSchedule(
                    options.number("max_lr"),
                    options.number("pct_start"),
                    options.number("div_factor"),
                    options.number("final_div_factor"));
        }
    }
}
