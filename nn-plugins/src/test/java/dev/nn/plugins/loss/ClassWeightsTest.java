package dev.nn.plugins.loss;

import static dev.nn.Nn.adam;
import static dev.nn.Nn.dense;
import static dev.nn.Nn.softmaxCrossEntropy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import dev.nn.api.Preprocessing;
import dev.nn.api.Spec;
import dev.nn.api.Split;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.train.Checkpoint;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingInterruptedException;
import dev.nn.plugins.Datasets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code class_weights: balanced} is worked out once from the training labels when training starts,
 * the same way for the Java API as for {@code nn train} ({@link Network#fitLossTo}), and the model
 * records the weights themselves; a run stopped half way resumes to the same bits.
 */
class ClassWeightsTest {
    @TempDir
    Path dir;

    /** 12 examples of 3 features: 6 of class a, 4 of b, 2 of c (and d, when asked, with none). */
    private static Dataset imbalanced(List<String> classes) {
        int[] labels = {0, 1, 0, 2, 0, 1, 0, 1, 0, 2, 0, 1};
        Matrix x = new Matrix(labels.length, 3);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (float) random.nextDouble(-1, 1) + labels[i / 3];
        }
        return Dataset.classification("imbalanced", x, labels, classes);
    }

    private static Network network(Spec loss, int classes) {
        return Network.builder(3)
                .add(dense(classes))
                .loss(loss)
                .seed(5)
                .threads(1)
                .build();
    }

    private static Trainer trainer() {
        return Trainer.builder().optimizer(adam(0.01)).batchSize(4).epochs(3).build();
    }

    @Test
    void balancedWeightsAreTheTrainingLabelsNumbersAndALoadedModelComputesTheSameLoss() throws IOException {
        Dataset train = imbalanced(List.of("a", "b", "c"));
        Network net = network(softmaxCrossEntropy().labelSmoothing(0.1).balancedClassWeights(), 3);

        trainer().fit(net, train);

        // scikit-learn's n / (classes * count): 12 / (3 * 6), 12 / (3 * 4), 12 / (3 * 2).
        assertThat(net.lossSpec().options())
                .containsEntry("class_weights", List.of(12.0 / 18, 12.0 / 12, 12.0 / 6))
                .containsEntry("label_smoothing", 0.1);
        Path file = dir.resolve("model.zip");
        ModelFile.save(
                net,
                new ModelInfo(train.classNames(), Preprocessing.NONE, Map.of(), "test", 5, "test", "", "now"),
                file);
        Network loaded = Network.load(file);
        assertThat(loaded.lossSpec()).isEqualTo(net.lossSpec());
        assertThat(loaded.loss(train)).isEqualTo(net.loss(train));
    }

    @Test
    void fittingAgainChangesNothingAndTheWeightsAreThoseOfTheFirstTrainingData() {
        Network net = network(softmaxCrossEntropy().balancedClassWeights(), 3);
        trainer().fit(net, imbalanced(List.of("a", "b", "c")));
        Spec first = net.lossSpec();

        Dataset other = imbalanced(List.of("a", "b", "c")).subset(new int[] {0, 1, 3});
        net.fitLossTo(other);

        assertThat(net.lossSpec()).isEqualTo(first);
    }

    @Test
    void aClassWithNoTrainingExampleIsNamed() {
        Network net = network(softmaxCrossEntropy().balancedClassWeights(), 4);

        assertThatThrownBy(() -> trainer().fit(net, imbalanced(List.of("a", "b", "c", "d"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("loss.softmax_cross_entropy.class_weights: balanced weights need every class in the"
                        + " training data, but class 3 ('d') has no training example: give the weights as a list");
    }

    @Test
    void weightsThatAreNotOnePerClassAreRefusedNamingTheOption() {
        Network net = network(softmaxCrossEntropy().classWeights(1, 2), 3);

        assertThatThrownBy(() -> trainer().fit(net, imbalanced(List.of("a", "b", "c"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("loss.softmax_cross_entropy.class_weights: has 2 weights, but the data has 3 classes:"
                        + " give one weight per class, in the order of the classes, or use balanced");
    }

    @Test
    void aBalancedLossThatHasNotSeenTrainingDataSaysSo() {
        Network net = network(softmaxCrossEntropy().balancedClassWeights(), 3);

        assertThatThrownBy(() -> net.loss(imbalanced(List.of("a", "b", "c"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("class_weights: balanced are worked out from the training labels");
    }

    @Test
    void explicitWeightsAreKeptAsGiven() {
        Network net = network(softmaxCrossEntropy().classWeights(1, 2, 3), 3);
        Spec given = net.lossSpec();

        trainer().fit(net, imbalanced(List.of("a", "b", "c")));

        assertThat(net.lossSpec()).isSameAs(given);
    }

    @Test
    void aBalancedRunStoppedHalfWayAndResumedEndsWithTheBitsOfOneNeverStopped() throws IOException {
        Split digits = Datasets.digits().split(0.2, 7).standardize();
        Spec loss = softmaxCrossEntropy().labelSmoothing(0.1).balancedClassWeights();
        Network straight =
                Network.builder(64).add(dense(10)).loss(loss).seed(5).threads(1).build();
        trainer().fit(straight, digits.train());

        Path file = dir.resolve(Checkpoint.FILE_NAME);
        Network stopped =
                Network.builder(64).add(dense(10)).loss(loss).seed(5).threads(1).build();
        ModelInfo info =
                new ModelInfo(digits.train().classNames(), Preprocessing.NONE, Map.of(), "test", 5, "test", "", "now");
        int[] batches = {0};
        assertThatThrownBy(() -> Trainer.builder()
                        .optimizer(adam(0.01))
                        .batchSize(4)
                        .epochs(3)
                        .checkpoint(Checkpoint.writer(file, info))
                        .stopWhen(() -> batches[0]++ == 500)
                        .build()
                        .fit(stopped, digits.train()))
                .isInstanceOf(TrainingInterruptedException.class);
        Checkpoint checkpoint = Checkpoint.load(file);
        Network resumed =
                Network.builder(64).add(dense(10)).loss(loss).seed(5).threads(1).build();
        checkpoint.restore(resumed);
        trainer().resume(resumed, digits.train(), null, checkpoint.state());

        assertThat(resumed.lossSpec()).isEqualTo(straight.lossSpec());
        for (int p = 0; p < straight.parameters().size(); p++) {
            Parameter expected = straight.parameters().get(p);
            assertThat(resumed.parameters().get(p).value().data())
                    .as(expected.name())
                    .containsExactly(expected.value().data());
        }
    }
}
