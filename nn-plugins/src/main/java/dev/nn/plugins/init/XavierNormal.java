package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import java.util.random.RandomGenerator;

/** Glorot normal, N(0, 2 / (fanIn + fanOut)). */
public final class XavierNormal implements Initializer {

    XavierNormal() {}

    @Override
    public void initialize(Matrix values, int fanIn, int fanOut, RandomGenerator random) {
        RandomFill.normal(values, 0, Math.sqrt(2.0 / (fanIn + fanOut)), random);
    }

    /** The {@code xavier_normal} provider. */
    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "xavier_normal";
        }

        @Override
        public String description() {
            return "Glorot/Xavier normal: N(0, std^2), std = sqrt(2 / (fan_in + fan_out)); for tanh and sigmoid layers";
        }

        @Override
        public Initializer create(Options options) {
            return new XavierNormal();
        }
    }
}
