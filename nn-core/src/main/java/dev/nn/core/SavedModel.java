package dev.nn.core;

import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.core.io.ModelArchive;
import dev.nn.core.io.ModelInfo;
import java.util.Map;
import java.util.Objects;

/**
 * A network loaded from a model file, with what it needs to answer for raw inputs: the
 * preprocessing fitted at training time (a table's encoding, the feature steps, the scaling of
 * regression targets), which {@code info} records and {@code network} applies in
 * {@link Network#predict} (one value: the record puts {@code info}'s on the network).
 *
 * <p>Safe to share between threads: every prediction works in its own buffers, with no lock.
 *
 * @param formatVersion the version of the model file format it was read from
 */
public record SavedModel(Network network, ModelInfo info, int formatVersion) {

    /**
     * Checks that there is a network and its information, and gives the network the preprocessing
     * {@code info} records.
     *
     * @param network       the network; its own preprocessing, if any, is replaced by {@code info}'s
     * @param info          how it was made
     * @param formatVersion the version of the model file format it was read from
     */
    public SavedModel {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(info, "info");
        network = network.withPreprocessing(info.preprocessing());
    }

    /**
     * A model in the format this nn writes.
     *
     * @param network the network
     * @param info    how it was made
     */
    public SavedModel(Network network, ModelInfo info) {
        this(network, info, ModelArchive.FORMAT_VERSION);
    }

    /**
     * {@return a copy of {@code raw} (one row per example) preprocessed the way the training data was}
     *
     * @param raw raw inputs, one row per example
     */
    public Matrix preprocess(Matrix raw) {
        if (raw.cols() != network.inputSize()) {
            throw new IllegalArgumentException(
                    "the model takes " + network.inputSize() + " features per example, got " + raw.cols());
        }
        Matrix x = raw.copy();
        network.preprocessing().applyInPlace(x);
        return x;
    }

    /**
     * {@return {@code raw} as the network's layers take it (a copy): a raw table encoded, then the feature steps}
     *
     * @param raw examples as loaded (a raw table for a model of a table)
     * @throws IllegalArgumentException when they do not fit the model
     * @since SPI 1.4
     */
    public Dataset preprocess(Dataset raw) {
        if (!network.preprocessing().hasTable()) {
            return raw.withFeatures(preprocess(raw.features()));
        }
        return network.preprocessing().apply(raw);
    }

    /**
     * {@return the outputs for one raw row of a table, by column name, as {@link Network#predict(Map)} gives them}
     *
     * @param row the row's values by column name (Strings, Numbers, Booleans; null for missing)
     * @throws IllegalStateException    when the model was not trained on a table
     * @throws IllegalArgumentException naming the column whose value is missing or does not fit
     * @since SPI 1.4
     */
    public float[] predict(Map<String, ?> row) {
        return network.predict(row);
    }

    /**
     * {@return the network's predictions for raw inputs: probabilities for a classifier, values for regression}
     *
     * @param raw raw inputs, one row per example
     */
    public Matrix predict(Matrix raw) {
        return network.predict(raw);
    }

    /**
     * {@return the predicted class index of each raw input row; look names up in {@code info().classNames()}}
     *
     * @param raw raw inputs, one row per example
     */
    public int[] predictClasses(Matrix raw) {
        return network.predictClasses(raw);
    }
}
