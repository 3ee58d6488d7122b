package dev.nn.api;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Examples to learn from: a feature matrix (one row per example) with either integer class
 * labels (classification) or target values (regression), the class names, and the source's own
 * test split where it has one (as MNIST does).
 *
 * <p>A dataset read from a table of named columns (numbers, words, empty cells) may be a raw
 * table: {@link #table()} then describes each feature column as read, before anything is fitted
 * (see {@link TableColumn}).
 *
 * <p>Datasets are treated as immutable: methods return new datasets and never change this one.
 */
public final class Dataset {
    private final String name;
    private final Matrix features;
    private final int[] labels;
    private final Matrix targets;
    private final List<String> classNames;
    private final Dataset test;
    /** The features' names (empty when unnamed). */
    private final List<String> featureNames;
    /** The regression targets' names (empty when unnamed, or for classification). */
    private final List<String> targetNames;
    /** One column per feature when the features are a raw table (empty otherwise). */
    private final List<TableColumn> table;

    private Dataset(String name, Matrix features, int[] labels, Matrix targets, List<String> classNames, Dataset test) {
        this(name, features, labels, targets, classNames, test, List.of(), List.of(), List.of());
    }

    private Dataset(
            String name,
            Matrix features,
            int[] labels,
            Matrix targets,
            List<String> classNames,
            Dataset test,
            List<String> featureNames,
            List<String> targetNames,
            List<TableColumn> table) {
        this.name = Objects.requireNonNull(name, "name");
        this.features = Objects.requireNonNull(features, "features");
        this.labels = labels;
        this.targets = targets;
        this.classNames = classNames;
        this.test = test;
        this.featureNames = featureNames;
        this.targetNames = targetNames;
        this.table = table;
    }

    /**
     * A classification dataset. Labels are class indices in {@code [0, classNames.size())}.
     *
     * @throws IllegalArgumentException if there is not one label per row or a label is out of range
     * @param name       the dataset's name, for messages and reports
     * @param features   one row per example
     * @param labels     one class index per example
     * @param classNames the class names, by label
     * @return the dataset
     */
    public static Dataset classification(String name, Matrix features, int[] labels, List<String> classNames) {
        if (labels.length != features.rows()) {
            throw new IllegalArgumentException(
                    name + ": " + features.rows() + " examples but " + labels.length + " labels");
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": a classification dataset needs at least one class");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of example " + i
                        + " is outside the " + classNames.size() + " classes");
            }
        }
        return new Dataset(name, features, labels, null, List.copyOf(classNames), null);
    }

    /**
     * {@return a classification dataset whose classes are named {@code "0"} to {@code "k-1"}, k = max label + 1}
     *
     * @param name     the dataset's name
     * @param features one row per example
     * @param labels   one class index (0 or more) per example
     */
    public static Dataset classification(String name, Matrix features, int[] labels) {
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        List<String> names = new ArrayList<>();
        for (int k = 0; k < Math.max(classes, 1); k++) {
            names.add(Integer.toString(k));
        }
        return classification(name, features, labels, names);
    }

    /**
     * {@return a regression dataset: one row of {@code targets} per example}
     *
     * @param name     the dataset's name
     * @param features one row per example
     * @param targets  one row of target values per example
     */
    public static Dataset regression(String name, Matrix features, Matrix targets) {
        if (targets.rows() != features.rows()) {
            throw new IllegalArgumentException(
                    name + ": " + features.rows() + " examples but " + targets.rows() + " target rows");
        }
        return new Dataset(name, features, null, targets, List.of(), null);
    }

    /**
     * {@return this dataset with a fixed test split, which must have the same features and classes}
     *
     * @param testSet the fixed test examples
     */
    public Dataset withTest(Dataset testSet) {
        if (testSet.inputSize() != inputSize()) {
            throw new IllegalArgumentException(name + ": the test split has " + testSet.inputSize()
                    + " features, the training data " + inputSize());
        }
        if (testSet.isClassification() != isClassification()
                || (isClassification()
                        && !testSet.classNames.equals(classNames)
                        && testSet.numClasses() > numClasses())) {
            throw new IllegalArgumentException(name + ": the test split's classes do not match the training data's");
        }
        Dataset t = isClassification()
                ? classification(testSet.name, testSet.features, testSet.labels, classNames)
                        .withNames(testSet.featureNames, List.of())
                        .withTable(testSet.table)
                : testSet;
        return new Dataset(name, features, labels, targets, classNames, t, featureNames, targetNames, table);
    }

    /**
     * {@return this dataset with another name}
     *
     * @param newName the new name
     */
    public Dataset named(String newName) {
        return new Dataset(newName, features, labels, targets, classNames, test, featureNames, targetNames, table);
    }

    /**
     * {@return this dataset (and its fixed test split) with named features and targets}
     *
     * @param features the name of each feature, in column order, or an empty list for unnamed features
     * @param targets  the name of each regression target, in column order, or an empty list for unnamed ones
     *                 (always empty for classification)
     * @throws IllegalArgumentException if a non-empty list has another length than the columns it names
     * @since SPI 1.4
     */
    public Dataset withNames(List<String> features, List<String> targets) {
        List<String> f = List.copyOf(features);
        List<String> t = List.copyOf(targets);
        if (!f.isEmpty() && f.size() != inputSize()) {
            throw new IllegalArgumentException(
                    name + ": " + f.size() + " feature names for " + inputSize() + " features");
        }
        if (!t.isEmpty() && (isClassification() || t.size() != this.targets.cols())) {
            throw new IllegalArgumentException(name + ": " + t.size() + " target names for "
                    + (isClassification() ? "a classification dataset" : this.targets.cols() + " targets"));
        }
        Dataset namedTest = test == null ? null : test.withNames(f, t);
        return new Dataset(name, this.features, labels, this.targets, classNames, namedTest, f, t, table);
    }

    /**
     * {@return the name of each feature, in column order; empty when the source does not name them}
     *
     * @since SPI 1.4
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * {@return the name of each regression target, in column order; empty when unnamed or for classification}
     *
     * @since SPI 1.4
     */
    public List<String> targetNames() {
        return targetNames;
    }

    /**
     * {@return this dataset (and its fixed test split) as a raw table of {@code columns}, one per feature column}
     *
     * <p>The features must then hold what {@link TableColumn#parse} makes of each cell: a number
     * column's values, a category column's codes (indices into its levels), a boolean column's 0
     * and 1, and {@link Float#NaN} for a missing cell of any type. A fixed test split shares the
     * columns, levels included, so that a code means the same text in both.
     *
     * @param columns one column per feature, in feature order, or an empty list for a dataset that is not a raw table
     * @throws IllegalArgumentException if there is not one column per feature, or a category or
     *                                  boolean feature holds a value that is not one of its codes
     * @since SPI 1.4
     */
    public Dataset withTable(List<TableColumn> columns) {
        List<TableColumn> c = List.copyOf(columns);
        if (!c.isEmpty()) {
            if (c.size() != inputSize()) {
                throw new IllegalArgumentException(
                        name + ": " + c.size() + " table columns for " + inputSize() + " features");
            }
            checkCodes(c);
        }
        Dataset tableTest = test == null ? null : test.withTable(c);
        return new Dataset(name, features, labels, targets, classNames, tableTest, featureNames, targetNames, c);
    }

    /** Every category and boolean feature holds NaN or one of its codes (one pass over the rows). */
    private void checkCodes(List<TableColumn> columns) {
        int cols = features.cols();
        int[] coded = IntStream.range(0, cols)
                .filter(c -> columns.get(c).type() != ColumnType.NUMBER)
                .toArray();
        if (coded.length == 0) {
            return;
        }
        int[] codes = new int[coded.length];
        for (int k = 0; k < coded.length; k++) {
            codes[k] = columns.get(coded[k]).levels().size();
        }
        float[] x = features.data();
        for (int row = 0; row < x.length; row += cols) {
            for (int k = 0; k < coded.length; k++) {
                float v = x[row + coded[k]];
                if (!Float.isNaN(v) && !(v >= 0 && v < codes[k] && v == (int) v)) {
                    TableColumn column = columns.get(coded[k]);
                    throw new IllegalArgumentException(name + ": feature " + coded[k] + " ("
                            + column.type().label()
                            + " column '" + column.name() + "') of example " + row / cols + " is " + v
                            + ", which is not one of its " + codes[k] + " codes");
                }
            }
        }
    }

    /**
     * {@return the input columns of a raw table, one per feature in feature order (see {@link #withTable});
     * empty when the features are not a raw table}
     *
     * @since SPI 1.4
     */
    public List<TableColumn> table() {
        return table;
    }

    /** {@return the name, for messages and reports} */
    public String name() {
        return name;
    }

    /** {@return the features, one row per example. Do not modify} */
    public Matrix features() {
        return features;
    }

    /** {@return number of examples} */
    public int size() {
        return features.rows();
    }

    /** {@return number of features per example} */
    public int inputSize() {
        return features.cols();
    }

    /** {@return true when the examples have class labels, false when they have regression targets} */
    public boolean isClassification() {
        return labels != null;
    }

    /** {@return the class label of each example (classification only). Do not modify} */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException(name + " is a regression dataset and has no class labels");
        }
        return labels;
    }

    /** {@return the target rows (regression only). Do not modify} */
    public Matrix targets() {
        if (targets == null) {
            throw new IllegalStateException(name + " is a classification dataset; use labels()");
        }
        return targets;
    }

    /** {@return class names by label; empty for regression} */
    public List<String> classNames() {
        return classNames;
    }

    /** {@return number of classes (0 for regression)} */
    public int numClasses() {
        return classNames.size();
    }

    /** {@return the number of examples of each class} */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels()) {
            counts[label]++;
        }
        return counts;
    }

    /** {@return the source's own test split, if it has one} */
    public Optional<Dataset> test() {
        return Optional.ofNullable(test);
    }

    /**
     * {@return a new dataset of the given examples, in the given order (rows are copied; no test split)}
     *
     * @param indices the examples to keep, by row
     */
    public Dataset subset(int[] indices) {
        return subset(name, indices);
    }

    private Dataset subset(String newName, int[] indices) {
        int cols = features.cols();
        Matrix x = new Matrix(indices.length, cols);
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features.data(), indices[i] * cols, x.data(), i * cols, cols);
        }
        if (labels != null) {
            int[] y = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                y[i] = labels[indices[i]];
            }
            return new Dataset(newName, x, y, null, classNames, null, featureNames, targetNames, table);
        }
        int tcols = targets.cols();
        Matrix t = new Matrix(indices.length, tcols);
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(targets.data(), indices[i] * tcols, t.data(), i * tcols, tcols);
        }
        return new Dataset(newName, x, null, t, classNames, null, featureNames, targetNames, table);
    }

    /**
     * {@return a checksum of this dataset's examples, {@code "sha256:<hex>"}, which model files record
     * to say which data a model was trained on} It covers, big-endian: the feature matrix's rows and
     * cols (int32) and values (float32, row-major), then the labels (int32 each) of a classification
     * dataset, or the targets' cols (int32) and values (float32) of a regression one. Names and the
     * test split are not included.
     *
     * @since SPI 1.2
     */
    public String checksum() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha.update(ByteBuffer.allocate(8)
                .putInt(features.rows())
                .putInt(features.cols())
                .array());
        updateFloats(sha, features);
        if (isClassification()) {
            ByteBuffer all = ByteBuffer.allocate(labels.length * Integer.BYTES);
            all.asIntBuffer().put(labels);
            sha.update(all.array());
        } else {
            sha.update(ByteBuffer.allocate(4).putInt(targets.cols()).array());
            updateFloats(sha, targets);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static void updateFloats(MessageDigest sha, Matrix m) {
        float[] values = m.data();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        int perChunk = chunk.capacity() / Float.BYTES;
        for (int from = 0; from < values.length; from += perChunk) {
            int n = Math.min(perChunk, values.length - from);
            chunk.clear();
            chunk.asFloatBuffer().put(values, from, n);
            sha.update(chunk.array(), 0, n * Float.BYTES);
        }
    }

    /**
     * {@return this dataset with its features replaced (same number of rows)}
     *
     * @param newFeatures the replacement, one row per example
     */
    public Dataset withFeatures(Matrix newFeatures) {
        if (newFeatures.rows() != size()) {
            throw new IllegalArgumentException(
                    name + ": " + size() + " examples but " + newFeatures.rows() + " feature rows");
        }
        // The names stay while they still fit: a transform that changes the width names its own features.
        List<String> names = newFeatures.cols() == inputSize() ? featureNames : List.of();
        List<TableColumn> columns = newFeatures.cols() == inputSize() ? table : List.of();
        return new Dataset(name, newFeatures, labels, targets, classNames, test, names, targetNames, columns);
    }

    /**
     * Splits off a test part (stratified by class for classification), seeded. When the dataset has
     * a fixed test split, that is the test part and {@code testFraction} is not used.
     *
     * @param testFraction the share of the examples held out for testing
     * @param seed         seeds the shuffle
     * @return the training and test parts (no validation part)
     */
    public Split split(double testFraction, long seed) {
        return split(testFraction, 0, seed, isClassification());
    }

    /**
     * Splits into training, validation and test parts, seeded.
     *
     * @param testFraction       the share of all examples held out for testing (ignored when the
     *                           dataset has a fixed test split)
     * @param validationFraction the share of the remaining training part held out for validation
     * @param stratify           keep class proportions in each part (classification only)
     * @param seed               seeds the shuffles
     * @return the three parts (validation null when there is none)
     */
    public Split split(double testFraction, double validationFraction, long seed, boolean stratify) {
        checkFraction("test", testFraction);
        checkFraction("validation", validationFraction);
        SplittableRandom random = new SplittableRandom(seed);
        boolean byClass = stratify && isClassification();
        Dataset rest = this;
        Dataset testPart;
        if (test != null) {
            testPart = test;
        } else {
            int[][] parts = partition(all(size()), testFraction, byClass ? labels : null, random);
            testPart = parts[1].length == 0 ? null : subset(name + "/test", parts[1]);
            rest = subset(name + "/train", parts[0]);
        }
        Dataset validation = null;
        Dataset train = rest.named(name + "/train");
        if (validationFraction > 0) {
            int[][] parts = partition(all(rest.size()), validationFraction, byClass ? rest.labels : null, random);
            train = rest.subset(name + "/train", parts[0]);
            validation = parts[1].length == 0 ? null : rest.subset(name + "/validation", parts[1]);
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException(
                    name + ": the split leaves no training examples (" + size() + " in all)");
        }
        return new Split(train, validation, testPart, Preprocessing.NONE);
    }

    private static void checkFraction(String what, double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException(what + " fraction must be in [0, 1), got " + fraction);
        }
    }

    private static int[] all(int n) {
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        return indices;
    }

    /** Shuffles and cuts {@code indices} into {kept, held out}; per class when labels are given. */
    private static int[][] partition(int[] indices, double fraction, int[] labels, SplittableRandom random) {
        List<int[]> groups = new ArrayList<>();
        if (labels == null) {
            groups.add(indices.clone());
        } else {
            int classes = Arrays.stream(labels).max().orElse(-1) + 1;
            int[] counts = new int[classes];
            for (int i : indices) {
                counts[labels[i]]++;
            }
            int[][] byClass = new int[classes][];
            int[] fill = new int[classes];
            for (int k = 0; k < classes; k++) {
                byClass[k] = new int[counts[k]];
            }
            for (int i : indices) {
                byClass[labels[i]][fill[labels[i]]++] = i;
            }
            groups.addAll(Arrays.asList(byClass));
        }
        int[] kept = new int[indices.length];
        int[] held = new int[indices.length];
        int nKept = 0;
        int nHeld = 0;
        for (int[] group : groups) {
            shuffle(group, random);
            int hold = (int) Math.round(group.length * fraction);
            for (int j = 0; j < group.length; j++) {
                if (j < hold) {
                    held[nHeld++] = group[j];
                } else {
                    kept[nKept++] = group[j];
                }
            }
        }
        kept = Arrays.copyOf(kept, nKept);
        held = Arrays.copyOf(held, nHeld);
        shuffle(kept, random);
        shuffle(held, random);
        return new int[][] {kept, held};
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public String toString() {
        return name + " (" + size() + " examples, " + inputSize() + " features"
                + (isClassification() ? ", " + numClasses() + " classes" : ", regression")
                + (test != null ? ", fixed test split of " + test.size() : "") + ")";
    }
}
