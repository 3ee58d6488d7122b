package dev.nn.plugins.layers;

import static dev.nn.plugins.Layers.batchNorm;
import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.layerNorm;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingStep;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import dev.nn.testkit.TestContexts;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * batch_norm, layer_norm and dense's regularisation inside real training on the digits: the same
 * bits for 1, 2 and 3 threads, running statistics that follow the data, penalties that are part of
 * the loss reported, and max_norm holding after every step.
 */
class NormalisationTrainingTest {
    private static final Split DIGITS = Datasets.digits().split(0.2, 3).standardize();

    private static Network network(int threads, dev.nn.api.Spec first) {
        return Network.builder(64)
                .add(first)
                .add(batchNorm())
                .add(dev.nn.plugins.Activations.relu())
                .add(dense(16))
                .add(layerNorm())
                .add(dev.nn.plugins.Activations.relu())
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(5)
                .threads(threads)
                .build();
    }

    private static History train(Network net) {
        return Trainer.builder()
                .optimizer(Optimizers.adam(0.01))
                .batchSize(64)
                .epochs(3)
                .build()
                .fit(net, DIGITS.train(), DIGITS.test());
    }

    private static List<float[]> state(Network net) {
        return Stream.concat(net.parameters().stream(), net.buffers().stream())
                .map(p -> p.value().data().clone())
                .toList();
    }

    @Test
    void trainingGivesTheSameBitsForOneTwoAndThreeThreadsAndLearnsTheDigits() {
        Network one = network(1, dense(32).l2(1e-4).maxNorm(3));
        History history = train(one);
        List<float[]> expected = state(one);
        for (int threads : new int[] {2, 3}) {
            Network net = network(threads, dense(32).l2(1e-4).maxNorm(3));
            train(net);
            List<float[]> actual = state(net);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i))
                        .as("array %d with %d threads", i, threads)
                        .containsExactly(expected.get(i));
            }
        }
        assertThat(history.last().validationAccuracy()).isGreaterThan(0.9);
    }

    @Test
    void batchNormsRunningStatisticsFollowTheBatchesAndInferenceUsesThem() {
        Network net = network(1, dense(32));
        train(net);
        List<Parameter> buffers = net.buffers();
        assertThat(buffers).extracting(Parameter::name).containsExactly("running_mean", "running_var");
        // The first dense layer's outputs over the training data have these statistics, roughly.
        Workspace inference = TestContexts.inference(1);
        Matrix hidden = net.layers()
                .get(0)
                .forward(DIGITS.train().features(), inference)
                .copy();
        float[] mean = buffers.get(0).value().data();
        float[] var = buffers.get(1).value().data();
        for (int c = 0; c < 32; c++) {
            double m = 0;
            double v = 0;
            for (int r = 0; r < hidden.rows(); r++) {
                m += hidden.get(r, c);
            }
            m /= hidden.rows();
            for (int r = 0; r < hidden.rows(); r++) {
                v += Math.pow(hidden.get(r, c) - m, 2);
            }
            v /= hidden.rows() - 1;
            assertThat((double) mean[c])
                    .as("running mean %d", c)
                    .isCloseTo(m, org.assertj.core.data.Offset.offset(0.25 * Math.sqrt(v) + 0.05));
            assertThat((double) var[c]).as("running variance %d", c).isBetween(0.5 * v, 2 * v + 0.05);
        }
    }

    @Test
    void thePenaltyIsPartOfTheLossReportedAndMaxNormHoldsAfterEveryStep() {
        Network net = network(1, dense(32).l1(1e-3).l2(1e-2).maxNorm(0.5));
        Workspace ctx = TestContexts.training(1);
        TrainingStep step = new TrainingStep(
                net, PluginRegistry.defaultRegistry().optimizer(Optimizers.sgd(0.1), "train.optimizer"), ctx);
        int rows = 64;
        Matrix x = Matrix.wrap(rows, 64, Arrays.copyOf(DIGITS.train().features().data(), rows * 64));
        Matrix t = new Matrix(rows, 10);
        for (int r = 0; r < rows; r++) {
            t.set(r, DIGITS.train().labels()[r], 1f);
        }
        for (int k = 0; k < 5; k++) {
            double penalty = net.penalty();
            assertThat(penalty).isPositive();
            double dataLoss = net.loss().forward(net.forward(x, ctx), t, ctx);
            float reported = step.run(x, t);
            assertThat((double) reported)
                    .as("the loss of step %d", k)
                    .isCloseTo(dataLoss + penalty, org.assertj.core.data.Offset.offset(1e-5 * (dataLoss + penalty)));
            float[] w = net.layers().get(0).parameters().get(0).value().data();
            for (int u = 0; u < 32; u++) {
                double squares = 0;
                for (int i = 0; i < 64; i++) {
                    squares += w[i * 32 + u] * w[i * 32 + u];
                }
                assertThat(Math.sqrt(squares))
                        .as("norm of unit %d after step %d", u, k)
                        .isLessThanOrEqualTo(0.5 + 1e-6);
            }
        }
    }
}
