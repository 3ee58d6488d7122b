package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.Dataset;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.plugins.Datasets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled tables, loaded through the real registry as YAML's {@code data: {dataset: NAME}}
 * loads them: scikit-learn 1.2.1's data, checked against figures its {@code load_*} functions give
 * (sizes, class names and counts, column sums, printed by Debian's python3-sklearn).
 */
class TablesProviderTest {

    private static Dataset byName(String name) {
        return PluginRegistry.defaultRegistry()
                .dataset(Spec.of(name), "data.dataset", Path.of("").toAbsolutePath(), 0);
    }

    /** The sum of each feature column, in double, to compare with numpy's sums of sklearn's float64 data. */
    private static double[] columnSums(Dataset d) {
        double[] sums = new double[d.inputSize()];
        for (int r = 0; r < d.size(); r++) {
            for (int c = 0; c < d.inputSize(); c++) {
                sums[c] += d.features().get(r, c);
            }
        }
        return sums;
    }

    private static void assertSums(double[] actual, double... expected) {
        for (int c = 0; c < expected.length; c++) {
            // The table's values are float32 here (about 7 digits), sklearn's float64.
            assertThat(actual[c]).as("column %d", c).isCloseTo(expected[c], within(Math.abs(expected[c]) * 1e-6));
        }
    }

    @Test
    void irisIsScikitLearnsLoadIris() {
        Dataset iris = byName("iris");

        assertThat(iris.size()).isEqualTo(150);
        assertThat(iris.featureNames()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
        assertThat(iris.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(iris.classCounts()).containsExactly(50, 50, 50);
        // sklearn: load_iris().data.sum(axis=0)
        assertSums(columnSums(iris), 876.5, 458.6, 563.7, 179.9);
        assertThat(iris.features().row(0)).containsExactly(5.1f, 3.5f, 1.4f, 0.2f);
        assertThat(iris.test()).isEmpty();
    }

    @Test
    void wineIsScikitLearnsLoadWine() {
        Dataset wine = byName("wine");

        assertThat(wine.size()).isEqualTo(178);
        assertThat(wine.inputSize()).isEqualTo(13);
        assertThat(wine.featureNames())
                .startsWith("alcohol", "malic_acid", "ash")
                .endsWith("proline");
        assertThat(wine.classNames()).containsExactly("class_0", "class_1", "class_2");
        assertThat(wine.classCounts()).containsExactly(59, 71, 48);
        assertSums(columnSums(wine), 2314.11, 415.87, 421.24, 3470.1);
    }

    @Test
    void breastCancerIsScikitLearnsLoadBreastCancerWithItsClassOrder() {
        Dataset cancer = byName("breast_cancer");

        assertThat(cancer.size()).isEqualTo(569);
        assertThat(cancer.inputSize()).isEqualTo(30);
        assertThat(cancer.featureNames()).startsWith("mean_radius").endsWith("worst_fractal_dimension");
        // sklearn's target 0 is malignant.
        assertThat(cancer.classNames()).containsExactly("malignant", "benign");
        assertThat(cancer.classCounts()).containsExactly(212, 357);
        assertThat(cancer.labels()[0]).isZero();
        assertSums(columnSums(cancer), 8038.429, 10975.81, 52330.38, 372631.9);
    }

    @Test
    void diabetesIsTheRawLoadDiabetesWithOneNamedTarget() {
        Dataset diabetes = byName("diabetes");

        assertThat(diabetes.isClassification()).isFalse();
        assertThat(diabetes.size()).isEqualTo(442);
        assertThat(diabetes.featureNames())
                .containsExactly("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");
        assertThat(diabetes.targetNames()).containsExactly("progression");
        assertThat(diabetes.targets().cols()).isEqualTo(1);
        // sklearn: load_diabetes(scaled=False).data.sum(axis=0)[:4] and .target.sum()
        assertSums(columnSums(diabetes), 21445.0, 649.0, 11658.1, 41833.98);
        double targets = 0;
        for (float v : diabetes.targets().data()) {
            targets += v;
        }
        assertThat(targets).isEqualTo(67243.0);
        assertThat(diabetes.targets().get(0, 0)).isEqualTo(151f);
    }

    @Test
    void linnerudHasThreeNamedTargets() {
        Dataset linnerud = byName("linnerud");

        assertThat(linnerud.size()).isEqualTo(20);
        assertThat(linnerud.featureNames()).containsExactly("Chins", "Situps", "Jumps");
        assertThat(linnerud.targetNames()).containsExactly("Weight", "Waist", "Pulse");
        assertSums(columnSums(linnerud), 189.0, 2911.0, 1406.0);
        double[] targets = new double[3];
        for (int r = 0; r < linnerud.size(); r++) {
            for (int t = 0; t < 3; t++) {
                targets[t] += linnerud.targets().get(r, t);
            }
        }
        // sklearn: load_linnerud().target.sum(axis=0)
        assertThat(targets).containsExactly(3572.0, 708.0, 1122.0);
        assertThat(linnerud.targets().row(0)).containsExactly(191f, 36f, 50f);
    }

    @Test
    void theFactoriesGiveWhatTheNamesGive() {
        assertThat(Datasets.iris().features()).isEqualTo(byName("iris").features());
        assertThat(Datasets.wine().labels()).isEqualTo(byName("wine").labels());
        assertThat(Datasets.breastCancer().classNames())
                .isEqualTo(byName("breast_cancer").classNames());
        assertThat(Datasets.diabetes().targets()).isEqualTo(byName("diabetes").targets());
        assertThat(Datasets.linnerud().targetNames())
                .isEqualTo(byName("linnerud").targetNames());
        assertThat(dev.nn.Nn.linnerud().targets()).isEqualTo(Datasets.linnerud().targets());
        assertThat(dev.nn.Nn.iris().featureNames()).isEqualTo(Datasets.iris().featureNames());
    }

    @Test
    void namesSurviveTheSplitSoPerOutputFiguresCanUseThem() {
        var split = Datasets.linnerud().split(0.2, 0.0, 3, false);

        assertThat(split.test().targetNames()).containsExactly("Weight", "Waist", "Pulse");
        assertThat(split.train().featureNames()).containsExactly("Chins", "Situps", "Jumps");
        assertThat(split.test().size() + split.train().size()).isEqualTo(20);
    }

    @Test
    void changingOneLoadedTableDoesNotChangeTheNext() {
        for (String name : List.of("iris", "linnerud")) {
            Dataset first = byName(name);
            float before = first.features().get(0, 0);
            first.features().data()[0] = 99f;
            if (first.isClassification()) {
                first.labels()[0] = 2;
            } else {
                first.targets().data()[0] = -1f;
            }

            Dataset second = byName(name);

            assertThat(second.features().get(0, 0)).as(name).isEqualTo(before);
            if (second.isClassification()) {
                assertThat(second.labels()[0]).isZero();
            } else {
                assertThat(second.targets().get(0, 0)).isEqualTo(191f);
            }
        }
    }
}
