package dev.nn.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.Dataset;
import dev.nn.plugins.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NnEstimator inside Spark ML: after a VectorAssembler in a Pipeline, with Spark's evaluators, saved and loaded. */
class NnEstimatorTest {
    private static final String CONFIG = """
            seed: 3
            data:
              preprocess: [standardize]
            model:
              layers:
                - dense: {units: 32, activation: relu}
                - dense: {units: 10}
              loss: softmax_cross_entropy
            train:
              optimizer: {adam: {lr: 0.01}}
              batch_size: 64
              shard_rows: 16
              epochs: 8
            """;

    /** Digits as a DataFrame of 64 numeric columns p0..p63 and a double label, split 80/20 by row. */
    private static org.apache.spark.sql.Dataset<Row>[] digits() {
        Dataset d = Datasets.digits();
        List<StructField> fields = new ArrayList<>();
        for (int j = 0; j < 64; j++) {
            fields.add(DataTypes.createStructField("p" + j, DataTypes.DoubleType, false));
        }
        fields.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("fold", DataTypes.IntegerType, false));
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < d.size(); r++) {
            Object[] v = new Object[66];
            for (int j = 0; j < 64; j++) {
                v[j] = (double) d.features().get(r, j);
            }
            v[64] = (double) d.labels()[r];
            v[65] = r % 5;
            rows.add(RowFactory.create(v));
        }
        org.apache.spark.sql.Dataset<Row> all =
                SharedSpark.session().createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)));
        @SuppressWarnings("unchecked")
        org.apache.spark.sql.Dataset<Row>[] parts =
                new org.apache.spark.sql.Dataset[] {all.where("fold <> 0").repartition(2), all.where("fold = 0")};
        return parts;
    }

    private static String[] pixels() {
        String[] names = new String[64];
        for (int j = 0; j < 64; j++) {
            names[j] = "p" + j;
        }
        return names;
    }

    @Test
    void aSparkPipelineWithAnAssemblerTrainsScoresAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        org.apache.spark.sql.Dataset<Row>[] parts = digits();
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(pixels()).setOutputCol("features"),
            new NnEstimator().setConfig(CONFIG).setPartitions(2)
        });
        PipelineModel model = pipeline.fit(parts[0]);
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        double fitted = accuracy.evaluate(model.transform(parts[1]));
        assertThat(fitted).isGreaterThan(0.93);

        model.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("pipeline").toString());
        assertThat(accuracy.evaluate(loaded.transform(parts[1]))).isEqualTo(fitted);
        pipeline.write().overwrite().save(dir.resolve("unfitted").toString());
        assertThat(Pipeline.load(dir.resolve("unfitted").toString()).getStages())
                .hasSize(2);
    }

    @Test
    void exactTrainingOnSparkGivesTheModelOfOneMachineWhateverThePartitions(@TempDir Path dir) throws Exception {
        org.apache.spark.sql.Dataset<Row> train = digits()[0];
        VectorAssembler assembler = new VectorAssembler().setInputCols(pixels()).setOutputCol("features");
        org.apache.spark.sql.Dataset<Row> assembled = assembler.transform(train).cache();
        NnModel two = new NnEstimator().setConfig(CONFIG).setPartitions(2).fit(assembled);
        NnModel three = new NnEstimator().setConfig(CONFIG).setPartitions(3).fit(assembled);
        assertThat(three.modelFileBytes().length).isPositive();
        assertThat(three.savedModel().network().parameters().get(0).value().data())
                .containsExactly(
                        two.savedModel().network().parameters().get(0).value().data());
    }

    @Test
    void namedColumnsAndRegressionTrainFromTheColumnsThemselves() {
        Dataset d = Datasets.diabetes();
        List<StructField> fields = new ArrayList<>();
        for (String name : d.featureNames()) {
            fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, false));
        }
        fields.add(DataTypes.createStructField("sex_text", DataTypes.StringType, true));
        fields.add(DataTypes.createStructField("progression", DataTypes.DoubleType, false));
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < d.size(); r++) {
            Object[] v = new Object[d.inputSize() + 2];
            for (int j = 0; j < d.inputSize(); j++) {
                v[j] = (double) d.features().get(r, j);
            }
            v[d.inputSize()] = d.features().get(r, 1) > 0 ? "m" : (r % 17 == 0 ? null : "f");
            v[d.inputSize() + 1] = (double) d.targets().get(r, 0);
            rows.add(RowFactory.create(v));
        }
        org.apache.spark.sql.Dataset<Row> frame =
                SharedSpark.session().createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)));
        List<String> inputs = new ArrayList<>(d.featureNames());
        inputs.add("sex_text");
        String config = """
                data:
                  preprocess: [standardize]
                  target_preprocess: [standardize]
                model:
                  layers:
                    - dense: {units: 16, activation: relu}
                    - dense: {units: 1}
                  loss: mse
                train:
                  optimizer: {adam: {lr: 0.01}}
                  batch_size: 32
                  epochs: 30
                distributed:
                  spark: {local_steps: 4}
                """;
        NnModel model = new NnEstimator()
                .setConfig(config)
                .setInputCols(inputs.toArray(String[]::new))
                .setLabelCol("progression")
                .setTask("regression")
                .setPartitions(2)
                .fit(frame);
        double r2 = new RegressionEvaluator()
                .setLabelCol("progression")
                .setMetricName("r2")
                .evaluate(model.transform(frame));
        assertThat(r2).isGreaterThan(0.4);
    }

    @Test
    void aMissingColumnOrAConfigThatIsNotAFileIsOneLine() {
        org.apache.spark.sql.Dataset<Row> train = digits()[0];
        assertThatThrownBy(() -> new NnEstimator().setConfig(CONFIG).fit(train))
                .hasMessage("NnEstimator: the DataFrame has no column 'features'; its columns are p0, p1, p2, p3, p4,"
                        + " p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p20, p21, p22, p23,"
                        + " p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p40, p41,"
                        + " p42, p43, p44, p45, p46, p47, p48, p49, p50, p51, p52, p53, p54, p55, p56, p57, p58, p59,"
                        + " p60, p61, p62, p63, label, fold");
        assertThatThrownBy(() -> new NnEstimator()
                        .setConfig("no-such.yaml")
                        .setInputCols(pixels())
                        .fit(train))
                .hasMessage("NnEstimator config: no-such.yaml: no such file (give a path or the YAML text)");
        assertThat(Files.exists(Path.of("no-such.yaml"))).isFalse();
    }
}
