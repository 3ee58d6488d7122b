package dev.nn.plugins;

import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.plugins.data.BlobsProvider;
import dev.nn.plugins.data.CirclesProvider;
import dev.nn.plugins.data.CsvProvider;
import dev.nn.plugins.data.DigitsProvider;
import dev.nn.plugins.data.IdxProvider;
import dev.nn.plugins.data.MoonsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The built-in datasets for Java code: {@code Datasets.digits()}, {@code Datasets.moons(1000, 0.1, 42)}
 * and so on, the same data the YAML names {@code digits}, {@code moons}, ... load.
 *
 * <p>A malformed file throws {@link dev.nn.api.ConfigException} naming the file and line; an I/O
 * failure throws {@link UncheckedIOException}; an argument out of range throws
 * {@link IllegalArgumentException}.
 */
public final class Datasets {

    private Datasets() {
    }

    /** The bundled 8x8 handwritten digits: 1797 examples, 64 pixel counts in 0..16, classes "0" to "9". */
    public static Dataset digits() {
        return load(new DigitsProvider(), Map.of());
    }

    /** Two interleaving half circles (scikit-learn's {@code make_moons}); {@code noise} is the Gaussian standard deviation. */
    public static Dataset moons(int samples, double noise, long seed) {
        return load(new MoonsProvider(), Map.of("samples", samples, "noise", noise, "seed", seed));
    }

    /** A small circle of radius {@code factor} inside the unit circle (scikit-learn's {@code make_circles}). */
    public static Dataset circles(int samples, double noise, double factor, long seed) {
        return load(new CirclesProvider(), Map.of("samples", samples, "noise", noise, "factor", factor, "seed", seed));
    }

    /** Gaussian clusters, one class each, with centers drawn in (-10, 10) (scikit-learn's {@code make_blobs}). */
    public static Dataset blobs(int samples, int centers, int features, double std, long seed) {
        return load(new BlobsProvider(),
                Map.of("samples", samples, "centers", centers, "features", features, "std", std, "seed", seed));
    }

    /** MNIST-format images and labels files (raw or gzip); features are pixel values 0..255. */
    public static Dataset idx(Path images, Path labels) {
        return load(new IdxProvider(), Map.of("images", Objects.requireNonNull(images, "images"),
                "labels", Objects.requireNonNull(labels, "labels")));
    }

    /** MNIST-format training files plus the test files that become the dataset's fixed test split. */
    public static Dataset idx(Path images, Path labels, Path testImages, Path testLabels) {
        return load(new IdxProvider(), Map.of("images", Objects.requireNonNull(images, "images"),
                "labels", Objects.requireNonNull(labels, "labels"),
                "test_images", Objects.requireNonNull(testImages, "testImages"),
                "test_labels", Objects.requireNonNull(testLabels, "testLabels")));
    }

    /** A CSV file of numeric features with the class label in the last column; a header row is detected. */
    public static Dataset csv(Path path) {
        return load(new CsvProvider(), Map.of("path", Objects.requireNonNull(path, "path"),
                "label", "last", "header", "auto", "delimiter", ","));
    }

    private static Dataset load(DatasetProvider provider, Map<String, Object> values) {
        checkRanges(provider, values);
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (OptionSpec spec : provider.options()) {
            if (values.containsKey(spec.name())) {
                ordered.put(spec.name(), values.get(spec.name()));
            }
        }
        try {
            return provider.load(Options.of(ordered));
        } catch (IOException e) {
            throw new UncheckedIOException(provider.name() + ": " + e.getMessage(), e);
        }
    }

    /** The registry checks ranges for YAML; these factories bypass it, so they check them here. */
    private static void checkRanges(DatasetProvider provider, Map<String, Object> values) {
        for (OptionSpec spec : provider.options()) {
            if (values.get(spec.name()) instanceof Number number) {
                double v = number.doubleValue();
                boolean tooLow = spec.min() != null && (spec.minExclusive() ? v <= spec.min() : v < spec.min());
                boolean tooHigh = spec.max() != null && (spec.maxExclusive() ? v >= spec.max() : v > spec.max());
                if (tooLow || tooHigh || Double.isNaN(v)) {
                    throw new IllegalArgumentException(provider.name() + ": " + spec.name() + " must be in "
                            + spec.rangeText() + ", got " + number);
                }
            }
        }
    }
}
