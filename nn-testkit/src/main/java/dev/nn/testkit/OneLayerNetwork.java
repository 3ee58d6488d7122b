package dev.nn.testkit;

import dev.nn.api.Dataset;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Spec;
import dev.nn.core.Network;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real nn {@link Network} around one layer under test, with the test kit's squared-error loss,
 * and a few epochs of plain gradient descent on it: the layer runs exactly as in a pipeline
 * (built through the registry, options checked, buffers from the context), without needing
 * nn-plugins.
 * <pre>{@code
 * Network net = OneLayerNetwork.around(new PRelu.Provider()).options(Map.of("init", 0.25)).inputSize(3).build();
 * History history = OneLayerNetwork.train(net, inputs, targets, 50, 0.1);
 * }</pre>
 */
public final class OneLayerNetwork {
    private final LayerProvider provider;
    private final Map<String, Object> options;
    private final int inputSize;
    private final long seed;
    private final int threads;

    private OneLayerNetwork(
            LayerProvider provider, Map<String, Object> options, int inputSize, long seed, int threads) {
        this.provider = provider;
        this.options = options;
        this.inputSize = inputSize;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * {@return a network of the layer {@code provider} makes, with its default options, 4 inputs, seed 42, one thread}
     *
     * @param provider the provider under test
     */
    public static OneLayerNetwork around(LayerProvider provider) {
        return new OneLayerNetwork(provider, Map.of(), 4, 42, 1);
    }

    /**
     * The layer's options, as they would be written in YAML.
     *
     * @param layerOptions the new value
     * @return a copy with it changed
     */
    public OneLayerNetwork options(Map<String, ?> layerOptions) {
        return new OneLayerNetwork(provider, new LinkedHashMap<>(layerOptions), inputSize, seed, threads);
    }

    /**
     * The number of inputs per example.
     *
     * @param size the new value
     * @return a copy with it changed
     */
    public OneLayerNetwork inputSize(int size) {
        return new OneLayerNetwork(provider, options, size, seed, threads);
    }

    /**
     * The seed of the initial parameters.
     *
     * @param value the new value
     * @return a copy with it changed
     */
    public OneLayerNetwork seed(long value) {
        return new OneLayerNetwork(provider, options, inputSize, value, threads);
    }

    /**
     * The engine's thread count.
     *
     * @param count the new value
     * @return a copy with it changed
     */
    public OneLayerNetwork threads(int count) {
        return new OneLayerNetwork(provider, options, inputSize, seed, count);
    }

    /**
     * Builds the network: input, the layer, the test kit's loss {@value TestRegistry#LOSS}.
     *
     * @throws dev.nn.api.ConfigException when the options are wrong or the layer does not fit the input size
     * @return the network
     */
    public Network build() {
        return Network.builder(inputSize)
                .registry(TestRegistry.with(provider))
                .engine(TestContexts.engine(threads))
                .add(Spec.of(provider.name(), options))
                .loss(TestRegistry.LOSS)
                .seed(seed)
                .build();
    }

    /**
     * Trains {@code net} in place with plain gradient descent, one batch of all the rows per epoch,
     * and returns the loss of every epoch.
     *
     * @param net          the network to train
     * @param inputs       the training inputs, one example per row
     * @param targets      one row per row of {@code inputs}, {@code net.outputSize()} columns
     * @param epochs       how many passes over the data
     * @param learningRate plain SGD's rate
     * @return the losses per epoch
     */
    public static History train(Network net, Matrix inputs, Matrix targets, int epochs, double learningRate) {
        return Trainer.builder()
                .registry(TestRegistry.with())
                .optimizer(Spec.of(TestRegistry.OPTIMIZER, Map.of("lr", learningRate)))
                .batchSize(inputs.rows())
                .epochs(epochs)
                .build()
                .fit(net, Dataset.regression("test data", inputs, targets));
    }
}
