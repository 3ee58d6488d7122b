package dev.nn.plugins.loss;

import static dev.nn.plugins.Activations.relu;
import static dev.nn.plugins.Activations.sigmoid;
import static dev.nn.plugins.Activations.softmax;
import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Losses.binaryCrossEntropy;
import static dev.nn.plugins.Losses.mse;
import static dev.nn.plugins.Losses.quadratic;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Options;
import dev.nn.api.Spec;
import dev.nn.core.Network;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import dev.nn.plugins.layers.Activation;
import dev.nn.testkit.TestRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loss that cannot train the outputs it is given is refused before training, from the Java
 * builder as from YAML (the check is the network's and the losses', below both), with the line
 * that says what to change; every combination that can train still trains.
 */
class LossOutputsTest {
    private static final Dataset MOONS = Datasets.moons(200, 0.1, 1);
    private static final Dataset BLOBS = Datasets.blobs(150, 3, 2, 1.0, 1);
    private static final Trainer TRAINER = Trainer.builder()
            .optimizer(Optimizers.sgd(0.1))
            .batchSize(50)
            .epochs(2)
            .build();

    private static Network net(PluginRegistry registry, Spec loss, Spec... layers) {
        Network.Builder builder =
                Network.builder(2).registry(registry).loss(loss).seed(1);
        for (Spec layer : layers) {
            builder.add(layer);
        }
        return builder.build();
    }

    private static Network net(Spec loss, Spec... layers) {
        return net(PluginRegistry.defaultRegistry(), loss, layers);
    }

    private static void refused(Network net, Dataset data, String line) {
        assertThatThrownBy(() -> TRAINER.fit(net, data))
                .isInstanceOf(ConfigException.class)
                .hasMessage(line);
    }

    private static void trains(Network net, Dataset data) {
        History history = TRAINER.fit(net, data);
        assertThat(history.epochs()).hasSize(2);
        assertThat(history.epochs().get(1).loss()).isFinite().isPositive();
    }

    // Refused

    @Test
    void softmaxCrossEntropyOnOneOutputForTwoClassesIsRefused() {
        refused(
                net(softmaxCrossEntropy(), dense(8), relu(), dense(1)),
                MOONS,
                "loss: softmax_cross_entropy needs one"
                        + " output per class (2); the last layer has 1: use dense: {units: 2}, or binary_cross_entropy with 1 output");
    }

    @Test
    void softmaxCrossEntropyAfterASoftmaxLayerIsRefused() {
        refused(
                net(softmaxCrossEntropy(), dense(2), softmax()),
                MOONS,
                "loss: softmax_cross_entropy applies the softmax"
                        + " itself, but the last layer already is a softmax: remove that softmax layer (or activation: softmax) so"
                        + " that the loss gets the logits");
    }

    @Test
    void softmaxCrossEntropyWithFewerOutputsThanClassesIsRefused() {
        refused(
                net(softmaxCrossEntropy(), dense(2)),
                BLOBS,
                "data: the network has 2 outputs but blobs has 3 classes;" + " make the last layer's size 3");
    }

    @Test
    void softmaxCrossEntropyWithMoreOutputsThanClassesIsRefused() {
        refused(
                net(softmaxCrossEntropy(), dense(4)),
                BLOBS,
                "data: the network has 4 outputs but blobs has 3 classes;" + " make the last layer's size 3");
    }

    @Test
    void binaryCrossEntropyWithOneOutputForThreeClassesIsRefused() {
        refused(
                net(binaryCrossEntropy(), dense(1)),
                BLOBS,
                "data: the network has 1 outputs but blobs has 3 classes;" + " make the last layer's size 3");
    }

    @Test
    void binaryCrossEntropyOnProbabilitiesWithoutASigmoidIsRefused() {
        refused(
                net(binaryCrossEntropy(false), dense(1)),
                MOONS,
                "loss: binary_cross_entropy with from_logits: false needs"
                        + " probabilities in [0, 1], but the last layer outputs values in (-inf, inf): end with activation: sigmoid,"
                        + " or use binary_cross_entropy (from_logits: true) on the logits");
    }

