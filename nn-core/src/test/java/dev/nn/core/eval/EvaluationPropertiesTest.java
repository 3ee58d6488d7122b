package dev.nn.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class EvaluationPropertiesTest {

    @Property(tries = 200)
    void accuracyIsTheConfusionMatrixTraceOverSizeAndEqualsWeightedRecall(
            @ForAll @IntRange(min = 1, max = 12) int classes,
            @ForAll @IntRange(min = 1, max = 300) int examples,
            @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] actual = new int[examples];
        int[] predicted = new int[examples];
        for (int i = 0; i < examples; i++) {
            actual[i] = random.nextInt(classes);
            // Mostly right, as a trained classifier would be, so the diagonal is not trivially small.
            predicted[i] = random.nextDouble() < 0.7 ? actual[i] : random.nextInt(classes);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }

        Evaluation eval = Evaluation.of(actual, predicted, names, Double.NaN);

        int[][] matrix = eval.confusionMatrix();
        int trace = 0;
        int total = 0;
        for (int a = 0; a < classes; a++) {
            trace += matrix[a][a];
            for (int p = 0; p < classes; p++) {
                total += matrix[a][p];
            }
        }
        assertThat(total).isEqualTo(examples);
        assertThat(eval.size()).isEqualTo(examples);
        assertThat(eval.accuracy()).isEqualTo((double) trace / examples);
        assertThat(eval.weightedRecall()).isCloseTo(eval.accuracy(), within(1e-12));
    }
}
