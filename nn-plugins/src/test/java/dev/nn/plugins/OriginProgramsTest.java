package dev.nn.plugins;

import static dev.nn.plugins.Activations.relu;
import static dev.nn.plugins.Activations.sigmoid;
import static dev.nn.plugins.Layers.dense;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Dataset;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The beginner programs nn grew from, re-created with the builder, reach what they reached. */
class OriginProgramsTest {

    /**
     * The raw-pixel digits network: 64-100-10 sigmoid, uniform(-1, 1) weights, no biases,
     * quadratic cost, lr 0.1, one example per step, about 10,000 steps, 75/25 split. A faithful
     * numpy replica reaches a median of 0.86 over 5 seeds (range 0.66-0.96).
     */
    @Test
    void rawDigitsSigmoidNetworkReachesMedianAccuracyOf85Percent() {
        Dataset digits = Datasets.digits();
        double[] accuracies = new double[5];
        for (int seed = 0; seed < 5; seed++) {
            Split split = digits.split(0.25, seed);
            Network net = Network.builder(64)
                    .add(dense(100).bias(false).init(Initializers.uniform(-1, 1)))
                    .add(sigmoid())
                    .add(dense(10).bias(false).init(Initializers.uniform(-1, 1)))
                    .add(sigmoid())
                    .loss(Losses.quadratic())
                    .seed(seed)
                    .build();
            // 1348 training examples: 8 epochs of single-example steps are 10,784 steps.
            Trainer.builder()
                    .optimizer(Optimizers.sgd(0.1))
                    .batchSize(1)
                    .epochs(8)
                    .build()
                    .fit(net, split.train());
            accuracies[seed] = net.evaluate(split.test()).accuracy();
        }
        Arrays.sort(accuracies);
        assertThat(accuracies[2])
                .as("median of %s", Arrays.toString(accuracies))
                .isGreaterThanOrEqualTo(0.85);
    }

    /** The Layer/Dense/ReLU/Sigmoid class design on make_moons: 2-64-32-16-1, MSE, lr 0.8. */
    @Test
    void moonsNetworkReaches96PercentTrainingAccuracy() {
        Dataset moons = Datasets.moons(1000, 0.1, 42);
        Network net = Network.builder(2)
                .add(dense(64))
                .add(relu())
                .add(dense(32))
                .add(sigmoid())
                .add(dense(16))
                .add(sigmoid())
                .add(dense(1))
                .add(sigmoid())
                .loss(Losses.mse())
                .seed(42)
                .build();
        History history = Trainer.builder()
                .optimizer(Optimizers.sgd(0.8))
                .batchSize(32)
                .epochs(200)
                .build()
                .fit(net, moons);
        assertThat(net.evaluate(moons).accuracy()).isGreaterThanOrEqualTo(0.96);
        assertThat(history.last().accuracy()).isGreaterThan(0.9);
    }

    /** The 64-100-10 sigmoid network with standardised inputs and an 80/20 split. */
    @Test
    void standardizedDigitsSigmoidNetworkLearns() {
        Split split = Datasets.digits().split(0.2, 42).standardize();
        Network net = Network.builder(64)
                .add(dense(100))
                .add(relu())
                .add(dense(10))
                .add(sigmoid())
                .loss(Losses.mse())
                .seed(42)
                .build();
        Trainer.builder()
                .optimizer(Optimizers.sgd(0.5).momentum(0.9))
                .batchSize(32)
                .epochs(30)
                .build()
                .fit(net, split.train());
        assertThat(net.evaluate(split.test()).accuracy()).isGreaterThanOrEqualTo(0.95);
    }
}
