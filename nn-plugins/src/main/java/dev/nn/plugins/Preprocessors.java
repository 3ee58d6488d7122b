package dev.nn.plugins;

import dev.nn.api.Preprocessor;
import dev.nn.plugins.preprocess.Minmax;
import dev.nn.plugins.preprocess.Scale;
import dev.nn.plugins.preprocess.Standardize;

/**
 * The built-in preprocessing steps for the Java builder ({@code split.then(standardize())}), the
 * same steps the names under {@code data.preprocess} in YAML make. Each is fitted on the training
 * part only.
 */
public final class Preprocessors {
    private Preprocessors() {}

    /** {@return zero mean and unit variance per feature, by the training part's mean and standard deviation} */
    public static Preprocessor standardize() {
        return new Standardize();
    }

    /** {@return each feature scaled to [0, 1] by the training part's minimum and maximum} */
    public static Preprocessor minmax() {
        return new Minmax();
    }

    /**
     * {@return every feature multiplied by {@code factor}}
     *
     * @param factor what every feature is multiplied by, above 0 (1/255 for 8-bit pixels)
     * @throws IllegalArgumentException if {@code factor} is not above 0 and finite
     */
    public static Preprocessor scale(double factor) {
        return new Scale(factor);
    }
}
