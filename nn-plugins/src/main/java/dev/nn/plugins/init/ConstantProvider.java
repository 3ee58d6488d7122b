package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;

/** Provides {@code constant}: every value the same given number. */
public final class ConstantProvider implements InitializerProvider {

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
        return List.of(OptionSpec.number("value", "the value of every element").required());
    }

    @Override
    public Initializer create(Options options) {
        float value = options.floatValue("value");
        return (values, fanIn, fanOut, random) -> values.fill(value);
    }
}
