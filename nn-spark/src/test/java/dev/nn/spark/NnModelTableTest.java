package dev.nn.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A model of a table scores a DataFrame's named columns (strings, doubles, booleans, nulls) as
 * SavedModel.predict(Map) scores the same rows, and Spark's R² is nn's.
 */
class NnModelTableTest {

    static Dataset<Row> houses() {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < TableModels.RAW_TEST.size(); r++) {
            Map<String, Object> row = TableModels.row(r);
            rows.add(
                    RowFactory.create(r, row.get("area"), row.get("city"), row.get("rooms"), row.get("garden"), (double)
                            TableModels.RAW_TEST.targets().get(r, 0)));
        }
        // Not the model's order, and a column it does not know (price, the label).
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("id", DataTypes.IntegerType, false),
            DataTypes.createStructField("area", DataTypes.DoubleType, false),
            DataTypes.createStructField("city", DataTypes.StringType, true),
            DataTypes.createStructField("rooms", DataTypes.DoubleType, true),
            DataTypes.createStructField("garden", DataTypes.BooleanType, true),
            DataTypes.createStructField("price", DataTypes.DoubleType, false)
        });
        return SharedSpark.session().createDataFrame(SharedSpark.context().parallelize(rows, 3), schema);
    }

    @Test
    void namedColumnsScoreAsSavedModelPredictOfTheRow() throws IOException {
        SavedModel saved = ModelFile.load(TableModels.FILE);
        NnModel model = NnModel.of(TableModels.FILE).setInputCols("rooms", "city", "garden", "area");

        List<Row> scored = model.transform(houses()).orderBy("id").collectAsList();

        assertThat(scored).hasSize(TableModels.RAW_TEST.size());
        int missing = 0;
        for (Row row : scored) {
            int r = row.getInt(0);
            float want = saved.predict(TableModels.row(r))[0];
            assertThat(row.getDouble(row.fieldIndex("prediction")))
                    .as("row %d", r)
                    .isEqualTo((double) want);
            missing += row.isNullAt(row.fieldIndex("city")) || row.isNullAt(row.fieldIndex("rooms")) ? 1 : 0;
        }
        assertThat(missing).as("rows with a missing cell").isGreaterThan(5);
        // A regression model has no probabilities; the prediction is in the targets' units.
        assertThat(scored.get(0).schema().fieldNames()).doesNotContain("probability");
        assertThat(scored.get(0).getDouble(scored.get(0).fieldIndex("prediction")))
                .isGreaterThan(100);
    }

    @Test
    void aTableModelFindsItsColumnsByNameWithoutInputCols() {
        List<Row> named = NnModel.of(TableModels.FILE)
                .transform(houses())
                .select("id", "prediction")
                .orderBy("id")
                .collectAsList();
        List<Row> given = NnModel.of(TableModels.FILE)
                .setInputCols("area", "garden", "city", "rooms", "price")
                .transform(houses())
                .select("id", "prediction")
                .orderBy("id")
                .collectAsList();

        assertThat(named).isEqualTo(given);
    }

    @Test
    void sparksR2EqualsNnsRegressionEvaluation() {
        double nn = TableModels.NET.evaluateRegression(TableModels.SPLIT.test()).r2();

        double spark = new RegressionEvaluator()
                .setMetricName("r2")
                .setLabelCol("price")
                .setPredictionCol("prediction")
                .evaluate(NnModel.of(TableModels.FILE).transform(houses()));

        assertThat(spark).isCloseTo(nn, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(nn).isGreaterThan(0.5);
    }
}
