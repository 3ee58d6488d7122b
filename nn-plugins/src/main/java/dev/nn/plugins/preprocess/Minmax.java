package dev.nn.plugins.preprocess;

import dev.nn.api.FeatureTransform;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import dev.nn.api.Preprocessor;
import dev.nn.api.PreprocessorProvider;

/** Each feature scaled to [0, 1] by the training part's minimum and maximum. */
public final class Minmax implements Preprocessor {

    /** Makes the step; it takes no options. */
    public Minmax() {}

    @Override
    public FeatureTransform fit(Matrix trainFeatures) {
        return FeatureTransform.minmax(trainFeatures);
    }

    /** The {@code minmax} provider. */
    public static final class Provider implements PreprocessorProvider {
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
            return new Minmax();
        }
    }
}
