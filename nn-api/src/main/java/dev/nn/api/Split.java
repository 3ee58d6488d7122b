package dev.nn.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A dataset cut into training, validation (may be null) and test (may be null) parts, with the
 * preprocessing fitted so far.
 *
 * <p>Preprocessing is fitted on the training part only and applied to all parts:
 * <pre>{@code Split split = digits.split(0.2, 42).standardize();}</pre>
 * A raw table ({@link Dataset#table()}) is encoded first, and regression targets may be scaled
 * for training (the parts keep them in their own units; the network scales them for its loss):
 * <pre>{@code Split split = houses.split(0.2, 42).encodeTable().standardize().standardizeTargets();}</pre>
 * Fitted steps leave a table's indicator features (one-hot and boolean) as they are, so they stay 0/1.
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
        return then(fitted(step.fit(train.features())));
    }

    /**
     * {@code step} as fitted, but leaving the table's indicator features (one-hot, boolean) as they are.
     */
    private FeatureTransform fitted(FeatureTransform step) {
        return preprocessing.hasTable()
                        && step.features() == preprocessing.table().width()
                ? step.leaving(preprocessing.table().indicators())
                : step;
    }

    /**
     * {@return this split with {@code step} fitted on the training part and applied to every part's
     * features in place (as {@link #thenInPlace(FeatureTransform)}), and recorded} A table's
     * indicator features are left as they are.
     *
     * @param step a configured preprocessing step
     * @since SPI 1.4
     */
    public Split thenInPlace(Preprocessor step) {
        return thenInPlace(fitted(step.fit(train.features())));
    }

    /**
     * {@return this split with its raw table encoded: a {@link TableEncoding} fitted on the training
     * part (the default texts for "missing" recorded) and applied to every part; this split as it is
     * when the training part is not a raw table}
     *
     * @throws ConfigException as {@link TableEncoding#fit} and {@link TableEncoding#apply} do
     * @since SPI 1.4
     */
    public Split encodeTable() {
        return encodeTable(TableColumn.DEFAULT_MISSING_VALUES);
    }

    /**
     * {@return this split with its raw table encoded by a {@link TableEncoding} fitted on the training
     * part; this split as it is when the training part is not a raw table}
     *
     * @param missingValues the texts that meant "missing" when the table was read, recorded for prediction
     * @throws ConfigException as {@link TableEncoding#fit} and {@link TableEncoding#apply} do
     * @since SPI 1.4
     */
    public Split encodeTable(Collection<String> missingValues) {
        if (train.table().isEmpty()) {
            return this;
        }
        return then(TableEncoding.fit(train, missingValues));
    }

    /**
     * {@return this split with a fitted table encoding applied to every part (new datasets) and recorded}
     *
     * @param encoding the fitted encoding
     * @throws IllegalStateException when this split has a table encoding or feature steps already
     * @since SPI 1.4
     */
    public Split then(TableEncoding encoding) {
        if (preprocessing.hasTable() || !preprocessing.isEmpty()) {
            throw new IllegalStateException("a table is encoded before any other preprocessing step");
        }
        Function<Dataset, Dataset> apply = d -> d == null ? null : encoding.apply(d);
        return new Split(
                apply.apply(train), apply.apply(validation), apply.apply(test), preprocessing.withTable(encoding));
    }

    /**
     * {@return this split, not yet preprocessed, with {@code fitted} applied to every part (copies) and
     * recorded}: a saved model's preprocessing put on its data again.
     *
     * @param fitted the preprocessing, fitted before
     * @throws IllegalStateException when this split is preprocessed already
     * @since SPI 1.4
     */
    public Split then(Preprocessing fitted) {
        Split s = this;
        if (fitted.hasTable()) {
            s = s.then(fitted.table());
        } else if (preprocessing.hasTable() || !preprocessing.isEmpty()) {
            throw new IllegalStateException("this split is preprocessed already");
        }
        for (FeatureTransform step : fitted.steps()) {
            s = s.then(step);
        }
        return new Split(s.train, s.validation, s.test, s.preprocessing.withTargetSteps(fitted.targetSteps()));
    }

    /**
     * {@return this split with {@code step} fitted on the training part's regression targets and
     * recorded as target scaling} The parts keep their targets in their own units: a network given
     * this scaling ({@code Network.withTargetScaling}) scales them for its loss, and scales its
     * predictions back.
     *
     * @param step a configured preprocessing step ({@code standardize}, {@code minmax}, {@code scale})
     * @throws IllegalStateException for classification data, which has no targets to scale
     * @since SPI 1.4
     */
    public Split thenTargets(Preprocessor step) {
        if (train.isClassification()) {
            throw new IllegalStateException(
                    train.name() + " is a classification dataset; target scaling is for regression targets");
        }
        return new Split(train, validation, test, preprocessing.thenTargets(step.fit(train.targets())));
    }

    /**
     * {@return this split with the regression targets standardised for training (the training part's
     * mean and standard deviation)}
     *
     * @throws IllegalStateException for classification data
     * @since SPI 1.4
     */
    public Split standardizeTargets() {
        return thenTargets(FeatureTransform::standardize);
    }

    /** {@return number of features per example} */
    public int inputSize() {
        return train.inputSize();
    }

    /**
     * {@return this split with every feature standardised by the training part's mean and standard
     * deviation (a table's indicator features left as they are)}
     */
    public Split standardize() {
        return then(fitted(FeatureTransform.standardize(train.features())));
    }

    /**
     * {@return this split with every feature scaled to [0, 1] by the training part's minimum and
     * maximum (a table's indicator features left as they are)}
     */
    public Split minmax() {
        return then(fitted(FeatureTransform.minmax(train.features())));
    }

    /**
     * {@return this split with every feature multiplied by {@code factor} (1/255 for 8-bit pixels; a
     * table's indicator features left as they are)}
     *
     * @param factor the multiplier
     */
    public Split scale(double factor) {
        return then(fitted(FeatureTransform.scale(inputSize(), factor)));
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
