package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;
import java.util.random.RandomGenerator;

/** Every value the same given number. */
public final class Constant implements Initializer {
    private final float value;

    Constant(float value) {
        this.value = value;
    }

    @Override
    public void initialize(Matrix values, int fanIn, int fanOut, RandomGenerator random) {
        values.fill(value);
    }

    /** The {@code constant} provider. */
    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public String description() {
            return "every value the given number";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("value", "the value of every element").required());
        }

        @Override
        public Initializer create(Options options) {
            return new Constant(options.floatValue("value"));
        }
    }
}
