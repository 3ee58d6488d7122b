package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import java.util.random.RandomGenerator;

/** Every value 0 (the usual bias initializer). */
public final class Zeros implements Initializer {

    Zeros() {}

    @Override
    public void initialize(Matrix values, int fanIn, int fanOut, RandomGenerator random) {
        values.zero();
    }

    /** The {@code zeros} provider. */
    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "zeros";
        }

        @Override
        public String description() {
            return "every value 0 (the usual bias initializer)";
        }

        @Override
        public Initializer create(Options options) {
            return new Zeros();
        }
    }
}
