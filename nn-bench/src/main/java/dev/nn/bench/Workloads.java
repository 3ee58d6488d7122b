package dev.nn.bench;

import static dev.nn.plugins.Activations.relu;
import static dev.nn.plugins.Activations.sigmoid;
import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Losses.mse;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;

import dev.nn.api.Engine;
import dev.nn.api.Matrix;
import dev.nn.core.Network;
import dev.nn.core.registry.PluginRegistry;
import java.util.SplittableRandom;

/** The networks and data the benchmarks share, defined once so every figure measures the same model. */
final class Workloads {
    /** The {@code engine} parameter value that means "the registry's best available engine". */
    static final String DEFAULT_ENGINE = "default";

    private Workloads() {}

    static Engine engine(String name, int threads) {
        return PluginRegistry.defaultRegistry().engine(DEFAULT_ENGINE.equals(name) ? null : name, threads);
    }

    /** 784-100-10, ReLU, softmax cross-entropy: the Fashion-MNIST speed model. */
    static Network fashionMlp(Engine engine, long seed) {
        return Network.builder(784)
                .add(dense(100).activation(relu()))
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(seed)
                .engine(engine)
                .build();
    }

    /** 2-16-16-1, ReLU, ReLU, sigmoid output, MSE: small enough that framework overhead is all there is. */
    static Network tiny(Engine engine, long seed) {
        return Network.builder(2)
                .add(dense(16).activation(relu()))
                .add(dense(16).activation(relu()))
                .add(dense(1).activation(sigmoid()))
                .loss(mse())
                .seed(seed)
                .engine(engine)
                .build();
    }

    /** Uniform values in [0, 1), like scaled pixels. */
    static Matrix uniform(int rows, int cols, SplittableRandom random) {
        Matrix m = new Matrix(rows, cols);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextDouble();
        }
        return m;
    }

    /** Standard normal values, like {@code torch.randn}. */
    static Matrix normal(int rows, int cols, SplittableRandom random) {
        Matrix m = new Matrix(rows, cols);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian();
        }
        return m;
    }

    /** One-hot rows of random classes, the targets softmax cross-entropy trains on. */
    static Matrix oneHot(int rows, int classes, SplittableRandom random) {
        Matrix m = new Matrix(rows, classes);
        for (int r = 0; r < rows; r++) {
            m.set(r, random.nextInt(classes), 1f);
        }
        return m;
    }
}
