package dev.nn.spark;

import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;

import dev.nn.api.Dataset;
import dev.nn.api.Split;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A digits classifier (64-32-10, standardized inputs) trained once per test JVM and saved as a model.zip. */
final class DigitsModels {
    static final Split SPLIT;
    static final Dataset RAW_TEST;
    static final Network NET;
    static final Path FILE;

    static {
        Dataset digits = Datasets.digits();
        Split raw = digits.split(0.2, 7);
        RAW_TEST = raw.test();
        SPLIT = raw.standardize();
        NET = Network.builder(64)
                .add(dense(32).activation("relu"))
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(7)
                .build();
        Trainer.builder()
                .optimizer(Optimizers.adam(0.01))
                .batchSize(32)
                .epochs(5)
                .build()
                .fit(NET, SPLIT.train());
        try {
            FILE = Files.createTempDirectory("nn-spark-digits").resolve("model.zip");
            ModelFile.save(
                    NET,
                    new ModelInfo(
                            digits.classNames(),
                            SPLIT.preprocessing(),
                            Map.of(),
                            "test",
                            7,
                            NET.engine().name(),
                            "",
                            "2026-12-01T00:00:00Z"),
                    FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DigitsModels() {}

    /** {@return the raw test rows as (id, label, features), in order} */
    static List<Row> testRows() {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < RAW_TEST.size(); r++) {
            float[] x = RAW_TEST.features().row(r);
            double[] d = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                d[j] = x[j];
            }
            rows.add(RowFactory.create(r, (double) RAW_TEST.labels()[r], Vectors.dense(d)));
        }
        return rows;
    }

    static StructType testSchema() {
        return new StructType(new StructField[] {
            DataTypes.createStructField("id", DataTypes.IntegerType, false),
            DataTypes.createStructField("label", DataTypes.DoubleType, false),
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)
        });
    }
}
