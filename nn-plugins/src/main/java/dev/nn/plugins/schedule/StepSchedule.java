package dev.nn.plugins.schedule;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;
import java.util.List;

/** The learning rate multiplied by {@code gamma} every {@code every} epochs. */
public final class StepSchedule implements Schedule {
    private final int every;
    private final double gamma;

    StepSchedule(int every, double gamma) {
        this.every = every;
        this.gamma = gamma;
    }

    @Override
    public double learningRate(int epoch, int epochs, double baseRate) {
        return baseRate * Math.pow(gamma, epoch / every);
    }

    /** The {@code step} provider. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "step";
        }

        @Override
        public String description() {
            return "multiplies the learning rate by gamma every 'every' epochs: lr * gamma^floor(epoch / every)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.integer("every", "number of epochs between decays")
                            .defaultValue(10)
                            .atLeast(1),
                    OptionSpec.number("gamma", "factor applied at each decay")
                            .defaultValue(0.5)
                            .above(0));
        }

        @Override
        public Schedule create(Options options) {
            return new StepSchedule(options.integer("every"), options.number("gamma"));
        }
    }
}
