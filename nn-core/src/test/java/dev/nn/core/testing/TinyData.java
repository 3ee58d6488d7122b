package dev.nn.core.testing;

import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.core.Network;
import java.util.SplittableRandom;

/** Small seeded datasets and networks built only from {@link TinyComponents}. */
public final class TinyData {
    private TinyData() {}

    /**
     * {@return two Gaussian blobs in {@code features} dimensions, centred at -1 and +1 on every axis}
     *
     * @param rows     the number of examples
     * @param features the number of features
     * @param seed     seeds the draw
     */
    public static Dataset blobs(int rows, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix x = new Matrix(rows, features);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = r % 2;
            for (int c = 0; c < features; c++) {
                x.set(r, c, (float) ((labels[r] == 0 ? -1 : 1) + random.nextGaussian() * 0.8));
            }
        }
        return Dataset.classification("blobs", x, labels);
    }

    /**
     * {@return a network of {@code inputs}-8-2: tiny_linear, tiny_tanh, tiny_linear, trained with tiny_mse}
     *
     * @param inputs  the number of features
     * @param seed    seeds the initial weights
     * @param threads the engine's threads
     */
    public static Network network(int inputs, long seed, int threads) {
        return Network.builder(inputs)
                .add("tiny_linear", java.util.Map.of("units", 8))
                .add("tiny_tanh")
                .add("tiny_linear", java.util.Map.of("units", 2))
                .loss("tiny_mse")
                .seed(seed)
                .threads(threads)
                .build();
    }

    /**
     * {@return copies of every parameter's values, in order}
     *
     * @param net the network
     */
    public static java.util.List<float[]> weights(Network net) {
        return net.parameters().stream().map(p -> p.value().data().clone()).toList();
    }
}
