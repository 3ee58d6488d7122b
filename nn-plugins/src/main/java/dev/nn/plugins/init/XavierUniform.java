package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import java.util.random.RandomGenerator;

/** Glorot uniform, U(-a, a) with a = sqrt(6 / (fanIn + fanOut)). */
public final class XavierUniform implements Initializer {

    XavierUniform() {}

    @Override
    public void initialize(Matrix values, int fanIn, int fanOut, RandomGenerator random) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        RandomFill.uniform(values, -limit, limit, random);
    }

    /** The {@code xavier_uniform} provider. */
    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "xavier_uniform";
        }

        @Override
        public String description() {
            return "Glorot/Xavier uniform: U(-a, a), a = sqrt(6 / (fan_in + fan_out)); for tanh and sigmoid layers";
        }

        @Override
        public Initializer create(Options options) {
            return new XavierUniform();
        }
    }
}
