package dev.nn.plugins.data;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Images and labels in the MNIST IDX format (MNIST, Fashion-MNIST, EMNIST), raw or gzip-compressed.
 *
 * <p>Features are the raw pixel values 0..255, each image flattened row by row; scale them with a
 * preprocessing step. When both test files are given they become the dataset's fixed test split.
 */
public final class Idx {
    private static final String IMAGES = "images";
    private static final String LABELS = "labels";
    private static final String TEST_IMAGES = "test_images";
    private static final String TEST_LABELS = "test_labels";
    private static final String CLASS_NAMES = "class_names";
    private static final String RESIZE = "resize";
    private static final String LIMIT = "limit";

    static Dataset load(Options options) throws IOException {
        if (options.has(TEST_IMAGES) != options.has(TEST_LABELS)) {
            String missing = options.has(TEST_IMAGES) ? TEST_LABELS : TEST_IMAGES;
            String given = options.has(TEST_IMAGES) ? TEST_IMAGES : TEST_LABELS;
            throw options.error(
                    missing,
                    given + " is given but " + missing + " is not; give both for a fixed test split, or neither");
        }
        List<String> givenNames = options.has(CLASS_NAMES) ? classNames(options) : null;

        Part train = read(options.path(IMAGES), options.path(LABELS));
        Part test = options.has(TEST_IMAGES) ? read(options.path(TEST_IMAGES), options.path(TEST_LABELS)) : null;
        if (test != null && (test.images.rows() != train.images.rows() || test.images.cols() != train.images.cols())) {
            throw new ConfigException(
                    options.path(TEST_IMAGES).toString(),
                    "at byte 8: test images are " + test.images.rows() + "x" + test.images.cols()
                            + " pixels, the training images " + train.images.rows() + "x" + train.images.cols());
        }

        List<String> names = givenNames;
        if (names == null) {
            int classes = Math.max(train.maxLabel(), test == null ? 0 : test.maxLabel()) + 1;
            names = new ArrayList<>();
            for (int k = 0; k < classes; k++) {
                names.add(Integer.toString(k));
            }
        } else {
            train.checkLabels(names);
            if (test != null) {
                test.checkLabels(names);
            }
        }
        int size = options.has(RESIZE) ? options.integer(RESIZE) : 0;
        int most = Math.max(train.images.count(), test == null ? 0 : test.images.count());
        BigInteger values = BigInteger.valueOf(size).pow(2).multiply(BigInteger.valueOf(most));
        if (values.compareTo(BigInteger.valueOf(Matrix.MAX_SIZE)) > 0) {
            throw options.error(
                    RESIZE,
                    most + " images of " + size + "x" + size + " pixels are " + values
                            + " values, more than one matrix can hold (" + Matrix.MAX_SIZE
                            + "); choose a smaller size");
        }
        Dataset dataset = train.dataset(names, size);
        if (options.has(LIMIT) && options.integer(LIMIT) < dataset.size()) {
            int[] first = new int[options.integer(LIMIT)];
            java.util.Arrays.setAll(first, i -> i);
            dataset = dataset.subset(first);
        }
        return test == null ? dataset : dataset.withTest(test.dataset(names, size));
    }

