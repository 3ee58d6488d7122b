package dev.nn.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected reports are scikit-learn 1.2.1's output (Debian python3-sklearn), pasted verbatim; the
 * Python that printed each one is in the comment above it.
 */
class EvaluationTest {

    private static final List<String> FASHION = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final int[] FASHION_ACTUAL = {
        9, 6, 6, 8, 5, 7, 8, 2, 0, 3, 2, 8, 9, 0, 4, 8, 1, 7, 1, 4, 8, 3, 3, 2, 7, 2, 9, 4, 4, 5, 5, 5, 5, 9, 8, 7, 7,
        6, 3, 9, 4, 2, 8, 1, 8, 6, 1, 0, 4, 0, 1, 5, 9, 4, 8, 9, 8, 6, 4, 5
    };
    private static final int[] FASHION_PREDICTED = {
        9, 6, 6, 8, 5, 7, 8, 2, 4, 3, 2, 7, 9, 0, 7, 3, 1, 7, 1, 1, 8, 3, 3, 2, 7, 2, 0, 4, 4, 5, 6, 3, 0, 9, 8, 7, 7,
        6, 9, 9, 5, 2, 7, 9, 8, 1, 4, 9, 4, 0, 1, 7, 9, 4, 6, 1, 8, 6, 4, 5
    };

    /** "bird" is never predicted. */
    private static Evaluation threeClassesOneNeverPredicted() {
        return Evaluation.of(
                new int[] {0, 0, 0, 1, 1, 1, 1, 2, 2, 2},
                new int[] {0, 1, 0, 1, 1, 0, 1, 0, 1, 0},
                List.of("cat", "dog", "bird"),
                0.75);
    }

    @Test
    void metricsFollowTheDefinitionsWhenAClassIsNeverPredicted() {
        Evaluation eval = threeClassesOneNeverPredicted();

        assertThat(eval.confusionMatrix()).isDeepEqualTo(new int[][] {{2, 1, 0}, {1, 3, 0}, {2, 1, 0}});
        assertThat(eval.size()).isEqualTo(10);
        assertThat(eval.accuracy()).isEqualTo(0.5);
        assertThat(eval.loss()).isEqualTo(0.75);
        // cat: 2 of 5 predicted cats are cats, 2 of 3 cats found.
        assertThat(eval.precision(0)).isEqualTo(2.0 / 5);
        assertThat(eval.recall(0)).isEqualTo(2.0 / 3);
        assertThat(eval.f1(0)).isEqualTo(0.5);
        // dog: 3 of 5 predicted dogs, 3 of 4 dogs.
        assertThat(eval.precision(1)).isEqualTo(3.0 / 5);
        assertThat(eval.recall(1)).isEqualTo(3.0 / 4);
        assertThat(eval.f1(1)).isEqualTo(0.6666666666666665); // 2/3, rounded as sklearn's (2p)r/(p+r) rounds
        // bird: nothing predicted as bird, so precision 0/0 counts as 0.
        assertThat(eval.precision(2)).isZero();
        assertThat(eval.recall(2)).isZero();
        assertThat(eval.f1(2)).isZero();
        assertThat(eval.support(0)).isEqualTo(3);
        assertThat(eval.support(1)).isEqualTo(4);
        assertThat(eval.support(2)).isEqualTo(3);
        // Exact values sklearn gives (precision_recall_fscore_support(..., average=...)).
        assertThat(eval.macroPrecision()).isEqualTo(0.3333333333333333);
        assertThat(eval.macroRecall()).isEqualTo(0.47222222222222215);
        assertThat(eval.macroF1()).isEqualTo(0.38888888888888884);
        assertThat(eval.weightedPrecision()).isEqualTo(0.36);
        assertThat(eval.weightedRecall()).isEqualTo(0.5);
        assertThat(eval.weightedF1()).isEqualTo(0.41666666666666663);
    }

    @Test
    void reportMatchesSklearnWhenAClassIsNeverPredicted() {
        // from sklearn.metrics import classification_report
        // print(repr(classification_report([0, 0, 0, 1, 1, 1, 1, 2, 2, 2], [0, 1, 0, 1, 1, 0, 1, 0, 1, 0],
        //                                  target_names=["cat", "dog", "bird"])))
        String sklearn = "              precision    recall  f1-score   support\n"
                + "\n"
                + "         cat       0.40      0.67      0.50         3\n"
                + "         dog       0.60      0.75      0.67         4\n"
                + "        bird       0.00      0.00      0.00         3\n"
                + "\n"
                + "    accuracy                           0.50        10\n"
                + "   macro avg       0.33      0.47      0.39        10\n"
                + "weighted avg       0.36      0.50      0.42        10\n";

        assertThat(threeClassesOneNeverPredicted().classificationReport()).isEqualTo(sklearn);
    }

