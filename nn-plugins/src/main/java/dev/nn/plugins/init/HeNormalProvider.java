package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Options;

/** Provides {@code he_normal}: He/Kaiming normal, N(0, 2 / fanIn). */
public final class HeNormalProvider implements InitializerProvider {

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
        return (values, fanIn, fanOut, random) -> RandomFill.normal(values, 0, Math.sqrt(2.0 / fanIn), random);
    }
}
