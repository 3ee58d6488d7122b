package dev.nn.plugins.data;

import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gaussian clusters, one class each, scikit-learn's {@code make_blobs}.
 *
 * <p>Cluster centers are drawn uniformly from {@code (-10, 10)} in every feature. Examples are
 * split over the clusters as evenly as possible (the first clusters get one more when it does not
 * divide), drawn around their center with standard deviation {@code std}, then shuffled.
 */
public final class Blobs {
    private static final double CENTER_BOX = 10.0;

    static Dataset load(Options options) {
        int samples = options.integer("samples");
        int centers = options.integer("centers");
        int features = options.integer("features");
        double std = options.number("std");
        GeneratedData.checkSize(options, samples, features);
        if (centers > samples) {
            throw options.error(
                    "centers",
                    centers + " clusters need at least as many samples, got " + samples
                            + "; every cluster is a class and needs an example");
        }
        SplittableRandom random = new SplittableRandom(GeneratedData.seed(options));

        double[] center = new double[centers * features];
        for (int i = 0; i < center.length; i++) {
            center[i] = random.nextDouble(-CENTER_BOX, CENTER_BOX);
        }
        double[] x = new double[samples * features];
        int[] labels = new int[samples];
        int row = 0;
        for (int k = 0; k < centers; k++) {
            int count = samples / centers + (k < samples % centers ? 1 : 0);
            for (int i = 0; i < count; i++, row++) {
                for (int f = 0; f < features; f++) {
                    x[row * features + f] = center[k * features + f] + std * random.nextGaussian();
                }
                labels[row] = k;
            }
        }
        GeneratedData.shuffle(x, features, labels, random);
        return GeneratedData.dataset("blobs", x, features, labels, centers);
    }

    private Blobs() {}

    /** The {@code blobs} provider. */
    public static final class Provider implements DatasetProvider {
        @Override
        public String name() {
            return "blobs";
        }

        @Override
        public String description() {
            return "Gaussian clusters around random centers (scikit-learn's make_blobs), one class per cluster";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.integer("samples", "number of examples")
                            .defaultValue(1000)
                            .atLeast(1),
                    OptionSpec.integer("centers", "number of clusters, which is the number of classes")
                            .defaultValue(3)
                            .atLeast(1),
                    OptionSpec.integer("features", "number of features (dimensions)")
                            .defaultValue(2)
                            .atLeast(1),
                    OptionSpec.number("std", "standard deviation of each cluster")
                            .defaultValue(1.0)
                            .above(0),
                    GeneratedData.seedOption());
        }

        @Override
        public Dataset load(Options options) {
            return Blobs.load(options);
        }
    }
}
