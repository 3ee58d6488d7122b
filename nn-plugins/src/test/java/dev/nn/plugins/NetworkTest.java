package dev.nn.plugins;

import static dev.nn.plugins.Activations.gelu;
import static dev.nn.plugins.Activations.relu;
import static dev.nn.plugins.Activations.sigmoid;
import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.dropout;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import dev.nn.api.Spec;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.internal.engine.VectorEngine;
import dev.nn.core.internal.engine.VectorEngineProvider;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.layers.Dense;
import dev.nn.testkit.GradientCheck;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkTest {

    @Test
    void builderByFactoryAndByNameMakeTheSameNetwork() {
        Network a = Network.builder(4)
                .add(dense(3).activation("tanh"))
                .add(dense(2))
                .loss(softmaxCrossEntropy())
                .seed(9)
                .build();
        Network b = Network.builder(4)
                .add("dense", Map.of("units", 3, "activation", "tanh"))
                .add("dense", Map.of("units", 2))
                .loss("softmax_cross_entropy")
                .seed(9)
                .build();
        assertThat(a.layers()).hasSize(3);
        assertThat(b.layers()).hasSize(3);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(a.parameters().get(i).value())
                    .isEqualTo(b.parameters().get(i).value());
        }
    }

    @Test
    void summaryListsLayersOutputSizesAndParameterCounts() {
        Network net = Network.builder(64)
                .add(dense(100))
                .add(relu())
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .build();
        assertThat(net.summary()).isEqualTo("""
                  #  layer               output    parameters
                     input                   64             \s
                  1  dense(units=100)       100         6,500
                  2  relu                   100             0
                  3  dense(units=10)         10         1,010
                Total parameters: 7,510
                Loss: softmax_cross_entropy
                """);
        assertThat(net.parameterCount()).isEqualTo(7510);
        assertThat(net.layerLabels()).containsExactly("dense(units=100)", "relu", "dense(units=10)");
    }

    @Test
    void zeroUnitsAndAMissingLossAreReportedWithTheirLayer() {
        assertThatThrownBy(() -> Network.builder(4).add(dense(0)).add(relu()).build())
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(Object::toString)
                                .containsExactly(
                                        "layers[0].dense.units: option 'units' must be at least 1, got 0",
                                        "loss: the network has no loss; set one (for example softmax_cross_entropy)"));
    }

    @Test
    void anUnknownLayerIsReportedWithItsIndex() {
        assertThatThrownBy(() -> Network.builder(4)
                        .add(dense(3))
                        .add("rellu")
                        .loss(softmaxCrossEntropy())
                        .build())
                .hasMessageStartingWith("layers[1]: unknown layer 'rellu' (did you mean 'relu'?)");
    }

    @Test
    void aLayerLargerThanTheHeapIsReportedWithItsIndexInsteadOfCrashing() {
        long maxFloats = Runtime.getRuntime().maxMemory() / Float.BYTES;
        int inputs = 64;
        // One float more than the whole heap holds, but still few enough for one array.
        long units = maxFloats / inputs + 1;
        org.junit.jupiter.api.Assumptions.assumeTrue(
                units * inputs < Integer.MAX_VALUE - 8, "the heap is larger than one array");

        assertThatThrownBy(() -> Network.builder(inputs)
                        .add(dense((int) units))
                        .loss(softmaxCrossEntropy())
                        .build())
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .extracting(Object::toString)
                                .asString()
                                .startsWith("layers[0].dense: dense needs more memory than Java has left for it (")
                                .endsWith("); make it smaller, or give Java more heap (JAVA_OPTS=-Xmx8g)"));
    }

    /** A plugin layer that insists on 3 inputs whatever it is given. */
    public static final class FixedInputs implements LayerProvider {
        @Override
        public String name() {
            return "fixed_three";
        }

        @Override
        public String description() {
            return "a dense layer that always takes 3 inputs";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Dense(new Matrix(3, 2), null);
        }
    }

    @Test
    void aLayerWhoseInputSizeDoesNotFitIsReportedWhenTheNetworkIsBuilt(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(LayerProvider.class.getName()), FixedInputs.class.getName() + "\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            PluginRegistry registry = PluginRegistry.load(loader);
            assertThatThrownBy(() -> Network.builder(4)
                            .registry(registry)
                            .add(dense(5))
                            .add("fixed_three")
                            .loss(softmaxCrossEntropy())
                            .build())
                    .hasMessage("layers[1].fixed_three: fixed_three expects 3 inputs but the previous layer gives 5");
        }
    }

    @Test
    void dataThatDoesNotFitTheNetworkIsRejectedBeforeTraining() {
        Dataset moons = Datasets.moons(100, 0.1, 1);
        Network wrongInputs =
                Network.builder(3).add(dense(2)).loss(softmaxCrossEntropy()).build();
        Trainer trainer = Trainer.builder().epochs(1).build();
        assertThatThrownBy(() -> trainer.fit(wrongInputs, moons))
                .isInstanceOf(ConfigException.class)
                .hasMessage("data: the network takes 3 inputs but moons has 2 features");
        Network wrongOutputs =
                Network.builder(2).add(dense(3)).loss(softmaxCrossEntropy()).build();
        assertThatThrownBy(() -> trainer.fit(wrongOutputs, moons))
                .hasMessageContaining(
                        "the network has 3 outputs but moons has 2 classes; make the last layer's size 2");
    }

    @Test
    void wholeNetworkMatchesNumericalGradient() {
        Network net = Network.builder(3)
                .add(dense(5).activation("tanh"))
                .add(dense(4))
                .add(sigmoid())
                .add(dense(3))
                .loss(softmaxCrossEntropy())
                .seed(3)
                .build();
        Matrix x = Matrix.of(new float[] {0.5f, -1f, 2f}, new float[] {-0.3f, 0.8f, 0.1f});
        Matrix t = Matrix.of(new float[] {0, 1, 0}, new float[] {1, 0, 0});
        GradientCheck.defaults().network(net, x, t).assertPassed();
    }

    private static List<float[]> train(int threads, long seed) {
        Split split = Datasets.digits().split(0.2, 42).standardize();
        Network net = Network.builder(64)
                .add(dense(32))
                .add(relu())
                .add(dropout(0.1))
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(seed)
                .threads(threads)
                .build();
        Trainer.builder()
                .optimizer(Optimizers.adam(0.01))
                .batchSize(50)
                .epochs(2)
                .build()
                .fit(net, split.train(), split.test());
        return net.parameters().stream()
                .map(Parameter::value)
                .map(m -> m.data().clone())
                .toList();
    }

    /**
     * Digits for a few epochs is far below what repays compiling the vector kernels, so the vector
     * engine trains it on its plain kernels; an engine kept on the vector kernels must give the
     * same weights, bit for bit, through SGD with momentum and Adam, and through GELU.
     */
    @Test
    void aSmallJobOnThePlainKernelsGivesTheBitsOfTheVectorKernels() {
        for (Spec optimizer : List.<Spec>of(Optimizers.sgd(0.1).momentum(0.9), Optimizers.adam(0.01))) {
            VectorEngine plainEngine = (VectorEngine) new VectorEngineProvider().create(2);
            List<float[]> plain = train(plainEngine, optimizer);
            assertThat(plainEngine.usesPlainKernels())
                    .as("a small job's kernels")
                    .isTrue();
            VectorEngine vectorEngine = (VectorEngine) new VectorEngineProvider().create(2);
            List<float[]> vector = train(new VectorKernelsOnly(vectorEngine), optimizer);
            assertThat(vectorEngine.usesPlainKernels()).isFalse();
            for (int i = 0; i < plain.size(); i++) {
                assertThat(vector.get(i)).containsExactly(plain.get(i));
            }
        }
    }

    private static List<float[]> train(Engine engine, Spec optimizer) {
        Split split = Datasets.digits().split(0.2, 42).standardize();
        Network net = Network.builder(64)
                .add(dense(32))
                .add(relu())
                .add(dropout(0.1))
                .add(dense(16))
                .add(gelu())
                .add(dense(16))
                .add(gelu("tanh"))
                .add(dense(16))
                .add(sigmoid())
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(5)
                .engine(engine)
                .build();
        Trainer.builder().optimizer(optimizer).batchSize(32).epochs(3).build().fit(net, split.train(), split.test());
        return net.parameters().stream()
                .map(Parameter::value)
                .map(m -> m.data().clone())
                .toList();
    }

    /** A vector engine told of every job as a large one, so that it keeps to its vector kernels. */
    private record VectorKernelsOnly(VectorEngine engine) implements Engine {
        @Override
        public void gemm(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c) {
            engine.gemm(transA, transB, alpha, a, b, beta, c);
        }

        @Override
        public void parallelFor(int n, RangeBody body) {
            engine.parallelFor(n, body);
        }

        @Override
        public int threads() {
            return engine.threads();
        }

        @Override
        public void expectWork(long multiplyAdds) {
            engine.expectWork(Long.MAX_VALUE);
        }

        @Override
        public void gelu(float[] x, float[] y, int from, int to) {
            engine.gelu(x, y, from, to);
        }

        @Override
        public void geluBackward(float[] x, float[] y, float[] g, float[] dx, int from, int to) {
            engine.geluBackward(x, y, g, dx, from, to);
        }

        @Override
        public void sigmoid(float[] x, float[] y, int from, int to) {
            engine.sigmoid(x, y, from, to);
        }

        @Override
        public void geluTanh(float[] x, float[] y, int from, int to) {
            engine.geluTanh(x, y, from, to);
        }

        @Override
        public void geluTanhBackward(float[] x, float[] g, float[] dx, int from, int to) {
            engine.geluTanhBackward(x, g, dx, from, to);
        }

        @Override
        public void sgdUpdate(
                float[] w,
                float[] grad,
                float[] v,
                float lr,
                float momentum,
                float weightDecay,
                boolean nesterov,
                int from,
                int to) {
            engine.sgdUpdate(w, grad, v, lr, momentum, weightDecay, nesterov, from, to);
        }

        @Override
        public void adamUpdate(
                float[] w,
                float[] grad,
                float[] m,
                float[] v,
                float beta1,
                float oneMinusBeta1,
                float beta2,
                float oneMinusBeta2,
                float stepSize,
                float sqrtCorrection2,
                float eps,
                float weightDecay,
                int from,
                int to) {
            engine.adamUpdate(
                    w,
                    grad,
                    m,
                    v,
                    beta1,
                    oneMinusBeta1,
                    beta2,
                    oneMinusBeta2,
                    stepSize,
                    sqrtCorrection2,
                    eps,
                    weightDecay,
                    from,
                    to);
        }
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsForAnyThreadCount() {
        List<float[]> one = train(1, 7);
        List<float[]> again = train(1, 7);
        List<float[]> two = train(2, 7);
        List<float[]> other = train(1, 8);
        for (int i = 0; i < one.size(); i++) {
            assertThat(again.get(i)).containsExactly(one.get(i));
            assertThat(two.get(i)).containsExactly(one.get(i));
        }
        assertThat(other.get(0)).isNotEqualTo(one.get(0));
    }

    @Test
    void aBatchLargerThanTheDataIsTheWholeData() {
        Dataset blobs = Datasets.blobs(60, 3, 4, 1.0, 5);
        List<float[]> weights = new java.util.ArrayList<>();
        for (int batch : new int[] {60, 61, Integer.MAX_VALUE}) {
            Network net = Network.builder(4)
                    .add(dense(5))
                    .add(relu())
                    .add(dense(3))
                    .loss(softmaxCrossEntropy())
                    .seed(2)
                    .build();
            History history = Trainer.builder()
                    .optimizer(Optimizers.sgd(0.1))
                    .batchSize(batch)
                    .epochs(3)
                    .build()
                    .fit(net, blobs);
            assertThat(history.epochs()).as("batch %d", batch).hasSize(3);
            weights.add(net.parameters().get(0).value().data().clone());
        }
        assertThat(weights.get(1)).containsExactly(weights.get(0));
        assertThat(weights.get(2)).containsExactly(weights.get(0));
    }

    @Test
    void earlyStoppingRestoresTheBestEpochsWeights() {
        Split split = Datasets.digits().split(0.2, 0.2, 42, true).standardize();
        Network net = Network.builder(64)
                .add(dense(64))
                .add(relu())
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(1)
                .build();
        History history = Trainer.builder()
                .optimizer(Optimizers.sgd(0.5).momentum(0.9))
                .epochs(60)
                .earlyStopping("val_loss", 2)
                .build()
                .fit(net, split.train(), split.validation());
        assertThat(history.stoppedEarly()).isTrue();
        assertThat(history.epochs().size()).isEqualTo(history.bestEpoch() + 3);
        double bestLoss = history.epochs().get(history.bestEpoch() - 1).validationLoss();
        assertThat(net.evaluate(split.validation()).loss())
                .isCloseTo(bestLoss, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aScheduleSetsEachEpochsLearningRateAndHistoryRecordsIt() {
        Split split = Datasets.digits().split(0.2, 0.2, 1, true).standardize();
        Network net = Network.builder(64)
                .add(dense(16))
                .add(relu())
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .build();
        History history = Trainer.builder()
                .optimizer(Optimizers.sgd(0.4))
                .schedule(Schedules.step(2, 0.5))
                .epochs(5)
                .build()
                .fit(net, split.train(), split.validation());
        assertThat(history.epochs()).extracting(e -> e.learningRate()).containsExactly(0.4, 0.4, 0.2, 0.2, 0.1);
        assertThat(history.epochs()).allSatisfy(e -> {
            assertThat(e.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(e.loss()).isPositive();
        });
        assertThat(history.last().loss()).isLessThan(history.epochs().get(0).loss());
    }
}
