package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import java.util.random.RandomGenerator;

/** He/Kaiming uniform, U(-a, a) with a = sqrt(6 / fanIn). */
public final class HeUniform implements Initializer {

    HeUniform() {}

    @Override
    public void initialize(Matrix values, int fanIn, int fanOut, RandomGenerator random) {
        double limit = Math.sqrt(6.0 / fanIn);
        RandomFill.uniform(values, -limit, limit, random);
    }

    /** The {@code he_uniform} provider. */
    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "he_uniform";
        }

        @Override
        public String description() {
            return "He/Kaiming uniform: U(-a, a), a = sqrt(6 / fan_in); for ReLU layers";
        }

        @Override
        public Initializer create(Options options) {
            return new HeUniform();
        }
    }
}
