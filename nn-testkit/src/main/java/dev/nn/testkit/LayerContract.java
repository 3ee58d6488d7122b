package dev.nn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.nn.api.Dataset;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link LayerProvider} and its layers, as JUnit 5 tests. A plugin's test
 * extends it and supplies the provider, plus options and sizes where the defaults do not fit:
 * <pre>{@code
 * class PReluContractTest extends LayerContract {
 *     protected LayerProvider provider() { return new PRelu.Provider(); }
 *     protected Map<String, ?> options() { return Map.of("init", 0.1); }
 * }
 * }</pre>
 * It checks, besides {@link ProviderContract}'s option checks: the sizes of outputs and gradients
 * for any batch size; that one seed gives the same parameters and outputs; that nothing from one
 * batch leaks into the next; that inference is repeatable and safe from many threads at once; that results are bit-identical for any
 * thread count; that the input and the incoming gradient are left alone; that backward adds into
 * parameter gradients; that input and parameter gradients agree with central differences; and that
 * a few steps of gradient descent on a one-layer network lower its loss.
 *
 * <p>Random layers pass too: every test reseeds the context before a forward pass it compares.
 */
public abstract class LayerContract extends ProviderContract<LayerProvider> {

    /** {@return the number of inputs the layer is created for; default 5} */
    protected int inputSize() {
        return 5;
    }

    /** {@return rows in a test batch; default 4} */
    protected int batchSize() {
        return 4;
    }

    /**
     * A seeded batch of inputs; by default values in ±[0.05, 2] ({@link TestData#inputs}). Override
     * for a layer that needs other inputs (positive ones, say); keep them off the layer's kinks.
     *
     * @param rows the batch size
     * @param seed seeds the values
     * @return the batch
     */
    protected Matrix input(int rows, long seed) {
        return TestData.inputs(rows, inputSize(), seed);
    }

    /** {@return the gradient checker: override to change its step or tolerance for this layer} */
    protected GradientCheck gradientCheck() {
        return Gradients.check();
    }

    /** {@return the learning rate of the one-layer training test; default 0.05} */
    protected double learningRate() {
        return 0.05;
    }

    /**
     * {@return a new layer from {@link #provider()} with {@link #options()} and {@link #inputSize()}, its parameters drawn with {@code seed}}
     *
     * @param seed seeds the initial parameters
     */
    protected final Layer createLayer(long seed) {
        InitContext init = registry()
                .initContext(
                        new SplittableRandom(seed), WHERE + "." + provider().name());
        return provider().create(checkedOptions(), inputSize(), init);
    }

    /** The provider creates a layer of the given input size. */
    @Test
    public void createsALayerOfTheGivenInputSize() {
        Layer layer = createLayer(1);
        assertThat(layer.inputSize()).as("inputSize()").isEqualTo(inputSize());
        assertThat(layer.outputSize()).as("outputSize()").isPositive();
        assertThat(layer.parameters()).as("parameters()").doesNotContainNull();
        assertThat(layer.parameters()).extracting(Parameter::name).doesNotHaveDuplicates();
        assertThat(layer.parameters()).as("parameters() on a second call").isEqualTo(layer.parameters());
    }

    /** Outputs and gradients have the right shape for every batch size. */
    @Test
    public void outputsAndGradientsHaveTheRightShapeForEveryBatchSize() {
        Layer layer = createLayer(1);
        for (boolean training : new boolean[] {true, false}) {
            Workspace ctx = TestContexts.of(1, 1, training);
            // A training batch holds at least what the layer declares (batch_norm needs 2).
            int fewest = training ? Math.max(1, layer.minimumTrainingBatch()) : 1;
            for (int wanted : new int[] {batchSize(), 1, 2 * batchSize() + 1, batchSize()}) {
                int rows = Math.max(wanted, fewest);
                Matrix y = layer.forward(input(rows, rows), ctx);
                assertThat(y.rows())
                        .as("rows of the output for %d input rows", rows)
                        .isEqualTo(rows);
                assertThat(y.cols()).as("columns of the output").isEqualTo(layer.outputSize());
                if (!training) {
                    continue; // backward follows only a training forward (see Layer)
                }
                Matrix dx = layer.backward(gradient(rows, layer.outputSize(), rows), ctx);
                assertThat(dx.rows())
                        .as("rows of the input gradient for %d rows", rows)
                        .isEqualTo(rows);
                assertThat(dx.cols()).as("columns of the input gradient").isEqualTo(inputSize());
            }
        }
    }

