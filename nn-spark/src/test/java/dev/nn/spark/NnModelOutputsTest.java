package dev.nn.spark;

import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Losses.binaryCrossEntropy;
import static dev.nn.plugins.Losses.mse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Spec;
import dev.nn.api.Split;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.SavedModel;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outputs' other shapes: a binary classifier with one sigmoid output gives Spark's two-class
 * probabilities [1 - p, p], and a regression model of several targets a vector prediction.
 */
class NnModelOutputsTest {

    @TempDir
    static Path dir;

    private static Path trained(Dataset data, Spec loss, int outputs, String name) throws IOException {
        Split split = data.split(0.25, 11).standardize();
        Network net = Network.builder(data.inputSize())
                .add(dense(8).activation("tanh"))
                .add(dense(outputs))
                .loss(loss)
                .seed(11)
                .build();
        Trainer.builder()
                .optimizer(Optimizers.adam(0.01))
                .batchSize(16)
                .epochs(3)
                .build()
                .fit(net, split.train());
        Path file = dir.resolve(name);
        ModelFile.save(
                net,
                new ModelInfo(
                        data.classNames(),
                        split.preprocessing(),
                        Map.of(),
                        "test",
                        11,
                        "vector",
                        "",
                        "2026-12-01T00:00:00Z"),
                file);
        return file;
    }

    private static org.apache.spark.sql.Dataset<Row> frame(Dataset data) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < data.size(); r++) {
            float[] x = data.features().row(r);
            double[] d = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                d[j] = x[j];
            }
            rows.add(RowFactory.create(r, Vectors.dense(d)));
        }
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("id", DataTypes.IntegerType, false),
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)
        });
        return SharedSpark.session().createDataFrame(SharedSpark.context().parallelize(rows, 2), schema);
    }

    @Test
    void aSingleSigmoidOutputGivesTwoClassProbabilitiesAndItsClass() throws IOException {
        Dataset cancer = Datasets.breastCancer();
        Path file = trained(cancer, binaryCrossEntropy(), 1, "cancer.zip");
        SavedModel saved = ModelFile.load(file);
        Matrix p = saved.predict(cancer.features());
        int[] classes = saved.predictClasses(cancer.features());

        List<Row> scored =
                NnModel.of(file).transform(frame(cancer)).orderBy("id").collectAsList();

        assertThat(scored).hasSize(cancer.size());
        for (Row row : scored) {
            int r = row.getInt(0);
            double[] probability = ((Vector) row.get(row.fieldIndex("probability"))).toArray();
            assertThat(probability).containsExactly(1.0 - p.get(r, 0), (double) p.get(r, 0));
            assertThat(row.getDouble(row.fieldIndex("prediction"))).isEqualTo(classes[r]);
        }
    }

    @Test
    void severalRegressionTargetsAreOneVectorPrediction() throws IOException {
        Dataset linnerud = Datasets.linnerud();
        Path file = trained(linnerud, mse(), linnerud.targets().cols(), "linnerud.zip");
        Matrix expected = ModelFile.load(file).predict(linnerud.features());
        NnModel model = NnModel.of(file);

        assertThat(model.transformSchema(frame(linnerud).schema())
                        .apply("prediction")
                        .dataType())
                .isEqualTo(SQLDataTypes.VectorType());
        List<Row> scored = model.transform(frame(linnerud)).orderBy("id").collectAsList();

        assertThat(scored.get(0).schema().fieldNames()).containsExactly("id", "features", "prediction");
        for (Row row : scored) {
            double[] prediction = ((Vector) row.get(2)).toArray();
            float[] want = expected.row(row.getInt(0));
            assertThat(prediction).hasSize(3);
            for (int k = 0; k < 3; k++) {
                assertThat(prediction[k]).isEqualTo((double) want[k]);
            }
        }
    }
}
