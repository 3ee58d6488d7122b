/**
 * The built-in datasets: the bundled {@code digits} and tables ({@code iris}, {@code wine},
 * {@code breast_cancer}, {@code diabetes}, {@code linnerud}; see {@link dev.nn.plugins.data.Tables}), the generated {@code moons}, {@code circles}
 * and {@code blobs} (scikit-learn's definitions, seeded), and readers for MNIST-format
 * {@code idx} files and {@code csv} files. Each is a {@link dev.nn.api.DatasetProvider} listed in
 * {@code META-INF/services}; from Java, {@link dev.nn.plugins.Datasets} is the short way in.
 */
package dev.nn.plugins.data;