    /** The same seed gives the same parameters and outputs. */
    @Test
    public void theSameSeedGivesTheSameParametersAndOutputs() {
        Layer first = createLayer(7);
        Layer second = createLayer(7);
        for (int i = 0; i < first.parameters().size(); i++) {
            assertThat(second.parameters().get(i).value())
                    .as("parameter %s", first.parameters().get(i).name())
                    .isEqualTo(first.parameters().get(i).value());
        }
        Matrix x = input(batchSize(), 2);
        Matrix g = gradient(batchSize(), first.outputSize(), 3);
        for (boolean training : new boolean[] {true, false}) {
            assertThat(pass(second, TestContexts.of(0, 1, training), 5, x, g))
                    .as(training ? "training" : "inference")
                    .isEqualTo(pass(first, TestContexts.of(0, 1, training), 5, x, g));
        }
    }

    /** Nothing leaks from one batch into the next. */
    @Test
    public void nothingLeaksFromOneBatchIntoTheNext() {
        Layer used = createLayer(5);
        Layer fresh = createLayer(5);
        Workspace ctx = TestContexts.training(0);
        int rows = batchSize();
        pass(used, ctx, 21, input(rows + 3, 11), gradient(rows + 3, used.outputSize(), 12));
        Matrix x = input(rows, 13);
        Matrix g = gradient(rows, used.outputSize(), 14);
        assertThat(pass(used, ctx, 22, x, g))
                .as("a batch after another batch")
                .isEqualTo(pass(fresh, TestContexts.training(0), 22, x, g));
    }

    /** At inference the same input always gives the same output. */
    @Test
    public void atInferenceTheSameInputAlwaysGivesTheSameOutput() {
        Layer layer = createLayer(3);
        Workspace ctx = TestContexts.inference(1);
        Matrix x = input(batchSize(), 4);
        Matrix first = layer.forward(x, ctx).copy();
        layer.forward(input(batchSize() + 1, 5), ctx);
        ctx.reseed(99);
        assertThat(layer.forward(x, ctx))
                .as("the output for the same input later, with other random draws")
                .isEqualTo(first);
    }

