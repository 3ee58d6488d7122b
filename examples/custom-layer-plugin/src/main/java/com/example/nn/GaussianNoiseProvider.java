package com.example.nn;

import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;

/** {@code gaussian_noise}: adds noise while training, nothing at inference. In YAML: {@code - gaussian_noise: {stddev: 0.1}}. */
public final class GaussianNoiseProvider implements LayerProvider {

    @Override
    public String name() {
        return "gaussian_noise";
    }

    @Override
    public String description() {
        return "adds Gaussian noise of standard deviation stddev while training (a regulariser); identity at inference";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.number("stddev", "standard deviation of the noise").defaultValue(0.1).atLeast(0));
    }

    @Override
    public Layer create(Options options, int inputSize, InitContext init) {
        return new GaussianNoise(inputSize, options.number("stddev"));
    }
}
