package dev.nn.plugins.schedule;

import dev.nn.api.Options;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;

/** Provides the {@code constant} schedule: the optimizer's learning rate, unchanged, every epoch. */
public final class ConstantScheduleProvider implements ScheduleProvider {

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
        return (epoch, epochs, baseRate) -> baseRate;
    }
}
