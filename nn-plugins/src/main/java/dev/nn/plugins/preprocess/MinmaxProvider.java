package dev.nn.plugins.preprocess;

import dev.nn.api.Options;
import dev.nn.api.Preprocessor;
import dev.nn.api.PreprocessorProvider;
import dev.nn.plugins.Preprocessors;

/** Provides {@code minmax}: each feature scaled to [0, 1] by the training part's minimum and maximum. */
public final class MinmaxProvider implements PreprocessorProvider {

    @Override
    public String name() {
        return "minmax";
    }

    @Override
    public String description() {
        return "each feature scaled to [0, 1] by the training part's minimum and maximum";
    }

    @Override
    public Preprocessor create(Options options) {
        return Preprocessors.minmax();
    }
}
