package dev.nn.spark;

import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;

import dev.nn.api.Dataset;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Scoring speed on local[2], not a test: rows/s of NnModel.transform against MLlib's
 * MultilayerPerceptronClassificationModel.transform on the same cached DataFrame, with the same
 * architecture (Fashion-MNIST's 784-128-10 with a sigmoid hidden layer and softmax when Debian's
 * dataset-fashion-mnist is installed, digits' 64-128-10 otherwise). Each side's weights come from a
 * brief training by its own trainer; accuracy is not compared here. bench/spark_scoring.sh runs it.
 */
public final class ScoringBench {
    private ScoringBench() {}

    /**
     * Prints the environment, then each side's rows/s (median of the timed runs).
     *
     * @param args optional: the number of timed runs (default 5)
     * @throws Exception when the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
        boolean hasFashion = Files.exists(fashion.resolve("t10k-images-idx3-ubyte.gz"));
        Dataset train;
        Dataset test;
        if (hasFashion) {
            train = Datasets.idx(
                    fashion.resolve("train-images-idx3-ubyte.gz"), fashion.resolve("train-labels-idx1-ubyte.gz"));
            test = Datasets.idx(
                    fashion.resolve("t10k-images-idx3-ubyte.gz"), fashion.resolve("t10k-labels-idx1-ubyte.gz"));
            train = train.subset(range(10_000));
        } else {
            Dataset digits = Datasets.digits();
            train = digits;
            test = digits.subset(repeat(digits.size(), 10_000));
        }
        int inputs = train.inputSize();
        int[] layers = {inputs, 128, 10};

        SparkSession spark = SharedSpark.start("local[2]");
        try {
            org.apache.spark.sql.Dataset<Row> trainFrame = frame(spark, train).cache();
            org.apache.spark.sql.Dataset<Row> testFrame = frame(spark, test).cache();
            long rows = testFrame.count();
            trainFrame.count();

            Network net = Network.builder(inputs)
                    .add(dense(128).activation("sigmoid"))
                    .add(dense(10))
                    .loss(softmaxCrossEntropy())
                    .seed(1)
                    .build();
            Trainer.builder()
                    .optimizer(Optimizers.adam(0.001))
                    .epochs(1)
                    .build()
                    .fit(net, train);
            Path file = Files.createTempDirectory("nn-spark-bench").resolve("model.zip");
            ModelFile.save(
                    net,
                    new ModelInfo(
                            train.classNames(),
                            dev.nn.api.Preprocessing.NONE,
                            Map.of(),
                            "bench",
                            1,
                            net.engine().name(),
                            "",
                            "2026-12-01T00:00:00Z"),
                    file);
            NnModel nn = NnModel.of(file);

            MultilayerPerceptronClassificationModel mlp = new MultilayerPerceptronClassifier()
                    .setLayers(layers)
                    .setMaxIter(3)
                    .setSeed(1)
                    .fit(trainFrame);

            System.out.printf(
                    "data %s, %d rows, architecture %s, local[2], Java %s, %s, %d processors, Spark %s%n",
                    hasFashion ? "Fashion-MNIST t10k" : "digits repeated",
                    rows,
                    Arrays.toString(layers),
                    Runtime.version(),
                    System.getProperty("os.arch"),
                    Runtime.getRuntime().availableProcessors(),
                    spark.version());
            double nnRate = rate("NnModel.transform", rows, runs, d -> nn.transform(d), testFrame);
            double mlpRate = rate(
                    "MLlib MultilayerPerceptronClassificationModel.transform", rows, runs, mlp::transform, testFrame);
            System.out.printf("NnModel / MLlib: %.2fx%n", nnRate / mlpRate);
        } finally {
            spark.stop();
        }
    }

    private static double rate(
            String name,
            long rows,
            int runs,
            Function<org.apache.spark.sql.Dataset<Row>, org.apache.spark.sql.Dataset<Row>> transform,
            org.apache.spark.sql.Dataset<Row> frame) {
        score(transform, frame); // warm-up: JIT, the broadcast, the network loaded once per JVM
        double[] rates = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            score(transform, frame);
            rates[i] = rows / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        double median = rates[runs / 2];
        System.out.printf(
                "%s: %.0f rows/s (median of %d; min %.0f, max %.0f)%n", name, median, runs, rates[0], rates[runs - 1]);
        return median;
    }

    /** Every output column computed and dropped: the noop sink writes nothing. */
    private static void score(
            Function<org.apache.spark.sql.Dataset<Row>, org.apache.spark.sql.Dataset<Row>> transform,
            org.apache.spark.sql.Dataset<Row> frame) {
        transform.apply(frame).write().format("noop").mode("overwrite").save();
    }

    static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset data) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < data.size(); r++) {
            float[] x = data.features().row(r);
            double[] d = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                d[j] = x[j];
            }
            rows.add(RowFactory.create((double) data.labels()[r], Vectors.dense(d)));
        }
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("label", DataTypes.DoubleType, false),
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)
        });
        return spark.createDataFrame(rows, schema).repartition(2);
    }

    private static int[] range(int n) {
        int[] i = new int[n];
        for (int k = 0; k < n; k++) {
            i[k] = k;
        }
        return i;
    }

    private static int[] repeat(int size, int n) {
        int[] i = new int[n];
        for (int k = 0; k < n; k++) {
            i[k] = k % size;
        }
        return i;
    }
}
