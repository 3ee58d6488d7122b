package dev.nn.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Matrix;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import java.io.IOException;
import java.util.List;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NnModel scores a DataFrame of digits exactly as the model file does in one process: the same
 * probabilities to the bit, whatever the partitions and the batch size, and the same accuracy
 * through Spark's evaluator.
 */
class NnModelDigitsTest {

    private static Dataset<Row> testFrame(int partitions) {
        return SharedSpark.session()
                .createDataFrame(
                        SharedSpark.context().parallelize(DigitsModels.testRows(), partitions),
                        DigitsModels.testSchema());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void probabilitiesEqualSavedModelPredictBitForBit(int partitions) throws IOException {
        SavedModel saved = ModelFile.load(DigitsModels.FILE);
        Matrix expected = saved.predict(DigitsModels.RAW_TEST.features());
        Dataset<Row> frame = testFrame(partitions);
        assertThat(frame.rdd().getNumPartitions()).isEqualTo(partitions);
        // A batch smaller than a partition, so partitions are scored in several batches, the last one short.
        NnModel model = NnModel.of(DigitsModels.FILE).setBatchSize(50);

        Dataset<Row> transformed = model.transform(frame);
        assertThat(transformed.rdd().getNumPartitions()).isEqualTo(partitions);
        List<Row> scored = transformed.orderBy("id").collectAsList();

        assertThat(scored).hasSize(expected.rows());
        for (Row row : scored) {
            int r = row.getInt(row.fieldIndex("id"));
            double[] p = ((Vector) row.get(row.fieldIndex("probability"))).toArray();
            float[] want = expected.row(r);
            assertThat(p).hasSize(10);
            for (int k = 0; k < 10; k++) {
                assertThat(Float.floatToRawIntBits((float) p[k]))
                        .as("row %d class %d", r, k)
                        .isEqualTo(Float.floatToRawIntBits(want[k]));
                assertThat(p[k]).isEqualTo((double) want[k]);
            }
            assertThat(row.getDouble(row.fieldIndex("prediction")))
                    .as("row %d", r)
                    .isEqualTo(argmax(p));
        }
    }

    @Test
    void accuracyThroughSparksEvaluatorEqualsNnsOwn() {
        double nn = DigitsModels.NET.evaluate(DigitsModels.SPLIT.test()).accuracy();

        double spark = new MulticlassClassificationEvaluator()
                .setMetricName("accuracy")
                .setLabelCol("label")
                .setPredictionCol("prediction")
                .evaluate(NnModel.of(DigitsModels.FILE).transform(testFrame(2)));

        assertThat(spark).isEqualTo(nn);
        assertThat(nn).isGreaterThan(0.9);
    }

    @Test
    void transformSchemaAddsThePredictionAndTheProbabilities() {
        NnModel model = NnModel.of(DigitsModels.FILE).setProbabilityCol("p").setPredictionCol("digit");

        var schema = model.transformSchema(DigitsModels.testSchema());

        assertThat(schema.fieldNames()).containsExactly("id", "label", "features", "digit", "p");
        assertThat(schema.apply("digit").dataType().simpleString()).isEqualTo("double");
        assertThat(schema.apply("p").dataType().typeName()).isEqualTo("vector");
        assertThat(model.setProbabilityCol("")
                        .transformSchema(DigitsModels.testSchema())
                        .fieldNames())
                .containsExactly("id", "label", "features", "digit");
    }

    private static double argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
