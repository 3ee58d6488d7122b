package dev.nn.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Parameter;
import dev.nn.core.Network;
import dev.nn.core.testing.TinyData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trainer on nn-core's own test components (no built-in plugin on the class path). */
class TrainerTest {
    private static final Dataset DATA = TinyData.blobs(240, 4, 7);
    private static final Dataset TRAIN = DATA.subset(range(0, 200));
    private static final Dataset VALIDATION = DATA.subset(range(200, 240));

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static TrainerBuilder trainer() {
        return Trainer.builder()
                .optimizer("tiny_sgd", Map.of("lr", 0.2))
                .batchSize(16)
                .epochs(6);
    }

    @Test
    void trainingLearnsTheBlobsAndRecordsEveryEpoch() {
        Network net = TinyData.network(4, 3, 1);
        double before = net.loss(VALIDATION);
        History history = trainer().build().fit(net, TRAIN, VALIDATION);
        assertThat(history.epochs()).hasSize(6);
        assertThat(history.epochs()).extracting(EpochStats::epoch).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(history.last().validationLoss()).isLessThan(before / 2);
        assertThat(net.evaluate(VALIDATION).accuracy()).isGreaterThan(0.9);
        assertThat(history.examples()).isEqualTo(6L * TRAIN.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void theSameSeedGivesTheSameBitsForAnyThreadCount(int threads) {
        Network one = TinyData.network(4, 11, 1);
        Network many = TinyData.network(4, 11, threads);
        trainer().build().fit(one, TRAIN, VALIDATION);
        trainer().build().fit(many, TRAIN, VALIDATION);
        assertThat(TinyData.weights(many)).usingRecursiveComparison().isEqualTo(TinyData.weights(one));
    }

    @Test
    void aRunStoppedAndResumedEndsWithTheBitsOfOneNeverStopped() {
        Network whole = TinyData.network(4, 5, 1);
        trainer().earlyStopping("val_loss", 10).build().fit(whole, TRAIN, VALIDATION);

        // Stop after 30 batches (inside epoch 3), keeping what a checkpoint file would keep.
        Network first = TinyData.network(4, 5, 1);
        List<TrainingState> saved = new ArrayList<>();
        List<List<float[]>> savedWeights = new ArrayList<>();
        AtomicInteger batches = new AtomicInteger();
        Trainer stopping = trainer()
                .earlyStopping("val_loss", 10)
                .checkpoint((net, state) -> {
                    saved.add(state);
                    savedWeights.add(TinyData.weights(net));
                })
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int epoch, int batch, double loss) {
                        batches.incrementAndGet();
                    }
                })
                .stopWhen(() -> batches.get() == 30)
                .build();
        assertThatThrownBy(() -> stopping.fit(first, TRAIN, VALIDATION))
                .isInstanceOf(TrainingInterruptedException.class)
                .hasMessage("training stopped after batch 4 of epoch 3; a checkpoint of this point was saved");

        Network resumed = TinyData.network(4, 5, 1);
        List<Parameter> params = resumed.parameters();
        List<float[]> at = savedWeights.get(savedWeights.size() - 1);
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(at.get(i), 0, params.get(i).value().data(), 0, at.get(i).length);
        }
        History history = trainer()
                .earlyStopping("val_loss", 10)
                .build()
                .resume(resumed, TRAIN, VALIDATION, saved.get(saved.size() - 1));
        assertThat(history.epochs()).hasSize(6);
        assertThat(TinyData.weights(resumed)).usingRecursiveComparison().isEqualTo(TinyData.weights(whole));
    }

    @Test
    void aStateFromAnotherRunIsRefusedWithWhatDiffers() {
        Network net = TinyData.network(4, 5, 1);
        List<TrainingState> saved = new ArrayList<>();
        trainer().epochs(1).checkpoint((n, state) -> saved.add(state)).build().fit(net, TRAIN, VALIDATION);
        assertThatThrownBy(() -> trainer().batchSize(8).build().resume(net, TRAIN, VALIDATION, saved.get(0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("it was saved with epochs 1, this run has 6")
                .hasMessageContaining("it was saved with batch size 16, this run has 8");
    }

    @Test
    void earlyStoppingStopsAfterThePatienceAndPutsBackTheBestEpoch() {
        Network net = TinyData.network(4, 9, 1);
        // A rate this large makes the validation loss bounce, so it stops improving early.
        History history = Trainer.builder()
                .optimizer("tiny_sgd", Map.of("lr", 3.0))
                .batchSize(200)
                .epochs(40)
                .earlyStopping("val_loss", 2)
                .build()
                .fit(net, TRAIN, VALIDATION);
        assertThat(history.stoppedEarly()).isTrue();
        int best = history.bestEpoch();
        assertThat(history.epochs()).hasSize(best + 3);
        double bestLoss = history.epochs().get(best - 1).validationLoss();
        assertThat(history.epochs())
                .allSatisfy(e -> assertThat(e.validationLoss()).isGreaterThanOrEqualTo(bestLoss));
        assertThat(net.loss(VALIDATION)).isEqualTo(bestLoss, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aDivergingRunStopsWithWhatToChange() {
        Network net = TinyData.network(4, 9, 1);
        Trainer wild = Trainer.builder()
                .optimizer("tiny_sgd", Map.of("lr", 1e6))
                .batchSize(16)
                .epochs(3)
                .build();
        assertThatThrownBy(() -> wild.fit(net, TRAIN, VALIDATION))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("training diverged: ")
                .hasMessageContaining("lower the learning rate (optimizer.tiny_sgd.lr, now 1.00000e+06)")
                .hasMessageContaining("clip_norm (1.0 is a common start)");
    }

    @Test
    void dataThatDoesNotFitTheNetworkIsRefusedBeforeTraining() {
        Network net = TinyData.network(5, 9, 1);
        assertThatThrownBy(() -> trainer().build().fit(net, TRAIN, VALIDATION))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("data: ");
    }
}
