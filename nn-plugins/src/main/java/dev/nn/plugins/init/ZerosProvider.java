package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Options;

/** Provides {@code zeros}: every value 0 (the usual bias initializer). */
public final class ZerosProvider implements InitializerProvider {

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
        return (values, fanIn, fanOut, random) -> values.zero();
    }
}
