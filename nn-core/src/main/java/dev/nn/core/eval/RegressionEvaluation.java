package dev.nn.core.eval;

import dev.nn.api.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How well a regression model did on a set of examples: R², mean absolute error, mean squared
 * error, its root and the explained variance, for each output and averaged uniformly over the
 * outputs, with the mean loss.
 *
 * <p>Every figure is defined as scikit-learn 1.2 defines it ({@code r2_score},
 * {@code mean_absolute_error}, {@code mean_squared_error}, {@code mean_squared_error(squared=False)}
 * and {@code explained_variance_score}, with {@code multioutput='uniform_average'} for the averages),
 * edge cases included: R² and explained variance of an output whose actual values are all equal are
 * 1.0 when its predictions are exact too (the numerator is 0) and 0.0 otherwise, as
 * {@code force_finite=True} has it; R² of fewer than two examples is NaN. The RMSE average is the
 * mean of each output's RMSE, as in scikit-learn 1.2 (not the root of the MSE average). Values are
 * taken as double and summed in double, in row order. Unlike scikit-learn, a value that is not
 * finite is not refused (a diverging network's validation figures are still wanted): the figures it
 * enters are NaN or infinite.
 * <pre>{@code
 * RegressionEvaluation eval = RegressionEvaluation.of(actual, predicted, List.of("price"), Double.NaN);
 * double r2 = eval.r2();
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class RegressionEvaluation {
    private static final String[] HEADERS = {"r2", "mae", "mse", "rmse", "explained_variance"};
    private static final String AVERAGE = "average";

    private final List<String> outputNames;
    private final Matrix actual;
    private final Matrix predicted;
    private final double loss;
    private final double[] r2;
    private final double[] mae;
    private final double[] mse;
    private final double[] rmse;
    private final double[] explainedVariance;
    /** Each output's sum of squared deviations from its mean: variance-weighted R²'s weights. */
    private final double[] totalSquares;

    private RegressionEvaluation(Matrix actual, Matrix predicted, List<String> outputNames, double loss) {
        this.actual = actual;
        this.predicted = predicted;
        this.outputNames = outputNames;
        this.loss = loss;
        int n = actual.rows();
        int k = actual.cols();
        r2 = new double[k];
        mae = new double[k];
        mse = new double[k];
        rmse = new double[k];
        explainedVariance = new double[k];
        totalSquares = new double[k];
        double[] y = new double[n];
        double[] residual = new double[n];
        for (int j = 0; j < k; j++) {
            double absolute = 0;
            double squared = 0;
            for (int i = 0; i < n; i++) {
                y[i] = actual.get(i, j);
                residual[i] = y[i] - (double) predicted.get(i, j);
                absolute += Math.abs(residual[i]);
                squared += residual[i] * residual[i];
            }
            mae[j] = absolute / n;
            mse[j] = squared / n;
            rmse[j] = Math.sqrt(mse[j]);
            totalSquares[j] = squaredDeviations(y, n);
            // r2_score compares sums; explained_variance_score compares means (of the residuals
            // about their own mean, and of the actual values about theirs).
            r2[j] = n < 2 ? Double.NaN : score(squared, totalSquares[j]);
            explainedVariance[j] = score(squaredDeviations(residual, n) / n, totalSquares[j] / n);
        }
    }

    /**
     * The evaluation of {@code predicted} against {@code actual}: one row per example, one column per output.
     *
     * @param actual      the true target values
     * @param predicted   the predicted values, in the same shape and order
     * @param outputNames each output's name, in column order, or an empty list to name them
     *                    {@code output0}, {@code output1}, ...
     * @param loss        the mean loss on these examples, or {@code Double.NaN} when unknown
     * @throws IllegalArgumentException if the shapes differ, there are no examples or no outputs, or
     *                                  the names do not fit the outputs
     * @return the evaluation
     */
    public static RegressionEvaluation of(Matrix actual, Matrix predicted, List<String> outputNames, double loss) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(outputNames, "outputNames");
        if (actual.rows() != predicted.rows() || actual.cols() != predicted.cols()) {
            throw new IllegalArgumentException("cannot evaluate " + predicted.rows() + "x" + predicted.cols()
                    + " predictions against " + actual.rows() + "x" + actual.cols()
                    + " actual values: give one prediction per example and output");
        }
        if (actual.rows() == 0) {
            throw new IllegalArgumentException("nothing to evaluate: there are no examples");
        }
        if (actual.cols() == 0) {
            throw new IllegalArgumentException("nothing to evaluate: there are no outputs");
        }
        if (!outputNames.isEmpty() && outputNames.size() != actual.cols()) {
            throw new IllegalArgumentException(
                    outputNames.size() + " output names for " + actual.cols() + " outputs: give one name per output");
        }
        List<String> names = new ArrayList<>(outputNames);
        for (int j = names.size(); j < actual.cols(); j++) {
            names.add("output" + j);
        }
        return new RegressionEvaluation(actual.copy(), predicted.copy(), List.copyOf(names), loss);
    }

    /**
     * scikit-learn's {@code _assemble_r2_explained_variance} with {@code force_finite=True}: 1 when
     * the residual part is 0, 0 when only the actual values' part is, the formula otherwise.
     */
    private static double score(double numerator, double denominator) {
        if (numerator == 0) {
            return 1.0;
        }
        return denominator == 0 ? 0.0 : 1 - numerator / denominator;
    }

    /** The sum of squared deviations of {@code values[0..n)} from their mean. */
    private static double squaredDeviations(double[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        // Float32 values sum exactly in double (below 2^29 of them), so the mean of equal values is
        // that value and a constant column's sum here is exactly 0, as the edge cases need.
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            squares += d * d;
        }
        return squares;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** {@return R² averaged uniformly over the outputs ({@code r2_score}'s default)} */
    public double r2() {
        return mean(r2);
    }

    /** {@return the mean absolute error, averaged uniformly over the outputs} */
    public double mae() {
        return mean(mae);
    }

    /** {@return the mean squared error, averaged uniformly over the outputs} */
    public double mse() {
        return mean(mse);
    }

    /** {@return the mean over the outputs of each one's root mean squared error, as scikit-learn 1.2 averages it} */
    public double rmse() {
        return mean(rmse);
    }

    /** {@return the explained variance, averaged uniformly over the outputs} */
    public double explainedVariance() {
        return mean(explainedVariance);
    }

    /**
     * {@return R² averaged over the outputs weighted by the variance of each one's actual values
     * ({@code multioutput='variance_weighted'}); uniformly when every output is constant}
     */
    public double varianceWeightedR2() {
        double weights = 0;
        double sum = 0;
        for (int j = 0; j < r2.length; j++) {
            weights += totalSquares[j];
            sum += totalSquares[j] * r2[j];
        }
        return weights == 0 ? r2() : sum / weights;
    }

    /**
     * {@return R² of one output: 1 minus the residual sum of squares over the sum of squared
     * deviations of the actual values from their mean}
     *
     * @param output the output, by column
     */
    public double r2(int output) {
        return r2[checkOutput(output)];
    }

    /**
     * {@return the mean absolute error of one output}
     *
     * @param output the output, by column
     */
    public double mae(int output) {
        return mae[checkOutput(output)];
    }

    /**
     * {@return the mean squared error of one output}
     *
     * @param output the output, by column
     */
    public double mse(int output) {
        return mse[checkOutput(output)];
    }

    /**
     * {@return the root mean squared error of one output}
     *
     * @param output the output, by column
     */
    public double rmse(int output) {
        return rmse[checkOutput(output)];
    }

    /**
     * {@return the explained variance of one output: 1 minus the variance of the residuals over
     * the variance of the actual values (an offset in the predictions is not counted)}
     *
     * @param output the output, by column
     */
    public double explainedVariance(int output) {
        return explainedVariance[checkOutput(output)];
    }

    /** {@return mean loss on these examples, or {@code NaN} when it was not given} */
    public double loss() {
        return loss;
    }

    /** {@return number of examples evaluated} */
    public int size() {
        return actual.rows();
    }

    /** {@return number of outputs} */
    public int outputs() {
        return actual.cols();
    }

    /** {@return each output's name, in column order ({@code output0}, ... when none were given)} */
    public List<String> outputNames() {
        return outputNames;
    }

    /** {@return a copy of the actual values, one row per example, one column per output} */
    public Matrix actual() {
        return actual.copy();
    }

    /** {@return a copy of the predicted values, one row per example, one column per output} */
    public Matrix predicted() {
        return predicted.copy();
    }

    /**
     * A table of R², MAE, MSE, RMSE and explained variance per output, and their uniform average
     * (the line {@code average}, present when there are several outputs), for people to read.
     *
     * @param digits decimals of each figure
     * @throws IllegalArgumentException if {@code digits} is negative
     * @return the table
     */
    public String regressionReport(int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("a regression report needs 0 or more digits, not " + digits);
        }
        int width = AVERAGE.length();
        for (String name : outputNames) {
            width = Math.max(width, name.codePointCount(0, name.length()));
        }
        List<String[]> rows = new ArrayList<>();
        for (int j = 0; j < outputs(); j++) {
            rows.add(row(digits, r2[j], mae[j], mse[j], rmse[j], explainedVariance[j]));
        }
        if (outputs() > 1) {
            rows.add(row(digits, r2(), mae(), mse(), rmse(), explainedVariance()));
        }
        int[] columns = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            columns[c] = HEADERS[c].length();
            for (String[] row : rows) {
                columns[c] = Math.max(columns[c], row[c].length());
            }
        }
        StringBuilder report = new StringBuilder(" ".repeat(width));
        for (int c = 0; c < HEADERS.length; c++) {
            report.append("  ").append(padLeft(HEADERS[c], columns[c]));
        }
        report.append("\n\n");
        for (int j = 0; j < rows.size(); j++) {
            if (j == outputs()) {
                report.append('\n');
            }
            String name = j < outputs() ? outputNames.get(j) : AVERAGE;
            report.append(name).append(" ".repeat(width - name.codePointCount(0, name.length())));
            for (int c = 0; c < HEADERS.length; c++) {
                report.append("  ").append(padLeft(rows.get(j)[c], columns[c]));
            }
            report.append('\n');
        }
        return report.toString();
    }

    /** {@return {@link #regressionReport(int)} with 4 decimals} */
    public String regressionReport() {
        return regressionReport(4);
    }

    private static String[] row(int digits, double... values) {
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = Double.isNaN(values[i]) ? "nan" : String.format(Locale.ROOT, "%." + digits + "f", values[i]);
        }
        return cells;
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    private int checkOutput(int output) {
        if (output < 0 || output >= outputs()) {
            throw new IllegalArgumentException("output " + output + " does not exist: there are " + outputs()
                    + " outputs, numbered 0 to " + (outputs() - 1));
        }
        return output;
    }

    /** One line: number of examples, outputs, R², MAE and loss. */
    @Override
    public String toString() {
        String lossText = Double.isNaN(loss) ? "unknown" : String.format(Locale.ROOT, "%.4f", loss);
        return String.format(
                Locale.ROOT,
                "RegressionEvaluation[examples=%d, outputs=%d, r2=%.4f, mae=%.4f, loss=%s]",
                size(),
                outputs(),
                r2(),
                mae(),
                lossText);
    }
}
