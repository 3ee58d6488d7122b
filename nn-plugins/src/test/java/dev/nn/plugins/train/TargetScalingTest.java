package dev.nn.plugins.train;

import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.dropout;
import static dev.nn.plugins.Losses.mse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.FeatureTransform;
import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.core.train.TrainingInterruptedException;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import dev.nn.plugins.tables.Houses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training on scaled regression targets ({@code data.target_preprocess}): the loss is minimised on
 * the scaled targets, predictions come back in the targets' units, and the run is as reproducible
 * as any other (the same bits for any thread count, and after a resume).
 */
class TargetScalingTest {
    private static final Split HOUSES = Houses.raw(300, 4)
            .split(0.2, 0.2, 9, false)
            .encodeTable()
            .standardize()
            .standardizeTargets();

    private static Network network(int threads, boolean scaled) {
        return Network.builder(HOUSES.inputSize())
                .add(dense(16).activation("tanh"))
                .add(dropout(0.1))
                .add(dense(1))
                .loss(mse())
                .seed(3)
                .threads(threads)
                .targetScaling(scaled ? HOUSES.preprocessing().targetSteps() : List.of())
                .build();
    }

    private static TrainerBuilder trainer() {
        return Trainer.builder().optimizer(Optimizers.adam(0.01)).batchSize(16).epochs(5);
    }

    private static List<float[]> values(Network net) {
        return net.parameters().stream()
                .map(Parameter::value)
                .map(m -> m.data().clone())
                .toList();
    }

    private static void assertSameBits(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("parameter %d", i).containsExactly(expected.get(i));
        }
    }

    /** The dataset with its targets scaled beforehand, as a user without target scaling would do it. */
    private static Dataset prescaled(Dataset data) {
        Matrix t = data.targets().copy();
        HOUSES.preprocessing().scaleTargetsInPlace(t);
        return Dataset.regression(data.name(), data.features(), t);
    }

    /** Every epoch's losses, which time does not change. */
    private static List<String> figures(History history) {
        return history.epochs().stream()
                .map(e -> e.epoch() + ": " + e.loss() + " / " + e.validationLoss())
                .toList();
    }

    @Test
    void trainingOnScaledTargetsIsTrainingOnTheTargetsScaledBeforehandWithPredictionsScaledBack() {
        Network scaled = network(1, true);
        History a = trainer().build().fit(scaled, HOUSES.train(), HOUSES.validation());
        Network plain = network(1, false);
        History b = trainer().build().fit(plain, prescaled(HOUSES.train()), prescaled(HOUSES.validation()));

        assertSameBits(values(scaled), values(plain));
        assertThat(figures(a)).isEqualTo(figures(b));
        assertThat(scaled.loss(HOUSES.test())).isEqualTo(plain.loss(prescaled(HOUSES.test())));
        // Predictions in the targets' units: the plain network's scaled back by the fitted mean and deviation.
        FeatureTransform s = HOUSES.preprocessing().targetSteps().get(0);
        Matrix p = scaled.predict(HOUSES.test().features());
        Matrix q = plain.predict(HOUSES.test().features());
        for (int r = 0; r < p.rows(); r++) {
            assertThat(p.get(r, 0)).isEqualTo(q.get(r, 0) / s.scale()[0] + s.shift()[0]);
        }
        assertThat(scaled.predictions(HOUSES.test()).data()).containsExactly(p.data());
        // And close to the prices: the mean absolute error is a small part of their spread.
        double error = 0;
        for (int r = 0; r < p.rows(); r++) {
            error += Math.abs(p.get(r, 0) - HOUSES.test().targets().get(r, 0));
        }
        assertThat(error / p.rows()).isLessThan(0.5 / s.scale()[0]);
    }

    @Test
    void theSameBitsForOneTwoAndThreeThreads() {
        List<float[]> first = null;
        Matrix firstPrediction = null;
        for (int threads = 1; threads <= 3; threads++) {
            Network net = network(threads, true);
            trainer().build().fit(net, HOUSES.train(), HOUSES.validation());
            Matrix p = net.predict(HOUSES.test().features());
            if (first == null) {
                first = values(net);
                firstPrediction = p;
            } else {
                assertSameBits(values(net), first);
                assertThat(p.data()).as("%d threads", threads).containsExactly(firstPrediction.data());
            }
        }
    }

    @Test
    void aRunStoppedMidEpochResumesToTheSameBits() {
        Network reference = network(1, true);
        History straight = trainer().build().fit(reference, HOUSES.train(), HOUSES.validation());

        List<ResumeTest.Saved> saved = new ArrayList<>();
        int[] batches = {0};
        int perEpoch = (HOUSES.train().size() + 15) / 16;
        assertThatThrownBy(() -> trainer()
                        .checkpoint(ResumeTest.keepingIn(saved))
                        .stopWhen(() -> batches[0]++ == 2 * perEpoch + 3)
                        .build()
                        .fit(network(2, true), HOUSES.train(), HOUSES.validation()))
                .isInstanceOf(TrainingInterruptedException.class);
        ResumeTest.Saved at = saved.get(saved.size() - 1);
        assertThat(at.state().position()).isEqualTo("epoch 3, batch 3");

        Network resumed = network(3, true);
        for (int i = 0; i < at.parameters().size(); i++) {
            System.arraycopy(
                    at.parameters().get(i),
                    0,
                    resumed.parameters().get(i).value().data(),
                    0,
                    at.parameters().get(i).length);
        }
        History history = trainer().build().resume(resumed, HOUSES.train(), HOUSES.validation(), at.state());

        assertSameBits(values(resumed), values(reference));
        assertThat(figures(history)).isEqualTo(figures(straight));
    }

    @Test
    void targetScalingOfAClassifierIsRefused() {
        Split moons = Datasets.moons(100, 0.1, 1).split(0.2, 1);
        Network net = Network.builder(2)
                .add(dense(1))
                .loss(mse())
                .targetScaling(HOUSES.preprocessing().targetSteps())
                .build();

        assertThatThrownBy(() -> trainer().build().fit(net, moons.train()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the network scales regression targets (standardize), but moons/train has"
                        + " class labels; target scaling is for regression only");
        assertThatThrownBy(() -> Network.builder(64)
                        .add(dense(2))
                        .loss(mse())
                        .targetScaling(HOUSES.preprocessing().targetSteps())
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("target scaling: target preprocessing 'standardize' is for 1 targets but the network has"
                        + " 2 outputs");
    }
}
