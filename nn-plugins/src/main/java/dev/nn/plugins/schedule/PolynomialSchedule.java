package dev.nn.plugins.schedule;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;
import java.util.List;

/**
 * The learning rate decayed by a polynomial over the planned epochs, as PyTorch's
 * {@code PolynomialLR} with {@code total_iters} the number of epochs: {@code lr * (1 - epoch /
 * epochs)^power}, so the last epoch runs at {@code lr * (1 / epochs)^power}.
 */
public final class PolynomialSchedule implements Schedule {
    private final double power;

    PolynomialSchedule(double power) {
        this.power = power;
    }

    @Override
    public double learningRate(int epoch, int epochs, double baseRate) {
        // PyTorch's _get_closed_form_lr, in its order of operations.
        return baseRate * Math.pow(1.0 - (double) Math.min(epochs, epoch) / epochs, power);
    }

    /** The {@code polynomial} provider. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "polynomial";
        }

        @Override
        public String description() {
            return "PyTorch's PolynomialLR over the planned epochs: lr * (1 - epoch / epochs)^power";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("power", "the power of the decay; 1 is linear")
                    .defaultValue(1.0)
                    .above(0));
        }

        @Override
        public Schedule create(Options options) {
            return new PolynomialSchedule(options.number("power"));
        }
    }
}
