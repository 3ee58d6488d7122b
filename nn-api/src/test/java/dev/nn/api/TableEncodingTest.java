package dev.nn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableEncodingTest {
    private static final float NA = Float.NaN;
    /** Paris and Berlin are in the training rows; Rome only in rows held out later. */
    private static final List<String> CITIES = List.of("Paris", "Berlin", "Rome");

    static List<TableColumn> columns(Unseen unseen) {
        return List.of(
                new TableColumn("rooms", ColumnType.NUMBER, List.of(), Missing.MEDIAN, null, Unseen.ZEROS),
                new TableColumn("city", ColumnType.CATEGORY, CITIES, Missing.MOST_FREQUENT, null, unseen),
                new TableColumn(
                        "smoker",
                        ColumnType.BOOLEAN,
                        List.of("false", "true"),
                        Missing.MOST_FREQUENT,
                        null,
                        Unseen.ZEROS),
                new TableColumn("area", ColumnType.NUMBER, List.of(), Missing.MEAN, null, Unseen.ZEROS));
    }

    /** A raw table: rooms, city code, smoker, area; price as the target. */
    static Dataset raw(String name, float[][] rows, List<TableColumn> columns) {
        Matrix targets = new Matrix(rows.length, 1);
        for (int r = 0; r < rows.length; r++) {
            targets.set(r, 0, 100 * (r + 1));
        }
        return Dataset.regression(name, Matrix.of(rows), targets)
                .withNames(columns.stream().map(TableColumn::name).toList(), List.of("price"))
                .withTable(columns);
    }

    static Dataset training(Unseen unseen) {
        return raw(
                "houses",
                new float[][] {
                    {3, 0, 1, 50},
                    {NA, 1, 0, 70},
                    {5, NA, NA, NA},
                    {1, 1, 0, 40},
                    {4, 0, 1, 80},
                },
                columns(unseen));
    }

    @Test
    void fillValuesAndVocabulariesComeFromTheTrainingPartAlone() {
        TableEncoding e = TableEncoding.fit(training(Unseen.ZEROS));

        // numpy.median([3, 5, 1, 4]) = 3.5; mean([50, 70, 40, 80]) = 60.
        assertThat(e.columns().get(0).fill()).isEqualTo(3.5f);
        assertThat(e.columns().get(3).fill()).isEqualTo(60f);
        // Paris and Berlin both twice: the first in levels order wins; Rome never occurs in training.
        assertThat(e.columns().get(1).vocabulary()).containsExactly("Paris", "Berlin");
        assertThat(e.columns().get(1).fillLevel()).isEqualTo("Paris");
        // Two false, two true: false, the first of the levels.
        assertThat(e.columns().get(2).fill()).isEqualTo(0f);
        assertThat(e.featureNames()).containsExactly("rooms", "city=Paris", "city=Berlin", "smoker", "area");
        assertThat(e.width()).isEqualTo(5);
        assertThat(e.indicators()).containsExactly(false, true, true, true, false);
        assertThat(e.targetNames()).containsExactly("price");
        assertThat(e.missingValues()).isEqualTo(TableColumn.DEFAULT_MISSING_VALUES);
    }

    @Test
    void applyEncodesEveryColumnAndFillsMissingCells() {
        Dataset train = training(Unseen.ZEROS);
        Dataset encoded = TableEncoding.fit(train).apply(train);

        assertThat(encoded.featureNames()).containsExactly("rooms", "city=Paris", "city=Berlin", "smoker", "area");
        assertThat(encoded.targetNames()).containsExactly("price");
        assertThat(encoded.table()).isEmpty();
        assertThat(encoded.features().row(0)).containsExactly(3, 1, 0, 1, 50);
        assertThat(encoded.features().row(1)).containsExactly(3.5f, 0, 1, 0, 70);
        assertThat(encoded.features().row(2)).containsExactly(5, 1, 0, 0, 60);
        assertThat(encoded.targets().data()).containsExactly(100, 200, 300, 400, 500);
    }

    @Test
    void aValueUnseenInTrainingIsAllZerosOrAnErrorNamingColumnValueAndRow() {
        float[][] rows = {{2, 1, 1, 30}, {2, 2, 0, 30}};
        Dataset heldOut = raw("houses/test", rows, columns(Unseen.ZEROS));
        TableEncoding zeros = TableEncoding.fit(training(Unseen.ZEROS));

        assertThat(zeros.apply(heldOut).features().row(1)).containsExactly(2, 0, 0, 0, 30);

        TableEncoding strict = TableEncoding.fit(training(Unseen.ERROR));
        assertThatThrownBy(() -> strict.apply(raw("houses/test", rows, columns(Unseen.ERROR))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("houses/test: column 'city': 'Rome' is not one of the values of the training part"
                        + " (Paris, Berlin), and its unseen rule is error; set unseen: zeros to encode it as all"
                        + " zeros, or train on data that has it (row 2)");
    }

    @Test
    void codesAreReadThroughTheDatasetsOwnLevels() {
        // A test file that met Lyon first has other codes for the same words.
        List<TableColumn> other = List.of(
                columns(Unseen.ZEROS).get(0),
                new TableColumn(
                        "city",
                        ColumnType.CATEGORY,
                        List.of("Lyon", "Berlin", "Paris"),
                        Missing.MOST_FREQUENT,
                        null,
                        Unseen.ZEROS),
                columns(Unseen.ZEROS).get(2),
                columns(Unseen.ZEROS).get(3));
        Dataset test = raw("t", new float[][] {{1, 2, 0, 1}, {1, 0, 0, 1}, {1, 1, 0, 1}}, other);

        Matrix x = TableEncoding.fit(training(Unseen.ZEROS)).apply(test).features();

        assertThat(x.row(0)).containsExactly(1, 1, 0, 0, 1);
        assertThat(x.row(1)).containsExactly(1, 0, 0, 0, 1);
        assertThat(x.row(2)).containsExactly(1, 0, 1, 0, 1);
    }

    @Test
    void textRowsAreReadByColumnNameInAnyOrderWithExtraColumnsIgnored() {
        TableEncoding e = TableEncoding.fit(training(Unseen.ZEROS));
        TableEncoding.Encoder encoder = e.forHeader(List.of("id", "area", " smoker", "city", "rooms", "note"));
        float[] out = new float[2 * e.width()];

        encoder.encode(List.of("7", "55.5", "yes", "Berlin", "NA", "x"), out, 0);
        encoder.encode(List.of("8", "", "N", "Rome", "2", "x"), out, e.width());

        assertThat(Arrays.copyOfRange(out, 0, 5)).containsExactly(3.5f, 0, 1, 1, 55.5f);
        // Rome was never in training: all zeros; an empty area is the training mean.
        assertThat(Arrays.copyOfRange(out, 5, 10)).containsExactly(2, 0, 0, 0, 60);
    }

    @Test
    void aHeaderWithoutAColumnOfTheModelNamesIt() {
        TableEncoding e = TableEncoding.fit(training(Unseen.ZEROS));

        assertThatThrownBy(() -> e.forHeader(List.of("rooms", "city", "area")))
                .hasMessage("the header has no column 'smoker', which the model needs (it takes rooms, city, smoker,"
                        + " area)");
        assertThatThrownBy(() -> e.forHeader(List.of("rooms", "city", "smoker", "area", "city")))
                .hasMessage("the header has the column 'city' twice");
    }

    @Test
    void aCellThatDoesNotFitItsColumnNamesTheColumn() {
        TableEncoding.Encoder encoder =
                TableEncoding.fit(training(Unseen.ERROR)).forHeader(List.of("rooms", "city", "smoker", "area"));
        float[] out = new float[5];

        assertThatThrownBy(() -> encoder.encode(List.of("three", "Paris", "yes", "1"), out, 0))
                .hasMessage("column 'rooms': value 'three' is not a number");
        assertThatThrownBy(() -> encoder.encode(List.of("3", "Paris", "maybe", "1"), out, 0))
                .hasMessage("column 'smoker': value 'maybe' is not true or false (nor yes/no, y/n, t/f or 1/0)");
        assertThatThrownBy(() -> encoder.encode(List.of("3", "Rome", "yes", "1"), out, 0))
                .hasMessage("column 'city': 'Rome' is not one of the values of the training part (Paris, Berlin),"
                        + " and its unseen rule is error; set unseen: zeros to encode it as all zeros, or train on"
                        + " data that has it");
        assertThatThrownBy(() -> encoder.encode(List.of("3", "Paris"), out, 0))
                .hasMessage("the row has 2 values, so no column 'smoker' (the header has 4)");
    }

    @Test
    void aMapRowTakesStringsNumbersBooleansAndNullForMissing() {
        TableEncoding e = TableEncoding.fit(training(Unseen.ZEROS));
        Map<String, Object> row = new HashMap<>();
        row.put("rooms", 2);
        row.put("city", "Berlin");
        row.put("smoker", true);
        row.put("area", null);
        row.put("ignored", List.of());

        assertThat(e.encode(row)).containsExactly(2, 0, 1, 1, 60);

        row.put("rooms", "4.5");
        row.put("smoker", 0);
        row.put("area", Double.NaN);
        assertThat(e.encode(row)).containsExactly(4.5f, 0, 1, 0, 60);

        row.remove("city");
        assertThatThrownBy(() -> e.encode(row))
                .hasMessage("no value for the column 'city'; give every column the model was trained on (null for a"
                        + " missing value): rooms, city, smoker, area");
        row.put("city", "Paris");
        row.put("rooms", false);
        assertThatThrownBy(() -> e.encode(row))
                .hasMessage("column 'rooms': false is a boolean, but the column holds numbers");
    }

    @Test
    void aMissingCellOfADropRowOrErrorColumnIsAnErrorWhenPredicting() {
        List<TableColumn> cols = List.of(
                new TableColumn("rooms", ColumnType.NUMBER, List.of(), Missing.DROP_ROW, null, Unseen.ZEROS),
                new TableColumn("area", ColumnType.NUMBER, List.of(), Missing.ERROR, null, Unseen.ZEROS));
        Dataset train = raw("t", new float[][] {{1, 10}, {NA, 20}, {3, 30}}, cols);
        TableEncoding e = TableEncoding.fit(train);

        // The row with no rooms is left out, target and all.
        Dataset encoded = e.apply(train);
        assertThat(encoded.features().data()).containsExactly(1, 10, 3, 30);
        assertThat(encoded.targets().data()).containsExactly(100, 300);
        TableEncoding.Encoder encoder = e.forHeader(List.of("rooms", "area"));
        assertThatThrownBy(() -> encoder.encode(List.of("", "4"), new float[2], 0))
                .hasMessage("column 'rooms' is missing, and the model was trained with missing: drop_row for it, so"
                        + " it cannot fill it in; give a value");
        assertThatThrownBy(() -> e.apply(raw("t", new float[][] {{1, NA}}, cols)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t: column 'area' has a missing cell in row 1, and its missing rule is error; fill it in,"
                        + " or choose another rule");
    }

    @Test
    void aConstantFillHasItsOwnFeatureForACategory() {
        List<TableColumn> cols = List.of(
                new TableColumn(
                        "plan",
                        ColumnType.CATEGORY,
                        List.of("a", "b", "none", "c"),
                        Missing.CONSTANT,
                        "none",
                        Unseen.ZEROS),
                new TableColumn("kids", ColumnType.NUMBER, List.of(), Missing.CONSTANT, "0", Unseen.ZEROS),
                new TableColumn(
                        "zone", ColumnType.CATEGORY, List.of("x", "y", "z"), Missing.CONSTANT, "y", Unseen.ZEROS));
        Dataset train = raw("t", new float[][] {{3, NA, 2}, {NA, 3, 0}, {0, 1, NA}}, cols);
        TableEncoding e = TableEncoding.fit(train);

        // plan's training part has a and c; its fill, none, joins them in levels order; b, never seen, does not.
        assertThat(e.featureNames())
                .containsExactly("plan=a", "plan=none", "plan=c", "kids", "zone=x", "zone=y", "zone=z");
        assertThat(e.apply(train).features().row(1)).containsExactly(0, 1, 0, 3, 1, 0, 0);
        assertThat(e.apply(train).features().row(0)).containsExactly(0, 0, 1, 0, 0, 0, 1);
        assertThat(e.apply(train).features().row(2)).containsExactly(1, 0, 0, 1, 0, 1, 0);
    }

    @Test
    void aColumnWithNothingToFillFromIsAnErrorNamingIt() {
        List<TableColumn> cols =
                List.of(new TableColumn("rooms", ColumnType.NUMBER, List.of(), Missing.MEAN, null, Unseen.ZEROS));

        assertThatThrownBy(() -> TableEncoding.fit(raw("t", new float[][] {{NA}, {NA}}, cols)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t: column 'rooms': every cell of the training part is missing, so there is no mean to"
                        + " fill with; drop the column, or give missing: constant with a fill");
        assertThatThrownBy(() -> TableEncoding.fit(Dataset.regression("plain", new Matrix(2, 1), new Matrix(2, 1))))
                .hasMessage("plain is not a raw table (it has no table columns)");
    }

    @Test
    void theMostFrequentNumberIsTheSmallestOnATie() {
        List<TableColumn> cols =
                List.of(new TableColumn("n", ColumnType.NUMBER, List.of(), Missing.MOST_FREQUENT, null, Unseen.ZEROS));

        TableEncoding e = TableEncoding.fit(raw("t", new float[][] {{5}, {2}, {5}, {2}, {NA}, {9}}, cols));

        assertThat(e.columns().get(0).fill()).isEqualTo(2f);
    }

    @Test
    void theTableGoesWithEveryPartOfASplitAndTheFixedTestSplit() {
        Dataset train = training(Unseen.ZEROS);
        Dataset withTest = train.withTest(raw("houses-test", new float[][] {{1, 2, 0, 1}}, columns(Unseen.ZEROS)));
        Split split = withTest.split(0, 0.4, 3, false);

        for (Dataset part : List.of(split.train(), split.validation(), split.test())) {
            assertThat(part.table()).isEqualTo(columns(Unseen.ZEROS));
        }
        assertThat(train.named("x").table()).hasSize(4);
        assertThat(train.subset(new int[] {1}).table()).hasSize(4);
        assertThatThrownBy(() -> train.withTable(columns(Unseen.ZEROS).subList(0, 2)))
                .hasMessage("houses: 2 table columns for 4 features");
    }

    @Test
    void aSplitEncodesItsTableThenScalesOnlyTheNumbers() {
        Dataset train = training(Unseen.ZEROS);
        Split split = new Split(
                        train,
                        null,
                        raw("test", new float[][] {{2, 2, NA, 30}}, columns(Unseen.ZEROS)),
                        Preprocessing.NONE)
                .encodeTable()
                .standardize()
                .minmax()
                .standardizeTargets();

        Preprocessing p = split.preprocessing();
        assertThat(p.table().featureNames()).containsExactly("rooms", "city=Paris", "city=Berlin", "smoker", "area");
        for (FeatureTransform step : p.steps()) {
            assertThat(new float[] {step.shift()[1], step.shift()[2], step.shift()[3]})
                    .containsOnly(0f);
            assertThat(new float[] {step.scale()[1], step.scale()[2], step.scale()[3]})
                    .containsOnly(1f);
            assertThat(step.scale()[0]).isNotEqualTo(1f);
        }
        // One-hot and boolean features stay 0/1; Rome is all zeros, a missing smoker the training's false.
        assertThat(Arrays.copyOfRange(split.test().features().row(0), 1, 4)).containsExactly(0, 0, 0);
        assertThat(Arrays.copyOfRange(split.train().features().row(0), 1, 4)).containsExactly(1, 0, 1);
        // Targets stay in their own units in every part; the scaling is recorded for the network.
        assertThat(split.train().targets().data()).containsExactly(100, 200, 300, 400, 500);
        assertThat(p.targetSteps()).singleElement().satisfies(t -> {
            assertThat(t.shift()).containsExactly(300f);
            assertThat(t.scale()[0]).isEqualTo((float) (1 / Math.sqrt(20000)));
        });
        Matrix scaled = split.train().targets().copy();
        p.scaleTargetsInPlace(scaled);
        p.unscaleTargetsInPlace(scaled);
        assertThat(scaled.data()).containsExactly(100, 200, 300, 400, 500);
    }

    @Test
    void aSavedPreprocessingAppliedToTheRawSplitAgainGivesTheSameParts() {
        Dataset train = training(Unseen.ZEROS);
        Split raw = new Split(
                train, null, raw("test", new float[][] {{2, 1, NA, 30}}, columns(Unseen.ZEROS)), Preprocessing.NONE);
        Split fitted = raw.encodeTable().standardize().standardizeTargets();

        Split again = raw.then(fitted.preprocessing());

        assertThat(again.preprocessing()).isEqualTo(fitted.preprocessing());
        assertThat(again.test().features().data())
                .containsExactly(fitted.test().features().data());
        assertThat(fitted.preprocessing().apply(raw.test()).features().data())
                .containsExactly(fitted.test().features().data());
    }

    @Test
    void targetScalingIsForRegressionAndMustBeUndoable() {
        Split digits = SplitTest.data().split(0.2, 1);

        assertThatThrownBy(digits::standardizeTargets)
                .hasMessage("toy/train is a classification dataset; target scaling is for regression targets");
        assertThatThrownBy(() -> Preprocessing.NONE.thenTargets(FeatureTransform.scale(1, 0)))
                .hasMessage("target preprocessing step 0 (scale) cannot be undone, so predictions could not be given"
                        + " in the targets' units: column 0 has shift 0.0 and scale 0.0; the scale must be finite and"
                        + " not 0, the shift finite");
    }
}
