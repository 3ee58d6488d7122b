package dev.nn.spark;

import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;

import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.core.Network;
import dev.nn.core.train.EpochStats;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.core.train.TrainingListener;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Training on local[2], not a test: nn-spark against MLlib's MultilayerPerceptronClassifier on its own
 * architecture (784-128-10, sigmoid hidden layer, softmax), both from the same cached Fashion-MNIST
 * (scaled to [0, 1]), and nn-spark's examples/s against nn on one machine. Prints, for each side, the
 * test accuracy and the seconds since the start of its training after each epoch (nn) or each fit
 * of a growing iteration budget (MLlib, which has no callback: each budget is a fit from scratch).
 * bench/spark_training.sh runs it.
 */
public final class TrainingBench {
    private TrainingBench() {}

    /**
     * Runs the comparison.
     *
     * @param args optional: {@code nn}, {@code mllib}, {@code lbfgs} (MLlib's l-bfgs alone) or {@code all} (default), then MLlib's time budget
     *             per solver in seconds (default 900); or {@code avg H...} for averaging with each H; or
     *             {@code jobs} for what a round's Spark job costs with nothing to compute
     * @throws Exception when the data cannot be read
     */
    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        double budget = args.length > 1 ? Double.parseDouble(args[1]) : 900;
        Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
        if (!Files.exists(fashion.resolve("train-images-idx3-ubyte.gz"))) {
            throw new IllegalStateException(
                    "needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        }
        Dataset train = scaled(Datasets.idx(
                fashion.resolve("train-images-idx3-ubyte.gz"), fashion.resolve("train-labels-idx1-ubyte.gz")));
        Dataset test = scaled(Datasets.idx(
                fashion.resolve("t10k-images-idx3-ubyte.gz"), fashion.resolve("t10k-labels-idx1-ubyte.gz")));
        SparkSession spark = SharedSpark.start("local[2]");
        try {
            System.out.printf(
                    "Fashion-MNIST %d train / %d test, 784-128-10 sigmoid + softmax, local[2], Java %s, %d processors,"
                            + " Spark %s%n",
                    train.size(),
                    test.size(),
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors(),
                    spark.version());
            if (which.equals("jobs")) {
                org.apache.spark.api.java.JavaSparkContext jsc =
                        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
                org.apache.spark.api.java.JavaRDD<Integer> slots = jsc.parallelize(List.of(0, 1), 2);
                for (int size : new int[] {0, 100_000, 200_000, 300_000, 600_000}) {
                    for (int rep = 0; rep < 2; rep++) {
                        long t = System.nanoTime();
                        for (int i = 0; i < 50; i++) {
                            int n = size;
                            slots.mapPartitionsWithIndex(
                                            (Integer part, java.util.Iterator<Integer> it) ->
                                                    List.of(new float[n]).iterator(),
                                            true)
                                    .collect();
                        }
                        System.out.printf(
                                "a Spark job of 2 tasks returning %d floats each: %.1f ms (mean of 50)%n",
                                size, (System.nanoTime() - t) / 50e6);
                    }
                }
                return;
            }
            if (which.equals("avg")) {
                nn("warm-up (one machine, whole batches)", null, 0, train, test);
                for (int i = 1; i < args.length; i++) {
                    int h = Integer.parseInt(args[i]);
                    nn(
                            "nn-spark local_steps " + h + ", 2 partitions",
                            SparkRounds.factory(spark, 2, h),
                            0,
                            train,
                            test);
                }
                return;
            }
            if (!which.equals("mllib")) {
                nn("nn, one machine (2 engine threads), whole batches", null, 0, train, test);
                nn("nn, one machine (2 engine threads), shard_rows 32", null, 32, train, test);
                nn(
                        "nn-spark local_steps 1 (exact, shard_rows 32), 2 partitions",
                        SparkRounds.factory(spark, 2, 1),
                        32,
                        train,
                        test);
                nn("nn-spark local_steps 8, 2 partitions", SparkRounds.factory(spark, 2, 8), 0, train, test);
            }
            if (!which.equals("nn") && !which.equals("avg")) {
                org.apache.spark.sql.Dataset<Row> trainFrame =
                        ScoringBench.frame(spark, train).cache();
                org.apache.spark.sql.Dataset<Row> testFrame =
                        ScoringBench.frame(spark, test).cache();
                trainFrame.count();
                testFrame.count();
                mllib("l-bfgs", new int[] {20, 40, 50, 60, 70, 80, 160}, trainFrame, testFrame, budget);
                if (!which.equals("lbfgs")) {
                    mllib("gd", new int[] {25, 50, 100, 200, 400, 800}, trainFrame, testFrame, budget);
                }
            }
        } finally {
            spark.stop();
        }
    }

    private static void nn(
            String name, dev.nn.core.train.Rounds.Factory rounds, int shardRows, Dataset train, Dataset test) {
        Network net = Network.builder(784)
                .add(dense(128).activation("sigmoid"))
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(1)
                .build();
        long start = System.nanoTime();
        List<String> curve = new ArrayList<>();
        TrainerBuilder builder = Trainer.builder()
                .optimizer(Optimizers.adam(0.002))
                .batchSize(128)
                .shardRows(shardRows)
                .epochs(6)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochStats stats) {
                        curve.add(String.format(
                                "epoch %d: %.2f s, test accuracy %.4f",
                                stats.epoch(), (System.nanoTime() - start) / 1e9, stats.validationAccuracy()));
                    }
                });
        if (rounds != null) {
            builder.rounds(rounds);
        }
        History history = builder.build().fit(net, train, test);
        double trainingSeconds = 0;
        for (EpochStats e : history.epochs()) {
            trainingSeconds += e.seconds();
        }
        System.out.printf(
                "%s: %.0f examples/s (whole run, validation included), final test accuracy %.4f%n",
                name,
                history.examples() / trainingSeconds,
                history.epochs().get(history.epochs().size() - 1).validationAccuracy());
        curve.forEach(line -> System.out.println("  " + line));
    }

    private static void mllib(
            String solver,
            int[] budgets,
            org.apache.spark.sql.Dataset<Row> train,
            org.apache.spark.sql.Dataset<Row> test,
            double budget) {
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        for (int iterations : budgets) {
            long start = System.nanoTime();
            MultilayerPerceptronClassificationModel model = new MultilayerPerceptronClassifier()
                    .setLayers(new int[] {784, 128, 10})
                    .setSolver(solver)
                    .setMaxIter(iterations)
                    .setTol(0)
                    .setSeed(1)
                    .fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            double acc = accuracy.evaluate(model.transform(test));
            System.out.printf("MLlib %s maxIter %d: %.2f s, test accuracy %.4f%n", solver, iterations, seconds, acc);
            if (acc >= 0.85 || seconds > budget) {
                return;
            }
        }
    }

    private static Dataset scaled(Dataset raw) {
        Matrix x = raw.features().copy();
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            d[i] /= 255f;
        }
        return Dataset.classification(raw.name(), x, raw.labels(), raw.classNames());
    }
}
