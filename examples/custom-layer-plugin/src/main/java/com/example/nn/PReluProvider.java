package com.example.nn;

import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;

/**
 * {@code prelu}: a ReLU whose slope for negative inputs is learnt, one slope per feature
 * (He et al., 2015). In YAML: {@code - prelu} or {@code - prelu: {init: 0.1}}.
 */
public final class PReluProvider implements LayerProvider {

    @Override
    public String name() {
        return "prelu";
    }

    @Override
    public String description() {
        return "parametric ReLU: x if x > 0 else a * x, with a trainable slope a per feature";
    }

    @Override
    public List<OptionSpec> options() {
        // Declared options are checked by nn before create() runs: type, range, unknown keys.
        return List.of(OptionSpec.number("init", "the slope every feature starts with").defaultValue(0.25)
                .atLeast(-1).atMost(1));
    }

    @Override
    public Layer create(Options options, int inputSize, InitContext init) {
        return new PRelu(inputSize, options.floatValue("init"));
    }
}
