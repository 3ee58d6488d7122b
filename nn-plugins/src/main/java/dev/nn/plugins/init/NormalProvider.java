package dev.nn.plugins.init;

import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;

/** Provides {@code normal}: N(mean, std²) with a fixed standard deviation. */
public final class NormalProvider implements InitializerProvider {

    @Override
    public String name() {
        return "normal";
    }

    @Override
    public String description() {
        return "normal distribution N(mean, std^2) with a fixed standard deviation";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.number("mean", "mean of the distribution").defaultValue(0.0),
                OptionSpec.number("std", "standard deviation of the distribution").defaultValue(0.01).atLeast(0));
    }

    @Override
    public Initializer create(Options options) {
        double mean = options.number("mean");
        double std = options.number("std");
        return (values, fanIn, fanOut, random) -> RandomFill.normal(values, mean, std, random);
    }
}
