package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.core.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn train} with {@code class_weights: balanced} and {@code label_smoothing} on the bundled
 * digits: it trains, gives the same bits on 1 and 2 threads, and the model file records the weights
 * worked out from the training labels, so the loaded model's loss needs no data to be the same.
 */
class ClassWeightsCliTest {
    @TempDir
    Path tmp;

    @Test
    void balancedAndSmoothedTrainingIsDeterministicAndTheModelRecordsTheWeights() throws IOException {
        Path config = Files.writeString(tmp.resolve("weighted.yaml"), """
                seed: 3
                data: {dataset: digits, validation: 0.1, preprocess: [standardize]}
                model:
                  layers:
                    - dense: {units: 32, activation: relu}
                    - dense: {units: 10}
                  loss: {softmax_cross_entropy: {label_smoothing: 0.1, class_weights: balanced}}
                train:
                  optimizer: {adam: {lr: 0.003}}
                  batch_size: 32
                  epochs: 3
                report: {plots: []}
                """);
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");

        Cli first = Cli.run("train", config.toString(), "--out", one.toString(), "--threads", "1");
        Cli second = Cli.run("train", config.toString(), "--out", two.toString(), "--threads", "2");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(first.out()).contains("Test accuracy 0.9");
        assertThat(KillAndResumeTest.params(two)).isEqualTo(KillAndResumeTest.params(one));
        Network loaded = Network.load(one.resolve("model.zip"));
        @SuppressWarnings("unchecked")
        List<Double> weights = (List<Double>) loaded.lossSpec().options().get("class_weights");
        // n / (10 * count_c) for counts that add up to n: the 1/(10 w_c) are the classes' shares.
        assertThat(weights).hasSize(10);
        assertThat(weights.stream().mapToDouble(w -> 1 / (10 * w)).sum())
                .isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(weights).doesNotContainNull().allSatisfy(w -> assertThat(w).isBetween(0.8, 1.25));
        assertThat(loaded.lossSpec().options()).containsEntry("label_smoothing", 0.1);
    }
}
