package dev.nn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {

    /** 100 examples of 3 classes (50/30/20); feature 0 is the example's index, feature 1 a constant. */
    static Dataset data() {
        Matrix x = new Matrix(100, 2);
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            x.set(i, 0, i);
            x.set(i, 1, 7);
            y[i] = i < 50 ? 0 : i < 80 ? 1 : 2;
        }
        return Dataset.classification("toy", x, y, List.of("a", "b", "c"));
    }

    @Test
    void stratifiedSplitKeepsClassProportionsAndUsesEveryExampleOnce() {
        Split split = data().split(0.2, 0.25, 5, true);
        assertThat(split.test().classCounts()).containsExactly(10, 6, 4);
        assertThat(split.validation().classCounts()).containsExactly(10, 6, 4);
        assertThat(split.train().classCounts()).containsExactly(30, 18, 12);
        Set<Float> seen = new HashSet<>();
        for (Dataset part : List.of(split.train(), split.validation(), split.test())) {
            for (int r = 0; r < part.size(); r++) {
                assertThat(seen.add(part.features().get(r, 0))).isTrue();
                float index = part.features().get(r, 0);
                assertThat(part.labels()[r]).isEqualTo(index < 50 ? 0 : index < 80 ? 1 : 2);
            }
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void namesOfFeaturesAndTargetsGoWithEveryPartOfASplit() {
        Matrix x = new Matrix(10, 2);
        Matrix t = new Matrix(10, 1);
        Dataset named = Dataset.regression("r", x, t).withNames(List.of("rooms", "city=Paris"), List.of("price"));
        Split split = named.split(0.2, 0.25, 1, false);
        for (Dataset part : List.of(split.train(), split.validation(), split.test())) {
            assertThat(part.featureNames()).containsExactly("rooms", "city=Paris");
            assertThat(part.targetNames()).containsExactly("price");
        }
        assertThat(named.withFeatures(new Matrix(10, 3)).featureNames()).isEmpty();
        assertThatThrownBy(() -> named.withNames(List.of("a"), List.of()))
                .hasMessage("r: 1 feature names for 2 features");
        assertThatThrownBy(() -> data().withNames(List.of(), List.of("y")))
                .hasMessage("toy: 1 target names for a classification dataset");
    }

    @Test
    void aRawTableGoesWithEveryPartOfASplitAndWithAFixedTestSplit() {
        List<TableColumn> columns =
                List.of(TableColumn.number("rooms"), TableColumn.category("city", List.of("a", "b")));
        Matrix x = new Matrix(10, 2);
        for (int r = 0; r < 10; r++) {
            x.set(r, 0, r == 3 ? Float.NaN : r);
            x.set(r, 1, r % 2);
        }
        Dataset train = Dataset.regression("t", x, new Matrix(10, 1)).withTable(columns);
        Dataset table = train.withTest(
                Dataset.regression("u", new Matrix(4, 2), new Matrix(4, 1)).withTable(columns));
        Split split = table.split(0.2, 0.25, 1, false);
        for (Dataset part : List.of(split.train(), split.validation(), split.test(), table.named("n"))) {
            assertThat(part.table()).isEqualTo(columns);
        }
        Dataset noTest = train.split(0.2, 0.25, 1, false).test();
        assertThat(noTest.table()).isEqualTo(columns);
        assertThat(table.withFeatures(new Matrix(10, 3)).table()).isEmpty();
        assertThat(table.withFeatures(new Matrix(10, 2)).table()).isEqualTo(columns);
        assertThat(table.withTable(List.of()).table()).isEmpty();
        assertThat(table.withTable(List.of()).test().orElseThrow().table()).isEmpty();
        assertThat(data().table()).isEmpty();
    }

    @Test
    void aTableMustHaveOneColumnPerFeatureAndOnlyCodesInCategoryAndBooleanFeatures() {
        Matrix x = new Matrix(3, 2);
        x.set(2, 1, 2);
        Dataset d = Dataset.regression("t", x, new Matrix(3, 1));
        assertThatThrownBy(() -> d.withTable(List.of(TableColumn.number("a"))))
                .hasMessage("t: 1 table columns for 2 features");
        assertThatThrownBy(() -> d.withTable(List.of(TableColumn.number("a"), TableColumn.bool("b"))))
                .hasMessage("t: feature 1 (boolean column 'b') of example 2 is 2.0, which is not one of its 2 codes");
        assertThat(d.withTable(List.of(TableColumn.number("a"), TableColumn.category("b", List.of("x", "y", "z"))))
                        .table())
                .hasSize(2);
        x.set(0, 1, 0.5f);
        assertThatThrownBy(() -> d.withTable(
                        List.of(TableColumn.number("a"), TableColumn.category("b", List.of("x", "y", "z")))))
                .hasMessage("t: feature 1 (category column 'b') of example 0 is 0.5, which is not one of its 3 codes");
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() {
        float[] a = data().split(0.3, 1).test().features().data();
        float[] b = data().split(0.3, 1).test().features().data();
        float[] c = data().split(0.3, 2).test().features().data();
        assertThat(a).containsExactly(b);
        assertThat(Arrays.equals(a, c)).isFalse();
    }

    @Test
    void standardizeIsFittedOnTheTrainingPartOnly() {
        Split split = data().split(0.5, 3).standardize();
        Matrix train = split.train().features();
        double mean = 0;
        double sq = 0;
        for (int r = 0; r < train.rows(); r++) {
            mean += train.get(r, 0);
        }
        mean /= train.rows();
        for (int r = 0; r < train.rows(); r++) {
            sq += (train.get(r, 0) - mean) * (train.get(r, 0) - mean);
        }
        assertThat(mean).isCloseTo(0, within(1e-5));
        assertThat(sq / train.rows()).isCloseTo(1, within(1e-4));
        // The constant feature is only centred, as scikit-learn's StandardScaler does.
        assertThat(train.get(0, 1)).isEqualTo(0f);
        FeatureTransform t = split.preprocessing().steps().get(0);
        Matrix raw = data().split(0.5, 3).test().features();
        assertThat(split.test().features()).isEqualTo(t.apply(raw));
        assertThat(split.preprocess(raw)).isEqualTo(split.test().features());
    }

    @Test
    void minmaxAndScaleMapTheTrainingRangeAsDocumented() {
        Split minmax = data().split(0.2, 9).minmax();
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (int r = 0; r < minmax.train().size(); r++) {
            lo = Math.min(lo, minmax.train().features().get(r, 0));
            hi = Math.max(hi, minmax.train().features().get(r, 0));
        }
        assertThat(lo).isEqualTo(0f);
        assertThat(hi).isEqualTo(1f);
        Split scaled = data().split(0.2, 9).scale(0.5);
        assertThat(scaled.train().features().get(0, 1)).isEqualTo(3.5f);
    }

    @Test
    void aFixedTestSplitIsUsedAsIs() {
        Dataset test =
                Dataset.classification("toy-test", new Matrix(4, 2), new int[] {0, 1, 2, 0}, List.of("a", "b", "c"));
        Split split = data().withTest(test).split(0.5, 0.1, 1, true);
        assertThat(split.test().size()).isEqualTo(4);
        assertThat(split.train().size() + split.validation().size()).isEqualTo(100);
    }

    @Test
    void badLabelsAndFractionsAreRejectedWithAMessage() {
        assertThatThrownBy(() -> Dataset.classification("d", new Matrix(2, 1), new int[] {0, 3}, List.of("a", "b")))
                .hasMessage("d: label 3 of example 1 is outside the 2 classes");
        assertThatThrownBy(() -> Dataset.classification("d", new Matrix(2, 1), new int[] {0}, List.of("a")))
                .hasMessage("d: 2 examples but 1 labels");
        assertThatThrownBy(() -> data().split(1.0, 1)).hasMessage("test fraction must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> Matrix.wrap(2, 2, new float[3]))
                .hasMessage("a 2x2 matrix needs 4 values, the array has 3");
    }

    @Test
    void inPlaceGivesTheValuesOfTheCopyingStepsAndChangesTheDataItself() {
        Split copied = data().split(0.2, 0.25, 5, true).scale(0.5).standardize();
        Split loaded = data().split(0.2, 0.25, 5, true);
        Matrix trainFeatures = loaded.train().features();
        Split inPlace = loaded.thenInPlace(FeatureTransform.scale(2, 0.5));
        inPlace =
                inPlace.thenInPlace(FeatureTransform.standardize(inPlace.train().features()));

        for (int part = 0; part < 3; part++) {
            Dataset a =
                    List.of(copied.train(), copied.validation(), copied.test()).get(part);
            Dataset b = List.of(inPlace.train(), inPlace.validation(), inPlace.test())
                    .get(part);
            assertThat(b.features().data()).containsExactly(a.features().data());
        }
        assertThat(inPlace.preprocessing().steps()).hasSize(2);
        assertThat(inPlace.train().features()).isSameAs(trainFeatures);
        assertThat(loaded.train().features().get(0, 1))
                .as("the loaded split's own matrix, changed")
                .isEqualTo(0f);
    }

    @Test
    void inPlaceTransformsAMatrixTwoPartsShareOnce() {
        Dataset all = data();
        Split shared = new Split(all, null, all, Preprocessing.NONE).thenInPlace(FeatureTransform.scale(2, 0.5));
        assertThat(shared.train().features().get(4, 0)).isEqualTo(2f);
    }
}
