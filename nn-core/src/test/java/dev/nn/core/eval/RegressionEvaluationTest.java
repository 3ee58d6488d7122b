package dev.nn.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Expected figures are scikit-learn 1.2.1's (Debian python3-sklearn): the examples of the
 * docstrings of {@code r2_score}, {@code mean_absolute_error}, {@code mean_squared_error} and
 * {@code explained_variance_score}, and {@code tools/regression-golden/golden.py}'s figures on the
 * 300 x 3 prediction matrix it wrote to {@code regression/predictions.csv}.
 *
 * <p>Tolerance: 1e-12 relative (as {@link #close}), since nn sums in row order where numpy sums
 * pairwise; the figures of the docstring examples with few values are exact.
 */
class RegressionEvaluationTest {
    private static final double RELATIVE = 1e-12;

    // Printed by /usr/bin/python3 tools/regression-golden/golden.py (sklearn 1.2.1).
    private static final double[] R2 = {0.8163461150318908, 0.7620674660147422, 0.6912185356696616};
    private static final double R2_AVERAGE = 0.7565440389054315;
    private static final double[] MAE = {19832.135833333334, 0.7890036002794901, 14.86795828131338};
    private static final double MAE_AVERAGE = 6615.930931738309;
    private static final double[] MSE = {599148735.9082881, 0.9450125073981817, 357.7280578379363};
    private static final double MSE_AVERAGE = 199716364.8604528;
    private static final double[] EXPLAINED_VARIANCE = {0.816591069177776, 0.8570679118166301, 0.7294666919275488};
    private static final double EXPLAINED_VARIANCE_AVERAGE = 0.8010418909739849;
    private static final double[] RMSE = {24477.5149046689, 0.9721175378513556, 18.913700268269462};
    private static final double RMSE_AVERAGE = 8165.800240825007;
    private static final double R2_VARIANCE_WEIGHTED = 0.8163460705313254;

    private static Matrix column(double... values) {
        Matrix m = new Matrix(values.length, 1);
        for (int i = 0; i < values.length; i++) {
            m.set(i, 0, (float) values[i]);
        }
        return m;
    }

    private static RegressionEvaluation single(double[] actual, double[] predicted) {
        return RegressionEvaluation.of(column(actual), column(predicted), List.of(), Double.NaN);
    }

    private static Offset<Double> close(double expected) {
        return within(Math.abs(expected) * RELATIVE);
    }

    @Test
    void theDocstringsSingleOutputExampleGivesScikitLearnsFigures() {
        // y_true = [3, -0.5, 2, 7]; y_pred = [2.5, 0.0, 2, 8]
        RegressionEvaluation e = single(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8});

        assertThat(e.r2()).isEqualTo(0.9486081370449679); // r2_score: 0.948...
        assertThat(e.mae()).isEqualTo(0.5); // mean_absolute_error: 0.5
        assertThat(e.mse()).isEqualTo(0.375); // mean_squared_error: 0.375
        assertThat(e.rmse()).isEqualTo(0.6123724356957945); // squared=False: 0.612...
        assertThat(e.explainedVariance()).isEqualTo(0.9571734475374732); // explained_variance_score: 0.957...
        assertThat(e.outputNames()).containsExactly("output0");
        assertThat(e.size()).isEqualTo(4);
        assertThat(e.outputs()).isEqualTo(1);
    }

    @Test
    void theDocstringsMultiOutputExampleGivesScikitLearnsFiguresPerOutputAndAveraged() {
        // y_true = [[0.5, 1], [-1, 1], [7, -6]]; y_pred = [[0, 2], [-1, 2], [8, -5]]
        Matrix actual = Matrix.of(new float[] {0.5f, 1}, new float[] {-1, 1}, new float[] {7, -6});
        Matrix predicted = Matrix.of(new float[] {0, 2}, new float[] {-1, 2}, new float[] {8, -5});
        RegressionEvaluation e = RegressionEvaluation.of(actual, predicted, List.of("a", "b"), 0.25);

        assertThat(e.mae()).isEqualTo(0.75); // mean_absolute_error: 0.75
        assertThat(new double[] {e.mae(0), e.mae(1)}).containsExactly(0.5, 1.0); // raw_values: [0.5, 1.]
        assertThat(e.mse()).isEqualTo(0.7083333333333334); // 0.708...
        assertThat(new double[] {e.mse(0), e.mse(1)}).containsExactly(0.4166666666666667, 1.0);
        assertThat(e.rmse()).isEqualTo(0.8227486121839513); // squared=False: 0.822...
        assertThat(new double[] {e.rmse(0), e.rmse(1)}).containsExactly(0.6454972243679028, 1.0);
        // explained_variance_score(multioutput='uniform_average'): 0.983...
        assertThat(e.explainedVariance()).isEqualTo(0.9838709677419355);
        assertThat(new double[] {e.explainedVariance(0), e.explainedVariance(1)})
                .containsExactly(0.967741935483871, 1.0);
        // r2_score(multioutput='variance_weighted'): 0.938...; uniform and raw values printed by sklearn too.
        assertThat(e.varianceWeightedR2()).isCloseTo(0.9382566585956417, close(0.9382566585956417));
        assertThat(e.r2()).isEqualTo(0.9368005266622779);
        assertThat(new double[] {e.r2(0), e.r2(1)}).containsExactly(0.9654377880184332, 0.9081632653061225);
        assertThat(e.outputNames()).containsExactly("a", "b");
        assertThat(e.loss()).isEqualTo(0.25);
    }

    @Test
    void r2FollowsTheDocstringsPerfectConstantAndReversedPredictions() {
        assertThat(single(new double[] {1, 2, 3}, new double[] {1, 2, 3}).r2()).isEqualTo(1.0);
        assertThat(single(new double[] {1, 2, 3}, new double[] {2, 2, 2}).r2()).isEqualTo(0.0);
        assertThat(single(new double[] {1, 2, 3}, new double[] {3, 2, 1}).r2()).isEqualTo(-3.0);
    }

    @Test
    void aConstantActualColumnScoresOneWhenPredictedExactlyAndZeroOtherwise() {
        // y_true = [-2, -2, -2]: r2_score and explained_variance_score are 1.0 for y_pred = [-2, -2, -2]
        RegressionEvaluation exact = single(new double[] {-2, -2, -2}, new double[] {-2, -2, -2});
        assertThat(exact.r2()).isEqualTo(1.0);
        assertThat(exact.explainedVariance()).isEqualTo(1.0);
        // ... and 0.0 for y_pred = [-2, -2, -2 + 1e-8] (in float32, -2 + 1e-8 is -2; -2 + 1e-6 is not)
        RegressionEvaluation off = single(new double[] {-2, -2, -2}, new double[] {-2, -2, -2 + 1e-6});
        assertThat(off.r2()).isEqualTo(0.0);
        assertThat(off.explainedVariance()).isEqualTo(0.0);
        // A constant column of a value that is no round number, among many examples.
        double[] same = new double[1001];
        java.util.Arrays.fill(same, 0.1f);
        double[] almost = same.clone();
        almost[1000] = 0.2f;
        assertThat(single(same, same).r2()).isEqualTo(1.0);
        assertThat(single(same, almost).r2()).isEqualTo(0.0);
        assertThat(single(same, almost).explainedVariance()).isEqualTo(0.0);
    }

    @Test
    void explainedVarianceForgivesAConstantOffsetThatR2Counts() {
        // Predictions 1 above the truth: explained variance 1, R² below (sklearn: 1.0 and 0.19999999999999996).
        RegressionEvaluation e = single(new double[] {1, 2, 3, 4}, new double[] {2, 3, 4, 5});
        assertThat(e.explainedVariance()).isEqualTo(1.0);
        assertThat(e.r2()).isEqualTo(0.19999999999999996);
    }

    @Test
    void oneConstantOutputAmongOthersCountsInTheUniformAverageAndVarianceWeightingFallsBack() {
        // sklearn: r2_score([[1,5],[2,5],[3,5]], [[1,5],[2,5],[3,6]], multioutput='raw_values') == [1., 0.]
        Matrix actual = Matrix.of(new float[] {1, 5}, new float[] {2, 5}, new float[] {3, 5});
        Matrix predicted = Matrix.of(new float[] {1, 5}, new float[] {2, 5}, new float[] {3, 6});
        RegressionEvaluation e = RegressionEvaluation.of(actual, predicted, List.of(), Double.NaN);
        assertThat(new double[] {e.r2(0), e.r2(1)}).containsExactly(1.0, 0.0);
        assertThat(e.r2()).isEqualTo(0.5);
        // variance_weighted: the constant output weighs nothing: 1.0
        assertThat(e.varianceWeightedR2()).isEqualTo(1.0);
        // Every output constant: sklearn falls back to the uniform average, 0.5.
        RegressionEvaluation constant = RegressionEvaluation.of(
                Matrix.of(new float[] {5, 5}, new float[] {5, 5}),
                Matrix.of(new float[] {5, 5}, new float[] {5, 6}),
                List.of(),
                Double.NaN);
        assertThat(constant.varianceWeightedR2()).isEqualTo(0.5);
        assertThat(constant.outputNames()).containsExactly("output0", "output1");
    }

    @Test
    void r2OfOneExampleIsNaNAsInScikitLearn() {
        RegressionEvaluation e = single(new double[] {1}, new double[] {2});
        assertThat(e.r2()).isNaN();
        assertThat(e.explainedVariance()).isEqualTo(1.0); // sklearn: explained_variance_score([1], [2]) == 1.0
        assertThat(e.mae()).isEqualTo(1.0);
    }

    @Test
    void aSavedPredictionMatrixGivesScikitLearnsFiguresWithin1e12() throws IOException {
        Matrix[] m = readPredictions();
        RegressionEvaluation e = RegressionEvaluation.of(m[0], m[1], List.of("price", "rooms", "age"), Double.NaN);

        assertThat(e.size()).isEqualTo(300);
        for (int j = 0; j < 3; j++) {
            assertThat(e.r2(j)).as("r2 of output %d", j).isCloseTo(R2[j], close(R2[j]));
            assertThat(e.mae(j)).as("mae of output %d", j).isCloseTo(MAE[j], close(MAE[j]));
            assertThat(e.mse(j)).as("mse of output %d", j).isCloseTo(MSE[j], close(MSE[j]));
            assertThat(e.rmse(j)).as("rmse of output %d", j).isCloseTo(RMSE[j], close(RMSE[j]));
            assertThat(e.explainedVariance(j))
                    .as("explained variance of output %d", j)
                    .isCloseTo(EXPLAINED_VARIANCE[j], close(EXPLAINED_VARIANCE[j]));
        }
        assertThat(e.r2()).isCloseTo(R2_AVERAGE, close(R2_AVERAGE));
        assertThat(e.mae()).isCloseTo(MAE_AVERAGE, close(MAE_AVERAGE));
        assertThat(e.mse()).isCloseTo(MSE_AVERAGE, close(MSE_AVERAGE));
        assertThat(e.rmse()).isCloseTo(RMSE_AVERAGE, close(RMSE_AVERAGE));
        assertThat(e.explainedVariance()).isCloseTo(EXPLAINED_VARIANCE_AVERAGE, close(EXPLAINED_VARIANCE_AVERAGE));
        assertThat(e.varianceWeightedR2()).isCloseTo(R2_VARIANCE_WEIGHTED, close(R2_VARIANCE_WEIGHTED));
        // The RMSE average is the mean of the roots (sklearn 1.2), not the root of the mean.
        assertThat(e.rmse()).isNotCloseTo(Math.sqrt(e.mse()), within(1.0));
    }

    @Test
    void theReportListsEveryOutputAndTheAverage() throws IOException {
        Matrix[] m = readPredictions();
        RegressionEvaluation e = RegressionEvaluation.of(m[0], m[1], List.of("price", "rooms", "age"), Double.NaN);

        assertThat(e.regressionReport(3)).isEqualTo("""
                                    r2        mae            mse       rmse  explained_variance

                        price    0.816  19832.136  599148735.908  24477.515               0.817
                        rooms    0.762      0.789          0.945      0.972               0.857
                        age      0.691     14.868        357.728     18.914               0.729

                        average  0.757   6615.931  199716364.860   8165.800               0.801
                        """);
        assertThat(single(new double[] {1, 2}, new double[] {1, 2}).regressionReport(2))
                .isEqualTo("""
                                   r2   mae   mse  rmse  explained_variance

                        output0  1.00  0.00  0.00  0.00                1.00
                        """);
    }

    @Test
    void theEvaluationKeepsItsOwnCopiesOfTheValues() {
        Matrix actual = column(1, 2, 3);
        Matrix predicted = column(1, 2, 4);
        RegressionEvaluation e = RegressionEvaluation.of(actual, predicted, List.of(), Double.NaN);
        double r2 = e.r2();
        actual.set(0, 0, 100);
        e.predicted().set(0, 0, 100);

        assertThat(e.r2()).isEqualTo(r2);
        assertThat(e.actual().get(0, 0)).isEqualTo(1f);
        assertThat(e.predicted().get(2, 0)).isEqualTo(4f);
    }

    @Test
    void badArgumentsAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> RegressionEvaluation.of(column(1, 2), column(1), List.of(), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot evaluate 1x1 predictions against 2x1 actual values: give one prediction per"
                        + " example and output");
        assertThatThrownBy(() -> RegressionEvaluation.of(new Matrix(0, 1), new Matrix(0, 1), List.of(), Double.NaN))
                .hasMessage("nothing to evaluate: there are no examples");
        assertThatThrownBy(() -> RegressionEvaluation.of(column(1, 2), column(1, 2), List.of("a", "b"), Double.NaN))
                .hasMessage("2 output names for 1 outputs: give one name per output");
        assertThatThrownBy(
                        () -> single(new double[] {1, 2}, new double[] {1, 2}).r2(1))
                .hasMessage("output 1 does not exist: there are 1 outputs, numbered 0 to 0");
        assertThatThrownBy(
                        () -> single(new double[] {1, 2}, new double[] {1, 2}).regressionReport(-1))
                .hasMessage("a regression report needs 0 or more digits, not -1");
    }

    @Test
    void aNonFiniteValueMakesTheFiguresItEntersNonFinite() {
        RegressionEvaluation e = RegressionEvaluation.of(
                Matrix.of(new float[] {1, 1}, new float[] {2, 2}, new float[] {3, 4}),
                Matrix.of(new float[] {1, Float.NaN}, new float[] {2, 2}, new float[] {3, 4}),
                List.of(),
                Double.NaN);
        assertThat(e.r2(0)).isEqualTo(1.0);
        assertThat(e.mae(1)).isNaN();
        assertThat(e.r2(1)).isNaN();
        assertThat(e.mae()).isNaN();
    }

    /** regression/predictions.csv: a header, then 3 actual and 3 predicted values a row. */
    private static Matrix[] readPredictions() throws IOException {
        String text;
        try (InputStream in = RegressionEvaluationTest.class.getResourceAsStream("/regression/predictions.csv")) {
            assertThat(in).as("regression/predictions.csv").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        List<String> lines = text.lines().skip(1).toList();
        Matrix actual = new Matrix(lines.size(), 3);
        Matrix predicted = new Matrix(lines.size(), 3);
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            for (int j = 0; j < 3; j++) {
                actual.set(i, j, Float.parseFloat(cells[j]));
                predicted.set(i, j, Float.parseFloat(cells[3 + j]));
            }
        }
        return new Matrix[] {actual, predicted};
    }
}