    @Test
    void classWithNoExamplesButSomePredictionsScoresZeroAndRoundsTiesToEvenLikePython() {
        // fox has support 0 yet is predicted once; cat's precision is exactly 5/8 = 0.625, which
        // Python prints as 0.62 (half to even) where String.format would print 0.63.
        // from sklearn.metrics import classification_report
        // print(repr(classification_report([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2],
        //                                  labels=[0, 1, 2], target_names=["cat", "dog", "fox"])))
        String sklearn = "              precision    recall  f1-score   support\n"
                + "\n"
                + "         cat       0.62      1.00      0.77         5\n"
                + "         dog       1.00      0.33      0.50         6\n"
                + "         fox       0.00      0.00      0.00         0\n"
                + "\n"
                + "    accuracy                           0.64        11\n"
                + "   macro avg       0.54      0.44      0.42        11\n"
                + "weighted avg       0.83      0.64      0.62        11\n";

        Evaluation eval = Evaluation.of(
                new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1},
                new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2},
                List.of("cat", "dog", "fox"),
                Double.NaN);

        assertThat(eval.support(2)).isZero();
        assertThat(eval.precision(2)).isZero();
        assertThat(eval.recall(2)).isZero();
        assertThat(eval.f1(2)).isZero();
        assertThat(eval.precision(0)).isEqualTo(0.625);
        assertThat(eval.macroPrecision()).isEqualTo(0.5416666666666666);
        assertThat(eval.macroRecall()).isEqualTo(0.4444444444444444);
        assertThat(eval.macroF1()).isEqualTo(0.4230769230769231);
        assertThat(eval.weightedPrecision()).isEqualTo(0.8295454545454546);
        assertThat(eval.weightedF1()).isEqualTo(0.6223776223776224);
        assertThat(eval.classificationReport()).isEqualTo(sklearn);
    }

    @Test
    void classNeitherActualNorPredictedCountsInMacroAverageAndTurnsAccuracyLineIntoMicroAvg() {
        // from sklearn.metrics import classification_report
        // print(repr(classification_report([0, 1, 1, 2, 2, 2], [0, 1, 2, 2, 2, 1], labels=[0, 1, 2, 3],
        //                                  target_names=["a", "b", "c", "unused"])))
        String sklearn = "              precision    recall  f1-score   support\n"
                + "\n"
                + "           a       1.00      1.00      1.00         1\n"
                + "           b       0.50      0.50      0.50         2\n"
                + "           c       0.67      0.67      0.67         3\n"
                + "      unused       0.00      0.00      0.00         0\n"
                + "\n"
                + "   micro avg       0.67      0.67      0.67         6\n"
                + "   macro avg       0.54      0.54      0.54         6\n"
                + "weighted avg       0.67      0.67      0.67         6\n";

        Evaluation eval = Evaluation.of(
                new int[] {0, 1, 1, 2, 2, 2},
                new int[] {0, 1, 2, 2, 2, 1},
                List.of("a", "b", "c", "unused"),
                Double.NaN);

        // (1 + 1/2 + 2/3 + 0) / 4: the unused class pulls the macro average down.
        assertThat(eval.macroF1()).isEqualTo(0.5416666666666666);
        assertThat(eval.weightedF1()).isEqualTo(0.6666666666666666);
        assertThat(eval.classificationReport()).isEqualTo(sklearn);
    }

    @Test
    void tenClassReportWithLongNamesAndFourDigitsMatchesSklearn() {
        // import numpy as np
        // from sklearn.metrics import classification_report
        // rng = np.random.default_rng(7)
        // y_true = rng.integers(0, 10, 60)
        // y_pred = np.where(rng.random(60) < 0.6, y_true, rng.integers(0, 10, 60))
        // names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        //          "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        // print(repr(classification_report(y_true, y_pred, target_names=names, digits=4)))
        String sklearn = "              precision    recall  f1-score   support\n"
                + "\n"
                + " T-shirt/top     0.5000    0.5000    0.5000         4\n"
                + "     Trouser     0.5000    0.6000    0.5455         5\n"
                + "    Pullover     1.0000    1.0000    1.0000         5\n"
                + "       Dress     0.6000    0.7500    0.6667         4\n"
                + "        Coat     0.7143    0.6250    0.6667         8\n"
                + "      Sandal     0.7500    0.4286    0.5455         7\n"
                + "       Shirt     0.6667    0.8000    0.7273         5\n"
                + "     Sneaker     0.5556    1.0000    0.7143         5\n"
                + "         Bag     1.0000    0.6000    0.7500        10\n"
                + "  Ankle boot     0.6250    0.7143    0.6667         7\n"
                + "\n"
                + "    accuracy                         0.6833        60\n"
                + "   macro avg     0.6912    0.7018    0.6782        60\n"
                + "weighted avg     0.7225    0.6833    0.6820        60\n";

        Evaluation eval = Evaluation.of(FASHION_ACTUAL, FASHION_PREDICTED, FASHION, 0.9);

        assertThat(eval.classificationReport(4)).isEqualTo(sklearn);
    }

    @Test
    void tenClassNumbersAreBitForBitSklearns() {
        // p, r, f, s = precision_recall_fscore_support(y_true, y_pred)   (same data as above)
        // and precision_recall_fscore_support(y_true, y_pred, average="macro" / "weighted")
        double[] precision = {
            0.5, 0.5, 1.0, 0.6, 0.7142857142857143, 0.75, 0.6666666666666666, 0.5555555555555556, 1.0, 0.625
        };
        double[] recall = {0.5, 0.6, 1.0, 0.75, 0.625, 0.42857142857142855, 0.8, 1.0, 0.6, 0.7142857142857143};
        double[] f1 = {
            0.5,
            0.5454545454545454,
            1.0,
            0.6666666666666665,
            0.6666666666666666,
            0.5454545454545454,
            0.7272727272727272,
            0.7142857142857143,
            0.7499999999999999,
            0.6666666666666666
        };
        int[] support = {4, 5, 5, 4, 8, 7, 5, 5, 10, 7};

        Evaluation eval = Evaluation.of(FASHION_ACTUAL, FASHION_PREDICTED, FASHION, 0.9);

        for (int k = 0; k < 10; k++) {
            assertThat(eval.precision(k)).as("precision of %s", FASHION.get(k)).isEqualTo(precision[k]);
            assertThat(eval.recall(k)).as("recall of %s", FASHION.get(k)).isEqualTo(recall[k]);
            assertThat(eval.f1(k)).as("f1 of %s", FASHION.get(k)).isEqualTo(f1[k]);
            assertThat(eval.support(k)).as("support of %s", FASHION.get(k)).isEqualTo(support[k]);
        }
        assertThat(eval.accuracy()).isEqualTo(0.6833333333333333);
        // Ten values: numpy sums them pairwise, not left to right.
        assertThat(eval.macroPrecision()).isEqualTo(0.6911507936507937);
        assertThat(eval.macroRecall()).isEqualTo(0.7017857142857143);
        assertThat(eval.macroF1()).isEqualTo(0.6782467532467533);
        assertThat(eval.weightedPrecision()).isEqualTo(0.7225066137566138);
        assertThat(eval.weightedRecall()).isEqualTo(0.6833333333333333);
        assertThat(eval.weightedF1()).isEqualTo(0.6819985569985569);
        assertThat(eval.confusionMatrix()[8]).containsExactly(0, 0, 0, 1, 0, 0, 1, 2, 6, 0);
    }

    @Test
    void perfectPredictionsScoreOneEverywhereAndReportMatchesSklearn() {
        // from sklearn.metrics import classification_report
        // print(repr(classification_report([2, 0, 1, 1, 2, 0], [2, 0, 1, 1, 2, 0],
        //                                  target_names=["setosa", "versicolor", "virginica"])))
        String sklearn = "              precision    recall  f1-score   support\n"
                + "\n"
                + "      setosa       1.00      1.00      1.00         2\n"
                + "  versicolor       1.00      1.00      1.00         2\n"
                + "   virginica       1.00      1.00      1.00         2\n"
                + "\n"
                + "    accuracy                           1.00         6\n"
                + "   macro avg       1.00      1.00      1.00         6\n"
                + "weighted avg       1.00      1.00      1.00         6\n";
        int[] labels = {2, 0, 1, 1, 2, 0};

        Evaluation eval = Evaluation.of(labels, labels, List.of("setosa", "versicolor", "virginica"), 0.01);

        assertThat(eval.accuracy()).isEqualTo(1.0);
        assertThat(eval.macroPrecision()).isEqualTo(1.0);
        assertThat(eval.macroRecall()).isEqualTo(1.0);
        assertThat(eval.macroF1()).isEqualTo(1.0);
        assertThat(eval.weightedF1()).isEqualTo(1.0);
        assertThat(eval.confusionMatrix()).isDeepEqualTo(new int[][] {{2, 0, 0}, {0, 2, 0}, {0, 0, 2}});
        assertThat(eval.classificationReport()).isEqualTo(sklearn);
    }

    @Test
    void reportWidensTheNameColumnForNamesLongerThanWeightedAvg() {
        Evaluation eval =
                Evaluation.of(new int[] {0, 1}, new int[] {0, 1}, List.of("a rather long class name", "b"), Double.NaN);

        String[] lines = eval.classificationReport().split("\n");

        assertThat(lines[0]).isEqualTo(" ".repeat(24) + "  precision    recall  f1-score   support");
        assertThat(lines[2]).isEqualTo("a rather long class name       1.00      1.00      1.00         1");
        assertThat(lines[7]).isEqualTo("            weighted avg       1.00      1.00      1.00         2");
    }

    @Test
    void confusionMatrixTextHasClassNamesAsHeaders() {
        String expected = "actual \\ predicted  cat  dog  bird\n"
                + "cat                   2    1     0\n"
                + "dog                   1    3     0\n"
                + "bird                  2    1     0\n";

        assertThat(threeClassesOneNeverPredicted().confusionMatrixText()).isEqualTo(expected);
    }

    @Test
    void toStringSummarisesOnOneLine() {
        assertThat(threeClassesOneNeverPredicted().toString())
                .isEqualTo("Evaluation[examples=10, accuracy=0.5000, loss=0.7500, macroF1=0.3889]");
        assertThat(Evaluation.of(new int[] {0}, new int[] {0}, List.of("only"), Double.NaN)
                        .toString())
                .isEqualTo("Evaluation[examples=1, accuracy=1.0000, loss=unknown, macroF1=1.0000]");
    }

    @Test
    void isImmutable() {
        int[] actual = {0, 1, 1};
        int[] predicted = {0, 1, 0};
        List<String> names = new ArrayList<>(List.of("x", "y"));
        Evaluation eval = Evaluation.of(actual, predicted, names, Double.NaN);

        actual[2] = 0;
        names.set(0, "changed");
        eval.confusionMatrix()[0][0] = 99;

        assertThat(eval.confusionMatrix()).isDeepEqualTo(new int[][] {{1, 0}, {1, 1}});
        assertThat(eval.classNames()).containsExactly("x", "y");
        assertThatThrownBy(() -> eval.classNames().add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsArraysOfDifferentLengths() {
        assertThatThrownBy(() -> Evaluation.of(new int[] {0, 1, 1}, new int[] {0, 1}, List.of("x", "y"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot evaluate 2 predictions against 3 actual labels: give one prediction per example");
    }

    @Test
    void rejectsLabelsThatAreNotClassIndices() {
        assertThatThrownBy(() -> Evaluation.of(new int[] {0, 2}, new int[] {0, 1}, List.of("x", "y"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actual label 2 of example 1 is not a class index: there are 2 classes, numbered 0 to 1");
        assertThatThrownBy(() -> Evaluation.of(new int[] {0, 1}, new int[] {-1, 1}, List.of("x", "y"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "predicted label -1 of example 0 is not a class index: there are 2 classes, numbered 0 to 1");
    }

    @Test
    void rejectsNoExamplesNoClassesAndNegativeDigits() {
        assertThatThrownBy(() -> Evaluation.of(new int[0], new int[0], List.of("x"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nothing to evaluate: there are no examples");
        assertThatThrownBy(() -> Evaluation.of(new int[] {0}, new int[] {0}, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot evaluate without class names: give one name per class index");
        assertThatThrownBy(() -> threeClassesOneNeverPredicted().classificationReport(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a classification report needs 0 or more digits, not -1");
    }

    @Test
    void rejectsQuestionsAboutAClassThatDoesNotExist() {
        assertThatThrownBy(() -> threeClassesOneNeverPredicted().precision(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 3 does not exist: there are 3 classes, numbered 0 to 2");
    }
}
