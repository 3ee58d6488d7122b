package dev.nn.plugins.schedule;

import dev.nn.api.Options;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;

/** The optimizer's learning rate, unchanged, every epoch. */
public final class ConstantSchedule implements Schedule {

    ConstantSchedule() {}

    @Override
    public double learningRate(int epoch, int epochs, double baseRate) {
        return baseRate;
    }

    /** The {@code constant} provider. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public String description() {
            return "the optimizer's learning rate, unchanged, every epoch";
        }

        @Override
        public Schedule create(Options options) {
            return new ConstantSchedule();
        }
    }
}