    private static List<String> classNames(Options options) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : options.string(CLASS_NAMES).split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                throw options.error(
                        CLASS_NAMES, "has an empty class name; give names separated by commas, such as \"cat,dog\"");
            }
            if (!seen.add(name)) {
                throw options.error(CLASS_NAMES, "names class '" + name + "' twice; each class needs its own name");
            }
            names.add(name);
        }
        return names;
    }

    private static Part read(Path imagesFile, Path labelsFile) throws IOException {
        IdxFile.Images images = IdxFile.readImages(imagesFile);
        byte[] labels = IdxFile.readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new ConfigException(
                    labelsFile.toString(),
                    "at byte 4: the header announces " + labels.length
                            + " labels, but " + imagesFile + " has " + images.count()
                            + " images; give the labels file that belongs"
                            + " to the images");
        }
        return new Part(imagesFile, labelsFile, images, labels);
    }

    /** One pair of images and labels files, as read. */
    private record Part(Path imagesFile, Path labelsFile, IdxFile.Images images, byte[] labels) {

        int maxLabel() {
            int max = 0;
            for (byte label : labels) {
                max = Math.max(max, label & 0xff);
            }
            return max;
        }

        void checkLabels(List<String> names) {
            for (int i = 0; i < labels.length; i++) {
                int label = labels[i] & 0xff;
                if (label >= names.size()) {
                    throw new ConfigException(
                            labelsFile.toString(),
                            "at byte " + IdxFile.labelOffset(i) + ": label "
                                    + label + " of example " + i
                                    + " is not below the number of classes, " + names.size()
                                    + " (class_names: " + String.join(",", names) + "); give a name for every label");
                }
            }
        }

        /** The dataset, with images resampled to {@code size x size} unless {@code size} is 0. */
        Dataset dataset(List<String> names, int size) {
            byte[] pixels = images.pixels();
            float[] features = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                features[i] = pixels[i] & 0xff;
            }
            int[] y = new int[labels.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels[i] & 0xff;
            }
            Matrix x = Matrix.wrap(images.count(), images.rows() * images.cols(), features);
            if (size > 0 && (size != images.rows() || size != images.cols())) {
                x = resample(x, images.rows(), images.cols(), size);
            }
            return Dataset.classification(datasetName(imagesFile), x, y, names);
        }

        /** Area-averaging resampling: each new pixel is the mean of the source area it covers. */
        private static Matrix resample(Matrix x, int rows, int cols, int size) {
            float[][] wy = areaWeights(rows, size);
            float[][] wx = areaWeights(cols, size);
            Matrix out = new Matrix(x.rows(), size * size);
            float[] src = x.data();
            float[] dst = out.data();
            float[] tmp = new float[size * cols];
            for (int n = 0; n < x.rows(); n++) {
                int base = n * rows * cols;
                java.util.Arrays.fill(tmp, 0f);
                for (int ty = 0; ty < size; ty++) {
                    for (int sy = 0; sy < rows; sy++) {
                        float w = wy[ty][sy];
                        if (w != 0f) {
                            for (int sx = 0; sx < cols; sx++) {
                                tmp[ty * cols + sx] += w * src[base + sy * cols + sx];
                            }
                        }
                    }
                }
                for (int ty = 0; ty < size; ty++) {
                    for (int tx = 0; tx < size; tx++) {
                        float sum = 0f;
                        for (int sx = 0; sx < cols; sx++) {
                            sum += wx[tx][sx] * tmp[ty * cols + sx];
                        }
                        dst[n * size * size + ty * size + tx] = sum;
                    }
                }
            }
            return out;
        }

        /** w[t][s]: the share of target cell t covered by source cell s (each row sums to 1). */
        private static float[][] areaWeights(int source, int target) {
            float[][] w = new float[target][source];
            double scale = (double) source / target;
            for (int t = 0; t < target; t++) {
                double from = t * scale;
                double to = (t + 1) * scale;
                for (int s = (int) Math.floor(from); s < Math.min(source, (int) Math.ceil(to)); s++) {
                    double overlap = Math.min(to, s + 1) - Math.max(from, s);
                    w[t][s] = (float) (overlap / scale);
                }
            }
            return w;
        }

        private static String datasetName(Path file) {
            String name = file.getFileName().toString();
            return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        }
    }

    private Idx() {}

    /** The {@code idx} provider. */
    public static final class Provider implements DatasetProvider {
        @Override
        public String name() {
            return "idx";
        }

        @Override
        public String description() {
            return "images and labels in the MNIST IDX format (raw or .gz), with an optional fixed test split";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.path(IMAGES, "IDX images file (magic 0x00000803), such as train-images-idx3-ubyte.gz")
                            .required(),
                    OptionSpec.path(LABELS, "IDX labels file (magic 0x00000801), such as train-labels-idx1-ubyte.gz")
                            .required(),
                    OptionSpec.path(TEST_IMAGES, "IDX images file of the fixed test split; needs test_labels"),
                    OptionSpec.path(TEST_LABELS, "IDX labels file of the fixed test split; needs test_images"),
                    OptionSpec.string(
                            CLASS_NAMES, "class names by label, comma-separated; default \"0\" to the largest label"),
                    OptionSpec.integer(
                                    RESIZE,
                                    "resample every image to resize x resize pixels (area averaging), "
                                            + "such as 20 for 400 features")
                            .atLeast(1),
                    OptionSpec.integer(
                                    LIMIT, "use only the first limit training examples (the test split is kept whole)")
                            .atLeast(1));
        }

        @Override
        public Dataset load(Options options) throws IOException {
            return Idx.load(options);
        }
    }
}
