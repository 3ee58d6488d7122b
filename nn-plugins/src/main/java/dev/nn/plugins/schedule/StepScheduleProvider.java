package dev.nn.plugins.schedule;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;
import java.util.List;

/** Provides the {@code step} schedule: the learning rate multiplied by {@code gamma} every {@code every} epochs. */
public final class StepScheduleProvider implements ScheduleProvider {

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
                OptionSpec.integer("every", "number of epochs between decays").defaultValue(10).atLeast(1),
                OptionSpec.number("gamma", "factor applied at each decay").defaultValue(0.5).above(0));
    }

    @Override
    public Schedule create(Options options) {
        int every = options.integer("every");
        double gamma = options.number("gamma");
        return (epoch, epochs, baseRate) -> baseRate * Math.pow(gamma, epoch / every);
    }
}
