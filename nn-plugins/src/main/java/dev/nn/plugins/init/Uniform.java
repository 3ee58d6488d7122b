package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;
import java.util.random.RandomGenerator;

/** U(low, high) with fixed bounds. */
public final class Uniform implements Initializer {
    private final double low;
    private final double high;

    Uniform(double low, double high) {
        this.low = low;
        this.high = high;
    }

    @Override
    public void initialize(Matrix values, int fanIn, int fanOut, RandomGenerator random) {
        RandomFill.uniform(values, low, high, random);
    }

    /** The {@code uniform} provider. */
    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "uniform";
        }

        @Override
        public String description() {
            return "uniform distribution U(low, high) with fixed bounds";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("low", "smallest value").defaultValue(-0.05),
                    OptionSpec.number("high", "largest value (must be greater than low)")
                            .defaultValue(0.05));
        }

        @Override
        public Initializer create(Options options) {
            double low = options.number("low");
            double high = options.number("high");
            if (!(high > low)) {
                throw options.error("high", "high (" + high + ") must be greater than low (" + low + ")");
            }
            return new Uniform(low, high);
        }
    }
}
