package dev.nn.plugins.schedule;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;
import java.util.List;

/**
 * Provides the {@code cosine} schedule: the learning rate falls along half a cosine from the base
 * rate at the first epoch towards {@code min_lr} at the end of training.
 */
public final class CosineScheduleProvider implements ScheduleProvider {

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
        return List.of(OptionSpec.number("min_lr", "learning rate reached at the end of training").defaultValue(0.0).atLeast(0));
    }

    @Override
    public Schedule create(Options options) {
        double minRate = options.number("min_lr");
        return (epoch, epochs, baseRate) ->
                minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * epoch / Math.max(1, epochs))) / 2;
    }
}
