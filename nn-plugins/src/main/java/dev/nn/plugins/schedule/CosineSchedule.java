package dev.nn.plugins.schedule;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;
import java.util.List;

/**
 * The learning rate falls along half a cosine from the base rate at the first epoch towards
 * {@code min_lr} at the end of training.
 */
public final class CosineSchedule implements Schedule {
    private final double minRate;

    CosineSchedule(double minRate) {
        this.minRate = minRate;
    }

    @Override
    public double learningRate(int epoch, int epochs, double baseRate) {
        return minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * epoch / Math.max(1, epochs))) / 2;
    }

    /** The {@code cosine} provider. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "cosine";
        }

        @Override
        public String description() {
            return "cosine annealing from the learning rate to min_lr over the planned epochs";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("min_lr", "learning rate reached at the end of training")
                    .defaultValue(0.0)
                    .atLeast(0));
        }

        @Override
        public Schedule create(Options options) {
            return new CosineSchedule(options.number("min_lr"));
        }
    }
}
