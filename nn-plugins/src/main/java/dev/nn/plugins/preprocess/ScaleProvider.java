package dev.nn.plugins.preprocess;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Preprocessor;
import dev.nn.api.PreprocessorProvider;
import dev.nn.plugins.Preprocessors;
import java.util.List;

/** Provides {@code scale}: every feature multiplied by one constant factor, such as 1/255 for 8-bit pixels. */
public final class ScaleProvider implements PreprocessorProvider {

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String description() {
        return "every feature multiplied by a constant factor (1/255 for 8-bit pixels)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.number("factor", "what every feature is multiplied by, such as 0.00392156862745098"
                + " for 1/255").required().above(0));
    }

    @Override
    public Preprocessor create(Options options) {
        return Preprocessors.scale(options.number("factor"));
    }
}
