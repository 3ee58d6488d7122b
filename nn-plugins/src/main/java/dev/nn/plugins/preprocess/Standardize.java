package dev.nn.plugins.preprocess;

import dev.nn.api.FeatureTransform;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import dev.nn.api.Preprocessor;
import dev.nn.api.PreprocessorProvider;

/** Zero mean and unit variance per feature, by the training part's mean and (population) standard deviation. */
public final class Standardize implements Preprocessor {

    /** Makes the step; it takes no options. */
    public Standardize() {}

    @Override
    public FeatureTransform fit(Matrix trainFeatures) {
        return FeatureTransform.standardize(trainFeatures);
    }

    /** The {@code standardize} provider. */
    public static final class Provider implements PreprocessorProvider {
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
            return new Standardize();
        }
    }
}