    /**
     * At inference, forward serves many threads at once.
     *
     * @throws Exception if a thread fails or is interrupted
     */
    @Test
    public void atInferenceForwardServesManyThreadsAtOnce() throws Exception {
        Layer layer = createLayer(3);
        int threads = 4;
        List<Matrix> inputs = new ArrayList<>();
        List<Matrix> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Matrix x = input(batchSize() + t, 50 + t);
            inputs.add(x);
            expected.add(layer.forward(x, TestContexts.inference(1)).copy());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Boolean>> same = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int own = t;
                same.add(pool.submit(() -> {
                    Workspace ctx = TestContexts.inference(1);
                    start.await();
                    boolean all = true;
                    for (int i = 0; i < 200; i++) {
                        all &= layer.forward(inputs.get(own), ctx).equals(expected.get(own));
                    }
                    return all;
                }));
            }
            for (int t = 0; t < threads; t++) {
                assertThat(same.get(t).get())
                        .as(
                                "every output of thread %d, its input forwarded at the same time as"
                                        + " the others' (a layer must write no field of its own at inference)",
                                t)
                        .isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Results are bit-identical for any thread count. */
    @Test
    public void resultsAreBitIdenticalForAnyThreadCount() {
        // Big enough that engines split the work between threads.
        int rows = Math.max(batchSize(), 65_536 / inputSize() + 1);
        Layer one = createLayer(9);
        Layer three = createLayer(9);
        Matrix x = input(rows, 31);
        Matrix g = gradient(rows, one.outputSize(), 32);
        assertThat(pass(three, TestContexts.of(0, 3, true), 17, x, g))
                .as("3 threads against 1")
                .isEqualTo(pass(one, TestContexts.of(0, 1, true), 17, x, g));
    }

    /** Neither the input nor the incoming gradient is changed. */
    @Test
    public void neitherTheInputNorTheIncomingGradientIsChanged() {
        Layer layer = createLayer(1);
        Matrix x = input(batchSize(), 41);
        Matrix g = gradient(batchSize(), layer.outputSize(), 42);
        Matrix xBefore = x.copy();
        Matrix gBefore = g.copy();
        pass(layer, TestContexts.training(0), 1, x, g);
        assertThat(x).as("the input after forward and backward").isEqualTo(xBefore);
        assertThat(g).as("the incoming gradient after backward").isEqualTo(gBefore);
    }

    /** Backward adds into the parameter gradients. */
    @Test
    public void backwardAddsIntoTheParameterGradients() {
        Layer layer = createLayer(1);
        assumeFalse(layer.parameters().isEmpty(), "the layer has no parameters");
        Workspace ctx = TestContexts.training(0);
        Matrix g = gradient(batchSize(), layer.outputSize(), 52);
        Pass once = pass(layer, ctx, 1, input(batchSize(), 51), g);
        layer.backward(g, ctx);
        for (int i = 0; i < layer.parameters().size(); i++) {
            float[] twice = layer.parameters().get(i).grad().data();
            float[] single = once.parameterGradients().get(i).data();
            for (int j = 0; j < twice.length; j++) {
                assertThat((double) twice[j])
                        .as(
                                "gradient of %s[%d] after two backward passes",
                                layer.parameters().get(i).name(), j)
                        .isCloseTo(
                                2.0 * single[j],
                                org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(2.0 * single[j]))));
            }
        }
    }

    /** The input gradient agrees with central differences. */
    @Test
    public void theInputGradientAgreesWithCentralDifferences() {
        GradientCheck.Report report = gradientCheck().layer(createLayer(11), input(batchSize(), 61));
        assertThat(report.checked()).isPositive();
        assertThat(report.failures())
                .as(report.toString())
                .noneMatch(f -> f.tensor().equals("input"));
    }

    /** The parameter gradients agree with central differences. */
    @Test
    public void theParameterGradientsAgreeWithCentralDifferences() {
        Layer layer = createLayer(11);
        assumeFalse(layer.parameters().isEmpty(), "the layer has no parameters");
        GradientCheck.Report report = gradientCheck().layer(layer, input(batchSize(), 61));
        assertThat(report.failures())
                .as(report.toString())
                .allMatch(f -> f.tensor().equals("input"));
    }

    /** A few steps of gradient descent on a one-layer network lower its loss. */
    @Test
    public void aFewStepsOfGradientDescentOnAOneLayerNetworkLowerItsLoss() {
        assumeFalse(createLayer(1).parameters().isEmpty(), "the layer has no parameters to train");
        Network net = OneLayerNetwork.around(provider())
                .options(options())
                .inputSize(inputSize())
                .seed(13)
                .build();
        Matrix x = input(32, 71);
        Matrix t = TestData.uniform(32, net.outputSize(), -1, 1, 72);
        Dataset data = Dataset.regression("contract", x, t);
        double before = net.loss(data);
        OneLayerNetwork.train(net, x, t, 10, learningRate());
        assertThat(net.loss(data)).as("loss after 10 steps, from %s", before).isLessThan(before);
    }

    /** A seeded incoming gradient, values in [-1, 1). */
    private static Matrix gradient(int rows, int cols, long seed) {
        return TestData.uniform(rows, cols, -1, 1, seed);
    }

    /** What one forward and backward pass gave, copied out of the layer's buffers. */
    private record Pass(Matrix output, Matrix inputGradient, List<Matrix> parameterGradients) {}

    /** Zeroes the gradients, reseeds {@code ctx}, runs forward and, when training, backward. */
    private static Pass pass(Layer layer, Workspace ctx, long seed, Matrix x, Matrix g) {
        layer.parameters().forEach(p -> p.grad().zero());
        ctx.reseed(seed);
        Matrix y = layer.forward(x, ctx).copy();
        if (!ctx.training()) {
            return new Pass(y, null, List.of());
        }
        Matrix dx = layer.backward(g, ctx).copy();
        return new Pass(
                y, dx, layer.parameters().stream().map(p -> p.grad().copy()).toList());
    }
}
