package dev.nn.core.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How well a classifier did on a set of examples: accuracy, loss, confusion matrix and per-class
 * precision, recall, F1 and support with their macro and support-weighted averages.
 *
 * <p>Every number is the one scikit-learn's {@code sklearn.metrics} gives for the same labels
 * (with {@code labels=range(len(classNames))} and the default {@code zero_division}, which scores
 * an undefined ratio as 0), down to the last bit, and {@link #classificationReport()} is laid out
 * character for character like {@code classification_report}:
 * <pre>{@code
 * Evaluation eval = Evaluation.of(actual, predicted, List.of("cat", "dog"), Double.NaN);
 * String report = eval.classificationReport(); // the same text as scikit-learn prints
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Evaluation {
    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};
    private static final String LONGEST_AVERAGE_HEADING = "weighted avg";
    private static final String CORNER = "actual \\ predicted";

    private final List<String> classNames;
    private final int[][] confusion;
    private final int size;
    private final int correct;
    private final double loss;
    private final int[] support;
    private final int[] predictedCount;
    private final double[] precision;
    private final double[] recall;
    private final double[] f1;

    private Evaluation(int[][] confusion, List<String> classNames, int size, double loss) {
        this.confusion = confusion;
        this.classNames = classNames;
        this.size = size;
        this.loss = loss;
        int k = classNames.size();
        support = new int[k];
        predictedCount = new int[k];
        precision = new double[k];
        recall = new double[k];
        f1 = new double[k];
        int diagonal = 0;
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                support[a] += confusion[a][p];
                predictedCount[p] += confusion[a][p];
            }
            diagonal += confusion[a][a];
        }
        correct = diagonal;
        for (int c = 0; c < k; c++) {
            precision[c] = ratio(confusion[c][c], predictedCount[c]);
            recall[c] = ratio(confusion[c][c], support[c]);
            f1[c] = fScore(precision[c], recall[c]);
        }
    }

    /**
     * The evaluation of {@code predicted} against {@code actual}.
     *
     * @param actual     the true class index of each example
     * @param predicted  the predicted class index of each example, in the same order
     * @param classNames the name of each class index; classes that never occur still count in
     *                   the macro averages
     * @param loss       the mean loss on these examples, or {@code Double.NaN} when unknown
     * @throws IllegalArgumentException if the arrays differ in length, are empty, there are no
     *                                  class names, or a label is not a class index
     * @return the evaluation
     */
    public static Evaluation of(int[] actual, int[] predicted, List<String> classNames, double loss) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(classNames, "classNames");
        List<String> names = List.copyOf(classNames);
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("cannot evaluate " + predicted.length + " predictions against "
                    + actual.length + " actual labels: give one prediction per example");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("nothing to evaluate: there are no examples");
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("cannot evaluate without class names: give one name per class index");
        }
        int k = names.size();
        int[][] confusion = new int[k][k];
        for (int i = 0; i < actual.length; i++) {
            checkLabel("actual", i, actual[i], k);
            checkLabel("predicted", i, predicted[i], k);
            confusion[actual[i]][predicted[i]]++;
        }
        return new Evaluation(confusion, names, actual.length, loss);
    }

    private static void checkLabel(String which, int example, int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(which + " label " + label + " of example " + example
                    + " is not a class index: there are " + classes + " classes, numbered 0 to " + (classes - 1));
        }
    }

    /** {@return fraction of examples whose predicted class is the actual one} */
    public double accuracy() {
        return (double) correct / size;
    }

    /** {@return mean loss on these examples, or {@code NaN} when it was not given} */
    public double loss() {
        return loss;
    }

    /** {@return number of examples evaluated} */
    public int size() {
        return size;
    }

    /** {@return class names, indexed by class} */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * A copy of the confusion matrix: entry {@code [a][p]} counts the examples of actual class
     * {@code a} predicted as class {@code p}, as sklearn's {@code confusion_matrix}.
     *
     * @return the counts, {@code [actual][predicted]}
     */
    public int[][] confusionMatrix() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /**
     * {@return of the examples predicted as class {@code k}, the fraction that are; 0 if none was}
     *
     * @param k the class
     */
    public double precision(int k) {
        return precision[checkClass(k)];
    }

    /**
     * {@return of the examples of class {@code k}, the fraction predicted as {@code k}; 0 if there are none}
     *
     * @param k the class
     */
    public double recall(int k) {
        return recall[checkClass(k)];
    }

    /**
     * {@return harmonic mean of precision and recall of class {@code k}; 0 when both are 0}
     *
     * @param k the class
     */
    public double f1(int k) {
        return f1[checkClass(k)];
    }

    /**
     * {@return number of examples whose actual class is {@code k}}
     *
     * @param k the class
     */
    public int support(int k) {
        return support[checkClass(k)];
    }

    /** {@return unweighted mean of the precision of every class} */
    public double macroPrecision() {
        return mean(precision);
    }

    /** {@return unweighted mean of the recall of every class} */
    public double macroRecall() {
        return mean(recall);
    }

    /** {@return unweighted mean of the F1 of every class} */
    public double macroF1() {
        return mean(f1);
    }

    /** {@return mean of the precision of every class, weighted by its support} */
    public double weightedPrecision() {
        return supportWeightedMean(precision);
    }

    /** {@return mean of the recall of every class, weighted by its support (equal to the accuracy)} */
    public double weightedRecall() {
        return supportWeightedMean(recall);
    }

    /** {@return mean of the F1 of every class, weighted by its support} */
    public double weightedF1() {
        return supportWeightedMean(f1);
    }

    /** {@return {@link #classificationReport(int)} with 2 decimals} */
    public String classificationReport() {
        return classificationReport(2);
    }

    /**
     * A table of precision, recall, F1 and support per class with accuracy and the averages, laid
     * out exactly as sklearn's {@code classification_report(actual, predicted,
     * labels=range(len(classNames)), target_names=classNames, digits=digits)}. As there, the
     * accuracy line reads "micro avg" (with the same value in all three columns) when some class
     * is neither actual nor predicted in any example. One deliberate difference: when no example
     * at all is predicted correctly, sklearn (1.2) prints the supports as floats ("3.0"); this
     * report keeps them integers.
     *
     * @param digits decimals of the precision, recall and F1 columns
     * @throws IllegalArgumentException if {@code digits} is negative
     * @return the report
     */
    public String classificationReport(int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("a classification report needs 0 or more digits, not " + digits);
        }
        int width = Math.max(LONGEST_AVERAGE_HEADING.length(), digits);
        for (String name : classNames) {
            width = Math.max(width, length(name));
        }
        StringBuilder report = new StringBuilder();
        report.append(padLeft("", width)).append(' ');
        for (String header : HEADERS) {
            report.append(' ').append(padLeft(header, 9));
        }
        report.append("\n\n");
        for (int c = 0; c < classNames.size(); c++) {
            reportRow(report, classNames.get(c), width, digits, precision[c], recall[c], f1[c], support[c]);
        }
        report.append('\n');
        // sklearn prints the micro average (here always the accuracy) under the name "accuracy"
        // only when every class occurs in the data, and its value is the micro F1.
        double micro = fScore(accuracy(), accuracy());
        if (everyClassOccurs()) {
            report.append(padLeft("accuracy", width))
                    .append(' ')
                    .append(' ')
                    .append(padLeft("", 9))
                    .append(' ')
                    .append(padLeft("", 9))
                    .append(' ')
                    .append(padLeft(decimal(micro, digits), 9))
                    .append(' ')
                    .append(padLeft(Integer.toString(size), 9))
                    .append('\n');
        } else {
            reportRow(report, "micro avg", width, digits, accuracy(), accuracy(), micro, size);
        }
        reportRow(report, "macro avg", width, digits, macroPrecision(), macroRecall(), macroF1(), size);
        reportRow(report, "weighted avg", width, digits, weightedPrecision(), weightedRecall(), weightedF1(), size);
        return report.toString();
    }

    private static void reportRow(
            StringBuilder report, String heading, int width, int digits, double p, double r, double f, int rowSupport) {
        report.append(padLeft(heading, width)).append(' ');
        report.append(' ').append(padLeft(decimal(p, digits), 9));
        report.append(' ').append(padLeft(decimal(r, digits), 9));
        report.append(' ').append(padLeft(decimal(f, digits), 9));
        report.append(' ').append(padLeft(Integer.toString(rowSupport), 9)).append('\n');
    }

    /**
     * The confusion matrix as a table with the class names as row (actual) and column (predicted)
     * headers, for people to read.
     *
     * @return the table
     */
    public String confusionMatrixText() {
        int k = classNames.size();
        int rowHeaderWidth = length(CORNER);
        for (String name : classNames) {
            rowHeaderWidth = Math.max(rowHeaderWidth, length(name));
        }
        int[] columnWidth = new int[k];
        for (int p = 0; p < k; p++) {
            columnWidth[p] = length(classNames.get(p));
            for (int a = 0; a < k; a++) {
                columnWidth[p] = Math.max(
                        columnWidth[p], Integer.toString(confusion[a][p]).length());
            }
        }
        StringBuilder text = new StringBuilder(padRight(CORNER, rowHeaderWidth));
        for (int p = 0; p < k; p++) {
            text.append("  ").append(padLeft(classNames.get(p), columnWidth[p]));
        }
        text.append('\n');
        for (int a = 0; a < k; a++) {
            text.append(padRight(classNames.get(a), rowHeaderWidth));
            for (int p = 0; p < k; p++) {
                text.append("  ").append(padLeft(Integer.toString(confusion[a][p]), columnWidth[p]));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** One line: number of examples, accuracy, loss and macro F1. */
    @Override
    public String toString() {
        String lossText = Double.isNaN(loss) ? "unknown" : String.format(Locale.ROOT, "%.4f", loss);
        return String.format(
                Locale.ROOT,
                "Evaluation[examples=%d, accuracy=%.4f, loss=%s, macroF1=%.4f]",
                size,
                accuracy(),
                lossText,
                macroF1());
    }

    private int checkClass(int k) {
        if (k < 0 || k >= classNames.size()) {
            throw new IllegalArgumentException("class " + k + " does not exist: there are " + classNames.size()
                    + " classes, numbered 0 to " + (classNames.size() - 1));
        }
        return k;
    }

    private boolean everyClassOccurs() {
        for (int c = 0; c < classNames.size(); c++) {
            if (support[c] == 0 && predictedCount[c] == 0) {
                return false;
            }
        }
        return true;
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    // Evaluated in sklearn's order, (2 * p) * r / (p + r), so the result is bit-identical.
    private static double fScore(double p, double r) {
        double denominator = p + r;
        return denominator == 0.0 ? 0.0 : 2.0 * p * r / denominator;
    }

    private static double mean(double[] values) {
        return numpySum(values, 0, values.length) / values.length;
    }

    private double supportWeightedMean(double[] values) {
        double[] weighted = new double[values.length];
        for (int c = 0; c < values.length; c++) {
            weighted[c] = values[c] * support[c];
        }
        // The supports add up to the number of examples, which is never 0 here.
        return numpySum(weighted, 0, weighted.length) / size;
    }

    /**
     * Sums as numpy's pairwise summation does (blocks of 8 partial sums, halves above 128 values),
     * so that averages agree with sklearn's to the last bit rather than to about 1e-16.
     */
    private static double numpySum(double[] a, int from, int n) {
        if (n < 8) {
            double sum = -0.0;
            for (int i = from; i < from + n; i++) {
                sum += a[i];
            }
            return sum;
        }
        if (n <= 128) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        return numpySum(a, from, half) + numpySum(a, from + half, n - half);
    }

    // Python's format rounds the exact binary value half-to-even; String.format does not always.
    private static String decimal(double value, int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    // Python pads by code points, not UTF-16 chars.
    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - length(s))) + s;
    }

    private static String padRight(String s, int width) {
        return s + " ".repeat(Math.max(0, width - length(s)));
    }
}
