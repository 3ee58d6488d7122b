package dev.nn.plugins.schedule;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;
import java.util.List;

/** The learning rate multiplied by {@code gamma} every epoch. */
public final class ExponentialSchedule implements Schedule {
    private final double gamma;

    ExponentialSchedule(double gamma) {
        this.gamma = gamma;
    }

    @Override
    public double learningRate(int epoch, int epochs, double baseRate) {
        return baseRate * Math.pow(gamma, epoch);
    }

    /** The {@code exponential} provider. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "exponential";
        }

        @Override
        public String description() {
            return "multiplies the learning rate by gamma every epoch: lr * gamma^epoch";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("gamma", "factor applied each epoch")
                    .defaultValue(0.95)
                    .above(0));
        }

        @Override
        public Schedule create(Options options) {
            return new ExponentialSchedule(options.number("gamma"));
        }
    }
}
