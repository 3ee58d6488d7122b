package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;
import java.util.random.RandomGenerator;

/** N(mean, std²) with a fixed standard deviation. */
public final class Normal implements Initializer {
    private final double mean;
    private final double std;

    Normal(double mean, double std) {
        this.mean = mean;
        this.std = std;
    }

    @Override
    public void initialize(Matrix values, int fanIn, int fanOut, RandomGenerator random) {
        RandomFill.normal(values, mean, std, random);
    }

    /** The {@code normal} provider. */
    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "normal";
        }

        @Override
        public String description() {
            return "normal distribution N(mean, std^2) with a fixed standard deviation";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("mean", "mean of the distribution").defaultValue(0.0),
                    OptionSpec.number("std", "standard deviation of the distribution")
                            .defaultValue(0.01)
                            .atLeast(0));
        }

        @Override
        public Initializer create(Options options) {
            return new Normal(options.number("mean"), options.number("std"));
        }
    }
}
