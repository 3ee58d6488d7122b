package dev.nn.api;

import java.io.IOException;

/**
 * Loads or generates a {@link Dataset}.
 *
 * <p>Paths among the options arrive resolved (relative to the config's folder). A provider that
 * declares an integer option named {@code seed} receives the pipeline's seed there unless the
 * user gave one, so generated data follows the run's seed. A malformed file is a
 * {@link ConfigException} naming the file (and line or byte offset).
 *
 * <p>Each load hands out arrays the caller owns: a provider that caches what it read hands out
 * copies. A pipeline preprocesses the features in place (see {@link Split#thenInPlace}).
 */
public interface DatasetProvider extends Provider {
    /**
     * Loads (or generates) the dataset.
     *
     * @param options this provider's options, already checked
     * @return the dataset
     * @throws IOException if a file cannot be read
     */
    Dataset load(Options options) throws IOException;
}
