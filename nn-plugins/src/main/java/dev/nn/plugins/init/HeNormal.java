package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import java.util.random.RandomGenerator;

/** He/Kaiming normal, N(0, 2 / fanIn). */
public final class HeNormal implements Initializer {

    HeNormal() {}

    @Override
    public void initialize(Matrix values, int fanIn, int fanOut, RandomGenerator random) {
        RandomFill.normal(values, 0, Math.sqrt(2.0 / fanIn), random);
    }

    /** The {@code he_normal} provider. */
    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "he_normal";
        }

        @Override
        public String description() {
            return "He/Kaiming normal: N(0, std^2), std = sqrt(2 / fan_in); for ReLU layers";
        }

        @Override
        public Initializer create(Options options) {
            return new HeNormal();
        }
    }
}
