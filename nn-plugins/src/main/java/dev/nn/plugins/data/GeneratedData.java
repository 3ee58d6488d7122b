package dev.nn.plugins.data;

import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** What the generated datasets share: the seed option, shuffling, noise and building the dataset. */
final class GeneratedData {

    static final String SEED = "seed";

    private GeneratedData() {}

    static OptionSpec seedOption() {
        return OptionSpec.integer(SEED, "random seed; the pipeline's seed when not given");
    }

    /** The seed option, or 0 when absent; read as a long so that seeds from the Java factories keep all their bits. */
    static long seed(Options options) {
        return options.has(SEED) ? ((Number) options.get(SEED)).longValue() : 0L;
    }

    /** Shuffles the rows of {@code x} ({@code cols} wide) and their labels with one permutation. */
    static void shuffle(double[] x, int cols, int[] labels, SplittableRandom random) {
        double[] row = new double[cols];
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int label = labels[i];
            labels[i] = labels[j];
            labels[j] = label;
            System.arraycopy(x, i * cols, row, 0, cols);
            System.arraycopy(x, j * cols, x, i * cols, cols);
            System.arraycopy(row, 0, x, j * cols, cols);
        }
    }

    /** Adds Gaussian noise of standard deviation {@code std} to every value. */
    static void addNoise(double[] x, double std, SplittableRandom random) {
        if (std == 0) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] += std * random.nextGaussian();
        }
    }

    /**
     * Two classes of points in the plane (moons, circles), shuffled and then noised from the seed's
     * stream ({@code noise} is the noise's standard deviation), as scikit-learn draws them.
     */
    static Dataset twoClassesInThePlane(String name, double[] x, int[] labels, Options options) {
        SplittableRandom random = new SplittableRandom(seed(options));
        shuffle(x, 2, labels, random);
        addNoise(x, options.number("noise"), random);
        return dataset(name, x, 2, labels, 2);
    }

    /** A classification dataset with classes named {@code "0"} to {@code "classes-1"}. */
    static Dataset dataset(String name, double[] x, int cols, int[] labels, int classes) {
        float[] data = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            data[i] = (float) x[i];
        }
        List<String> classNames = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            classNames.add(Integer.toString(k));
        }
        return Dataset.classification(name, Matrix.wrap(labels.length, cols, data), labels, classNames);
    }

    /** Value {@code i} of {@code n} evenly spaced from 0 to {@code stop} inclusive, as numpy's {@code linspace}. */
    static double linspace(int i, int n, double stop) {
        return n == 1 ? 0 : stop * i / (n - 1);
    }

    /** Rejects sizes whose feature matrix would not fit in one array, before anything is allocated. */
    static void checkSize(Options options, int samples, int cols) {
        long values = (long) samples * cols;
        if (values > Matrix.MAX_SIZE) {
            throw options.error(
                    "samples",
                    samples + " examples of " + cols + " features are " + values
                            + " values, more than one matrix can hold (" + Matrix.MAX_SIZE
                            + "); ask for fewer samples");
        }
    }
}
