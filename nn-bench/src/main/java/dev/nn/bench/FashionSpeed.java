package dev.nn.bench;

import dev.nn.api.Dataset;
import dev.nn.api.Engine;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.train.EpochStats;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * nn's side of {@code bench/fashion_speed.py}: 784-100-10 ReLU, softmax cross-entropy, SGD 0.1
 * momentum 0.9, Fashion-MNIST scaled by 1/255, seed 5. Prints training examples per second (the
 * trainer's own clock: training only, no loading, no evaluation) and test accuracy, in the
 * script's format.
 *
 * <pre>{@code java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar \
 *     dev.nn.bench.FashionSpeed [epochs=3] [batch=128] [threads=2]}</pre>
 *
 * The data is read from {@code /usr/share/datasets/fashion-mnist} (Debian's
 * {@code dataset-fashion-mnist}) or the folder in the environment variable {@code FASHION_MNIST}.
 */
public final class FashionSpeed {
    private static final String DEFAULT_FOLDER = "/usr/share/datasets/fashion-mnist";

    private FashionSpeed() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path folder = Path.of(System.getenv().getOrDefault("FASHION_MNIST", DEFAULT_FOLDER));
        Path images = folder.resolve("train-images-idx3-ubyte.gz");
        if (!Files.isReadable(images)) {
            System.err.println("Fashion-MNIST is not at " + folder + " (no " + images.getFileName()
                    + "): install it with 'apt-get install dataset-fashion-mnist' or set FASHION_MNIST to its folder");
            System.exit(2);
        }
        // The engine first, then the data, as bin/nn does: making a vector engine starts the JIT warm-up of
        // its kernels on a background thread while the data is read.
        Engine engine = Workloads.engine(Workloads.DEFAULT_ENGINE, threads);
        Dataset data = Datasets.idx(
                images,
                folder.resolve("train-labels-idx1-ubyte.gz"),
                folder.resolve("t10k-images-idx3-ubyte.gz"),
                folder.resolve("t10k-labels-idx1-ubyte.gz"));
        Split split = data.split(0, 5).scale(1 / 255.0);

        Network net = Workloads.fashionMlp(engine, 5);
        Trainer trainer = Trainer.builder()
                .optimizer(Optimizers.sgd(0.1).momentum(0.9))
                .batchSize(batch)
                .epochs(epochs)
                .seed(5)
                .build();
        History history = trainer.fit(net, split.train());
        double accuracy = net.evaluate(split.test()).accuracy();
        // The first epoch carries the JIT's warm-up of the vector kernels; the rest show the steady speed.
        List<EpochStats> stats = history.epochs();
        double later = stats.stream().skip(1).mapToDouble(EpochStats::seconds).sum();
        System.out.printf(
                Locale.ROOT,
                "examples_per_second=%.0f test_accuracy=%.4f threads=%d engine=%s "
                        + "first_epoch_seconds=%.3f later_epochs_examples_per_second=%.0f%n",
                history.examplesPerSecond(),
                accuracy,
                net.engine().threads(),
                net.engine().name(),
                stats.get(0).seconds(),
                stats.size() > 1 ? (stats.size() - 1) * (double) split.train().size() / later : Double.NaN);
    }
}
