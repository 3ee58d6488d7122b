package dev.nn.plugins.preprocess;

import dev.nn.api.Options;
import dev.nn.api.Preprocessor;
import dev.nn.api.PreprocessorProvider;
import dev.nn.plugins.Preprocessors;

/** Provides {@code standardize}: zero mean and unit variance per feature, fitted on the training part. */
public final class StandardizeProvider implements PreprocessorProvider {

    @Override
    public String name() {
        return "standardize";
    }

    @Override
    public String description() {
        return "zero mean and unit variance per feature, fitted on the training part";
    }

    @Override
    public Preprocessor create(Options options) {
        return Preprocessors.standardize();
    }
}
