package dev.nn.plugins;

import dev.nn.api.Dataset;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
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
 * {@link dev.nn.api.ConfigException} naming the option.
 */
public final class Datasets {

    private Datasets() {}

    /** {@return the bundled 8x8 handwritten digits: 1797 examples, 64 pixel counts in 0..16, classes "0" to "9"} */
    public static Dataset digits() {
        return load("digits", Map.of(), 0);
    }

    /**
     * {@return the bundled iris flowers (scikit-learn's {@code load_iris}): 150 examples, 4 named
     * measurements in cm, classes setosa, versicolor and virginica}
     */
    public static Dataset iris() {
        return load("iris", Map.of(), 0);
    }

    /**
     * {@return the bundled wines (scikit-learn's {@code load_wine}): 178 examples, 13 named chemical
     * measurements, classes class_0, class_1 and class_2}
     */
    public static Dataset wine() {
        return load("wine", Map.of(), 0);
    }

    /**
     * {@return the bundled breast tumours (scikit-learn's {@code load_breast_cancer}): 569 examples,
     * 30 named features, classes malignant and benign}
     */
    public static Dataset breastCancer() {
        return load("breast_cancer", Map.of(), 0);
    }

    /**
     * {@return the bundled diabetes patients (scikit-learn's {@code load_diabetes(scaled=False)}):
     * 442 examples, 10 named raw features, one regression target, progression}
     */
    public static Dataset diabetes() {
        return load("diabetes", Map.of(), 0);
    }

    /**
     * {@return the bundled Linnerud exercise data (scikit-learn's {@code load_linnerud}): 20
     * examples, features Chins, Situps and Jumps, three regression targets Weight, Waist and Pulse}
     */
    public static Dataset linnerud() {
        return load("linnerud", Map.of(), 0);
    }

    /**
     * {@return two interleaving half circles (scikit-learn's {@code make_moons}); {@code noise} is the Gaussian standard deviation}
     *
     * @param samples the number of examples
     * @param noise   the standard deviation of the Gaussian noise
     * @param seed    seeds the points and the noise
     */
    public static Dataset moons(int samples, double noise, long seed) {
        return load("moons", Map.of("samples", samples, "noise", noise), seed);
    }

    /**
     * {@return a small circle of radius {@code factor} inside the unit circle (scikit-learn's {@code make_circles})}
     *
     * @param samples the number of examples
     * @param noise   the standard deviation of the Gaussian noise
     * @param factor  the inner circle's radius, in (0, 1)
     * @param seed    seeds the points and the noise
     */
    public static Dataset circles(int samples, double noise, double factor, long seed) {
        return load("circles", Map.of("samples", samples, "noise", noise, "factor", factor), seed);
    }

    /**
     * {@return Gaussian clusters, one class each, with centers drawn in (-10, 10) (scikit-learn's {@code make_blobs})}
     *
     * @param samples  the number of examples
     * @param centers  the number of clusters (classes)
     * @param features the number of features
     * @param std      each cluster's standard deviation
     * @param seed     seeds the centers and the points
     */
    public static Dataset blobs(int samples, int centers, int features, double std, long seed) {
        return load("blobs", Map.of("samples", samples, "centers", centers, "features", features, "std", std), seed);
    }

    /**
     * {@return MNIST-format images and labels files (raw or gzip); features are pixel values 0..255}
     *
     * @param images the images file
     * @param labels the labels file
     */
    public static Dataset idx(Path images, Path labels) {
        return load(
                "idx",
                Map.of(
                        "images",
                        Objects.requireNonNull(images, "images"),
                        "labels",
                        Objects.requireNonNull(labels, "labels")),
                0);
    }

    /**
     * {@return MNIST-format training files plus the test files that become the dataset's fixed test split}
     *
     * @param images     the training images file
     * @param labels     the training labels file
     * @param testImages the test images file
     * @param testLabels the test labels file
     */
    public static Dataset idx(Path images, Path labels, Path testImages, Path testLabels) {
        return load(
                "idx",
                Map.of(
                        "images",
                        Objects.requireNonNull(images, "images"),
                        "labels",
                        Objects.requireNonNull(labels, "labels"),
                        "test_images",
                        Objects.requireNonNull(testImages, "testImages"),
                        "test_labels",
                        Objects.requireNonNull(testLabels, "testLabels")),
                0);
    }

    /**
     * {@return a CSV table with the class label in the last column; a header row is detected}
     *
     * @param path the CSV file
     */
    public static Dataset csv(Path path) {
        return load("csv", Map.of("path", Objects.requireNonNull(path, "path")), 0);
    }

    /**
     * {@return a CSV table read with the {@code csv} dataset's options, as in YAML} For example
     * {@code csv(path, Map.of("target", "price", "drop", List.of("id"), "columns", Map.of("zip",
     * Map.of("type", "category"))))}. The features are a raw table ({@link Dataset#table()}).
     *
     * @param path    the CSV file
     * @param options the other options of {@code csv} (target, task, drop, missing_values, columns, test_path, ...)
     */
    public static Dataset csv(Path path, Map<String, ?> options) {
        Map<String, Object> all = new LinkedHashMap<>(options);
        all.put("path", Objects.requireNonNull(path, "path"));
        return load("csv", all, 0);
    }

    /** Through the registry, as YAML does: the same option checks, defaults and seed rule. */
    private static Dataset load(String name, Map<String, Object> options, long seed) {
        return PluginRegistry.defaultRegistry()
                .dataset(Spec.of(name, options), "", Path.of("").toAbsolutePath(), seed);
    }
}
