package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Options;

/** Provides {@code xavier_normal}: Glorot normal, N(0, 2 / (fanIn + fanOut)). */
public final class XavierNormalProvider implements InitializerProvider {

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
        return (values, fanIn, fanOut, random) ->
                RandomFill.normal(values, 0, Math.sqrt(2.0 / (fanIn + fanOut)), random);
    }
}