    @Test
    void binaryCrossEntropyOnProbabilitiesAfterAReluIsRefused() {
        refused(
                net(binaryCrossEntropy(false), dense(1), relu()),
                MOONS,
                "loss: binary_cross_entropy with from_logits:"
                        + " false needs probabilities in [0, 1], but the last layer outputs values in [0, inf): end with activation:"
                        + " sigmoid, or use binary_cross_entropy (from_logits: true) on the logits");
    }

    @Test
    void binaryCrossEntropyOnLogitsAfterASigmoidIsRefused() {
        refused(
                net(binaryCrossEntropy(), dense(1), sigmoid()),
                MOONS,
                "loss: binary_cross_entropy takes logits"
                        + " (from_logits: true), but the last layer already outputs probabilities in [0, 1]: use"
                        + " {binary_cross_entropy: {from_logits: false}}, or remove that last sigmoid (or softmax)");
    }

    @Test
    void mseWithAWidthThatIsNotTheClassCountIsRefused() {
        refused(
                net(mse(), dense(2), sigmoid()),
                BLOBS,
                "data: the network has 2 outputs but blobs has 3 classes;" + " make the last layer's size 3");
    }

    @Test
    void aSoftmaxOnOneUnitIsRefusedWhenTheNetworkIsBuilt() {
        assertThatThrownBy(() -> net(mse(), dense(1), softmax()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "layers[1].softmax: softmax over 1 unit always outputs 1, so nothing before it can learn; give"
                                + " the layer before it one unit per class, or use sigmoid for a single output");
    }

    // Legitimate

    @Test
    void softmaxCrossEntropyWithOneOutputPerClassTrains() {
        trains(net(softmaxCrossEntropy(), dense(8), relu(), dense(2)), MOONS);
        trains(net(softmaxCrossEntropy(), dense(3)), BLOBS);
    }

    @Test
    void binaryCrossEntropyWithOneOutputForTwoClassesTrains() {
        trains(net(binaryCrossEntropy(), dense(8), relu(), dense(1)), MOONS);
    }

    @Test
    void binaryCrossEntropyWithOneOutputPerClassTrains() {
        trains(net(binaryCrossEntropy(), dense(3)), BLOBS);
    }

    @Test
    void binaryCrossEntropyOnProbabilitiesAfterASigmoidTrains() {
        trains(net(binaryCrossEntropy(false), dense(1), sigmoid()), MOONS);
        trains(net(binaryCrossEntropy(false), dense(3), sigmoid()), BLOBS);
    }

    @Test
    void mseAndQuadraticWithOneOutputPerClassOrOneForTwoClassesTrain() {
        trains(net(mse(), dense(3), sigmoid()), BLOBS);
        trains(net(quadratic(), dense(3), softmax()), BLOBS);
        trains(net(mse(), dense(1), sigmoid()), MOONS);
    }

    @Test
    void aPluginLossIsNeverRefusedForWhatOnlyBuiltInLossesKnow() {
        PluginRegistry registry = TestRegistry.with();
        trains(net(registry, Spec.of(TestRegistry.LOSS), dense(2), softmax()), MOONS);
        trains(net(registry, Spec.of(TestRegistry.LOSS), dense(1)), MOONS);
    }

    @Test
    void aPluginLayerThatSaysNothingOfItsRangeIsNotRefused() {
        PluginRegistry registry = TestRegistry.with(new Halve.Provider());
        trains(net(registry, binaryCrossEntropy(false), dense(1), sigmoid(), Spec.of("halve")), MOONS);
        trains(net(registry, binaryCrossEntropy(), dense(1), sigmoid(), Spec.of("halve")), MOONS);
    }

    /** A plugin layer that does not override {@link Layer#outputRange}: its outputs are half its inputs. */
    static final class Halve extends Activation {
        Halve(int size) {
            super(size);
        }

        @Override
        protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = x[i] / 2;
            }
        }

        @Override
        protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = g[i] / 2;
            }
        }

        /** The {@code halve} provider. */
        static final class Provider implements LayerProvider {
            @Override
            public String name() {
                return "halve";
            }

            @Override
            public String description() {
                return "halves every value (a plugin layer for tests)";
            }

            @Override
            public List<dev.nn.api.OptionSpec> options() {
                return List.of();
            }

            @Override
            public Layer create(Options options, int inputSize, InitContext init) {
                return new Halve(inputSize);
            }
        }
    }
}
