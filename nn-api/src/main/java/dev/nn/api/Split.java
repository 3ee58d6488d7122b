package dev.nn.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A dataset cut into training, validation (may be null) and test (may be null) parts, with the
 * preprocessing fitted so far.
 *
 * <p>Preprocessing is fitted on the training part only and applied to all parts:
 * <pre>{@code Split split = digits.split(0.2, 42).standardize();}</pre>
 *
 * @param train         the training part
 * @param validation    the validation part, or null
 * @param test          the test part, or null
 * @param preprocessing the fitted preprocessing, in order; apply it to new inputs with {@link #preprocess}
 */
public record Split(Dataset train, Dataset validation, Dataset test, Preprocessing preprocessing) {

    /**
     * Checks that there is a training part and a preprocessing value.
     *
     * @param train         the training part
     * @param validation    the validation part, or null
     * @param test          the test part, or null
     * @param preprocessing the fitted preprocessing, in order
     */
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(preprocessing, "preprocessing");
    }

    /**
     * {@return this split with {@code step} fitted on the training part and applied to every part (copies)}
     *
     * @param step a configured preprocessing step, such as a {@link PreprocessorProvider}'s
     */
    public Split then(Preprocessor step) {
        return then(step.fit(train.features()));
    }

    /** {@return number of features per example} */
    public int inputSize() {
        return train.inputSize();
    }

    /** {@return this split with every feature standardised by the training part's mean and standard deviation} */
    public Split standardize() {
        return then(FeatureTransform.standardize(train.features()));
    }

    /** {@return this split with every feature scaled to [0, 1] by the training part's minimum and maximum} */
    public Split minmax() {
        return then(FeatureTransform.minmax(train.features()));
    }

    /**
     * {@return this split with every feature multiplied by {@code factor} (1/255 for 8-bit pixels)}
     *
     * @param factor the multiplier
     */
    public Split scale(double factor) {
        return then(FeatureTransform.scale(inputSize(), factor));
    }

    /**
     * {@return this split with {@code transform} applied to every part and recorded}
     *
     * @param transform the transform
     */
    public Split then(FeatureTransform transform) {
        Function<Dataset, Dataset> apply = d -> d == null ? null : d.withFeatures(transform.apply(d.features()));
        return new Split(apply.apply(train), apply.apply(validation), apply.apply(test), preprocessing.then(transform));
    }

    /**
     * {@return this split with {@code transform} applied to every part's features in place, and recorded}
     *
     * <p>For data the caller owns alone, such as what a pipeline has just loaded: it saves a copy
     * of every feature matrix (188 MB for Fashion-MNIST's training images), but changes the
     * matrices of this split's datasets, and of any dataset sharing them. A matrix two parts share
     * is transformed once.
     *
     * @param transform the transform
     * @since SPI 1.2
     */
    public Split thenInPlace(FeatureTransform transform) {
        List<float[]> done = new ArrayList<>();
        for (Dataset part : new Dataset[] {train, validation, test}) {
            if (part != null
                    && done.stream().noneMatch(d -> d == part.features().data())) {
                transform.applyInPlace(part.features());
                done.add(part.features().data());
            }
        }
        return new Split(train, validation, test, preprocessing.then(transform));
    }

    /**
     * {@return new raw inputs preprocessed the way the training data was (a copy)}
     *
     * @param raw the inputs, one row per example
     */
    public Matrix preprocess(Matrix raw) {
        Matrix x = raw.copy();
        preprocessing.applyInPlace(x);
        return x;
    }
}
