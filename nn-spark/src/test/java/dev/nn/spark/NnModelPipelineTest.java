package dev.nn.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NnModel as a stage of a Spark ML Pipeline after VectorAssembler: saved with the pipeline and read
 * back by PipelineModel.load, predicting the same, its directory holding the standard model file.
 */
class NnModelPipelineTest {
    private static final String[] PIXELS =
            IntStream.range(0, 64).mapToObj(j -> "px" + j).toArray(String[]::new);

    @TempDir
    Path dir;

    /** The digits' raw test rows with a numeric column per pixel, as a table in a warehouse would have them. */
    private static Dataset<Row> pixels() {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < DigitsModels.RAW_TEST.size(); r++) {
            float[] x = DigitsModels.RAW_TEST.features().row(r);
            Object[] values = new Object[65];
            values[0] = r;
            for (int j = 0; j < 64; j++) {
                values[j + 1] = (double) x[j];
            }
            rows.add(RowFactory.create(values));
        }
        StructType schema = new StructType(Stream.concat(
                        Stream.of(DataTypes.createStructField("id", DataTypes.IntegerType, false)),
                        Stream.of(PIXELS).map(p -> DataTypes.createStructField(p, DataTypes.DoubleType, false)))
                .toArray(StructField[]::new));
        return SharedSpark.session().createDataFrame(SharedSpark.context().parallelize(rows, 2), schema);
    }

    private static List<Row> predictions(Dataset<Row> scored) {
        return scored.select("id", "prediction", "probability").orderBy("id").collectAsList();
    }

    @Test
    void aPipelineOfVectorAssemblerAndNnModelSavesLoadsAndPredictsTheSame() throws IOException {
        Dataset<Row> frame = pixels();
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(PIXELS).setOutputCol("features"), NnModel.of(DigitsModels.FILE)
        });
        PipelineModel fitted = pipeline.fit(frame);
        List<Row> before = predictions(fitted.transform(frame));

        String path = dir.resolve("pipeline").toString();
        fitted.write().save(path);
        PipelineModel reloaded = PipelineModel.load(path);
        List<Row> after = predictions(reloaded.transform(frame));

        assertThat(after).isEqualTo(before);
        assertThat(reloaded.stages()[1]).isInstanceOf(NnModel.class);
        // What the single-process model says, row by row.
        Network net = Network.load(DigitsModels.FILE);
        for (Row row : before) {
            float[] x = DigitsModels.RAW_TEST.features().row(row.getInt(0));
            assertThat(row.getDouble(1)).isEqualTo(net.predictClass(x));
        }
        // The stage's directory holds nn's own model file, byte for byte the one it was made of.
        try (Stream<Path> files = Files.walk(dir)) {
            Path zip = files.filter(f -> f.getFileName().toString().equals(NnModel.MODEL_FILE))
                    .findFirst()
                    .orElseThrow();
            assertThat(zip.getParent().getFileName().toString()).startsWith("1_NnModel_");
            assertThat(Files.readAllBytes(zip)).isEqualTo(Files.readAllBytes(DigitsModels.FILE));
            assertThat(ModelFile.load(zip).info().classNames()).hasSize(10);
        }
    }

    @Test
    void aSavedNnModelKeepsItsParams() throws IOException {
        String path = dir.resolve("model").toString();
        NnModel model = NnModel.of(DigitsModels.FILE)
                .setFeaturesCol("pixels")
                .setPredictionCol("digit")
                .setProbabilityCol("")
                .setBatchSize(7);

        model.write().save(path);
        NnModel loaded = NnModel.load(path);

        assertThat(loaded.uid()).isEqualTo(model.uid());
        assertThat(loaded.getFeaturesCol()).isEqualTo("pixels");
        assertThat(loaded.getPredictionCol()).isEqualTo("digit");
        assertThat(loaded.getProbabilityCol()).isEmpty();
        assertThat(loaded.getBatchSize()).isEqualTo(7);
        assertThat(loaded.modelFileBytes()).isEqualTo(model.modelFileBytes());
    }

    @Test
    void numericInputColsOfAModelOfFeaturesPredictAsTheAssembledVector() {
        Dataset<Row> frame = pixels();
        Dataset<Row> assembled = new VectorAssembler()
                .setInputCols(PIXELS)
                .setOutputCol("features")
                .transform(frame);

        List<Row> fromColumns =
                predictions(NnModel.of(DigitsModels.FILE).setInputCols(PIXELS).transform(frame));
        List<Row> fromVector = predictions(NnModel.of(DigitsModels.FILE).transform(assembled));

        assertThat(fromColumns).isEqualTo(fromVector);
        assertThat(((Vector) fromColumns.get(0).get(2)).size()).isEqualTo(10);
    }
}
