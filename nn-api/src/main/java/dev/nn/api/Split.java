package dev.nn.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A dataset cut into training, validation (may be null) and test (may be null) parts, with the
 * preprocessing fitted so far.
 *
 * <p>Preprocessing is fitted on the training part only and applied to all parts:
 * <pre>{@code Split split = digits.split(0.2, 42).standardize();}</pre>
 *
 * @param transforms the fitted preprocessing steps, in order; apply them to new inputs with {@link #preprocess}
 */
public record Split(Dataset train, Dataset validation, Dataset test, List<FeatureTransform> transforms) {

    public Split {
        transforms = List.copyOf(transforms);
    }

    /** Number of features per example. */
    public int inputSize() {
        return train.inputSize();
    }

    /** Standardises every feature with the training part's mean and standard deviation. */
    public Split standardize() {
        return then(FeatureTransform.standardize(train.features()));
    }

    /** Scales every feature to [0, 1] by the training part's minimum and maximum. */
    public Split minmax() {
        return then(FeatureTransform.minmax(train.features()));
    }

    /** Multiplies every feature by {@code factor} (1/255 for 8-bit pixels). */
    public Split scale(double factor) {
        return then(FeatureTransform.scale(inputSize(), factor));
    }

    /** Applies {@code transform} to every part and records it. */
    public Split then(FeatureTransform transform) {
        Function<Dataset, Dataset> apply = d -> d == null ? null : d.withFeatures(transform.apply(d.features()));
        List<FeatureTransform> all = new ArrayList<>(transforms);
        all.add(transform);
        return new Split(apply.apply(train), apply.apply(validation), apply.apply(test), all);
    }

    /** New raw inputs preprocessed the way the training data was (a copy). */
    public Matrix preprocess(Matrix raw) {
        Matrix x = raw.copy();
        for (FeatureTransform t : transforms) {
            t.applyInPlace(x);
        }
        return x;
    }
}
