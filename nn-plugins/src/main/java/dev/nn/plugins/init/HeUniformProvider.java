package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Options;

/** Provides {@code he_uniform}: He/Kaiming uniform, U(-a, a) with a = sqrt(6 / fanIn). */
public final class HeUniformProvider implements InitializerProvider {

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
        return (values, fanIn, fanOut, random) -> {
            double limit = Math.sqrt(6.0 / fanIn);
            RandomFill.uniform(values, -limit, limit, random);
        };
    }
}
