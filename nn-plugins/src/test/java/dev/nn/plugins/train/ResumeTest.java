package dev.nn.plugins.train;

import static dev.nn.plugins.Activations.relu;
import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.dropout;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Parameter;
import dev.nn.api.Spec;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.train.CheckpointWriter;
import dev.nn.core.train.EarlyStopping;
import dev.nn.core.train.EpochStats;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.core.train.TrainingInterruptedException;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingState;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import dev.nn.plugins.Schedules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A run stopped anywhere (between epochs or between two batches) and resumed from the state it
 * saved ends with the same bits as a run that never stopped: dropout, shuffling, the optimizer's
 * moments, the learning-rate schedule and early stopping's best weights all continue exactly.
 */
class ResumeTest {
    private static final Split DIGITS =
            Datasets.digits().split(0.2, 0.2, 42, true).standardize();

    /** What a checkpoint keeps: the parameters and the state, copied at the moment it was written. */
    record Saved(List<float[]> parameters, TrainingState state) {}

    private static List<float[]> values(Network net) {
        return net.parameters().stream()
                .map(Parameter::value)
                .map(m -> m.data().clone())
                .toList();
    }

    static CheckpointWriter keepingIn(List<Saved> saved) {
        return (net, state) -> {
            List<float[]> best =
                    state.stopping().bestWeights().stream().map(float[]::clone).toList();
            TrainingState.Stopping s = state.stopping();
            saved.add(new Saved(
                    values(net),
                    new TrainingState(
                            state.seed(),
                            state.epochs(),
                            state.batchSize(),
                            state.examples(),
                            state.epoch(),
                            state.batch(),
                            state.partial(),
                            state.history(),
                            state.seconds(),
                            new TrainingState.Stopping(s.bestValue(), s.bestEpoch(), s.sinceBest(), s.stopped(), best),
                            state.learningRate(),
                            state.optimizer(),
                            state.schedule())));
        };
    }

    private static Network network(int threads) {
        return Network.builder(64)
                .add(dense(48))
                .add(relu())
                .add(dropout(0.2))
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(11)
                .threads(threads)
                .build();
    }

    private static TrainerBuilder trainer(Spec optimizer) {
        return Trainer.builder()
                .optimizer(optimizer)
                .schedule(Schedules.cosine(0.001))
                .batchSize(64)
                .epochs(6)
                .earlyStopping(new EarlyStopping("val_accuracy", 10, 0, true));
    }

    /** Resumes from {@code saved} in a new network and trainer, checking the final weights are {@code expected}. */
    private static History resumeFrom(Saved saved, Spec optimizer, int threads, List<float[]> expected) {
        return resumeFrom(saved, trainer(optimizer), threads, expected);
    }

    private static History resumeFrom(Saved saved, TrainerBuilder trainer, int threads, List<float[]> expected) {
        Network net = network(threads);
        for (int i = 0; i < saved.parameters().size(); i++) {
            System.arraycopy(
                    saved.parameters().get(i),
                    0,
                    net.parameters().get(i).value().data(),
                    0,
                    saved.parameters().get(i).length);
        }
        History history = trainer.build().resume(net, DIGITS.train(), DIGITS.validation(), saved.state());
        assertThatSameBits(values(net), expected);
        return history;
    }

    private static void assertThatSameBits(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("parameter %d", i).containsExactly(expected.get(i));
        }
    }

    private static List<String> losses(History history) {
        return history.epochs().stream()
                .map(e -> e.epoch() + ":" + e.loss() + ":" + e.accuracy() + ":" + e.validationLoss() + ":"
                        + e.learningRate())
                .toList();
    }

    @Test
    void aRunResumedFromTheEndOfAnyEpochEndsWithTheSameBits() {
        for (Spec optimizer : List.of(
                Optimizers.adam(0.01),
                Optimizers.sgd(0.1).momentum(0.9).nesterov(),
                Optimizers.sgd(0.1).momentum(0.9).dampening(0.5),
                Optimizers.rmsprop(0.003).momentum(0.5).centered(),
                Optimizers.adagrad(0.05).with("lr_decay", 0.01),
                Optimizers.nadam(0.005))) {
            List<Saved> saved = new ArrayList<>();
            Network net = network(2);
            History straight = trainer(optimizer)
                    .checkpoint(keepingIn(saved))
                    .build()
                    .fit(net, DIGITS.train(), DIGITS.validation());
            assertThat(saved).extracting(s -> s.state().epoch()).containsExactly(2, 3, 4, 5, 6, 7);
            for (Saved at : List.of(saved.get(0), saved.get(3), saved.get(5))) {
                History resumed = resumeFrom(at, optimizer, 1, values(net));
                assertThat(losses(resumed))
                        .as("%s from %s", optimizer, at.state().position())
                        .isEqualTo(losses(straight));
                assertThat(resumed.bestEpoch()).isEqualTo(straight.bestEpoch());
            }
        }
    }

    @Test
    void aStopBetweenTwoBatchesSavesAStateThatResumesExactly() {
        Spec optimizer = Optimizers.rmsprop(0.003);
        Network reference = network(1);
        History straight = trainer(optimizer).build().fit(reference, DIGITS.train(), DIGITS.validation());

        int perEpoch = (DIGITS.train().size() + 63) / 64;
        List<Saved> saved = new ArrayList<>();
        int[] batches = {0};
        BooleanSupplier afterTwoEpochs = () -> batches[0] == 2 * perEpoch;
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, double loss) {
                batches[0]++;
            }
        };
        Network net = network(1);
        // The stop is asked before each batch, so after the last batch of epoch 2 it comes before epoch 3.
        assertThatThrownBy(() -> trainer(optimizer)
                        .checkpoint(keepingIn(saved))
                        .stopWhen(afterTwoEpochs)
                        .listener(counter)
                        .build()
                        .fit(net, DIGITS.train(), DIGITS.validation()))
                .isInstanceOfSatisfying(TrainingInterruptedException.class, e -> {
                    assertThat(e.epoch()).isEqualTo(3);
                    assertThat(e.batch()).isZero();
                    assertThat(e.checkpointSaved()).isTrue();
                });
        assertThat(saved).hasSize(2);

        batches[0] = 0;
        BooleanSupplier fiveBatchesIntoEpochTwo = () -> batches[0] == perEpoch + 5;
        saved.clear();
        Network mid = network(1);
        assertThatThrownBy(() -> trainer(optimizer)
                        .checkpoint(keepingIn(saved))
                        .stopWhen(fiveBatchesIntoEpochTwo)
                        .listener(counter)
                        .build()
                        .fit(mid, DIGITS.train(), DIGITS.validation()))
                .isInstanceOfSatisfying(TrainingInterruptedException.class, e -> {
                    assertThat(e.epoch()).isEqualTo(2);
                    assertThat(e.batch()).isEqualTo(5);
                    assertThat(e)
                            .hasMessage(
                                    "training stopped after batch 5 of epoch 2; a checkpoint of this point was saved");
                });
        Saved midEpoch = saved.get(saved.size() - 1);
        assertThat(midEpoch.state().position()).isEqualTo("epoch 2, batch 5");
        assertThat(midEpoch.state().history()).hasSize(1);
        History resumed = resumeFrom(midEpoch, optimizer, 2, values(reference));
        assertThat(losses(resumed)).isEqualTo(losses(straight));
    }

    @Test
    void aStopMidEpochResumesExactlyWithOneCycleReduceOnPlateauAndAWarmup() {
        Spec optimizer = Optimizers.adam(0.01);
        Map<String, Supplier<TrainerBuilder>> runs = new LinkedHashMap<>();
        runs.put("one_cycle", () -> trainer(optimizer).schedule(Schedules.oneCycle(0.02)));
        runs.put(
                "reduce_on_plateau",
                () -> trainer(optimizer)
                        .schedule(Schedules.reduceOnPlateau("val_loss", 0.5, 0).with("threshold", 0.5)));
        runs.put("warmup before cosine", () -> trainer(optimizer).warmup(3, 0.1));
        int perEpoch = (DIGITS.train().size() + 63) / 64;
        for (Map.Entry<String, Supplier<TrainerBuilder>> run : runs.entrySet()) {
            Network reference = network(1);
            History straight = run.getValue().get().build().fit(reference, DIGITS.train(), DIGITS.validation());
            assertThat(straight.epochs().stream().map(EpochStats::learningRate).distinct())
                    .as("%s changes the rate", run.getKey())
                    .hasSizeGreaterThan(3);
            for (int stopAt : new int[] {2 * perEpoch + 5, 4 * perEpoch}) {
                List<Saved> saved = new ArrayList<>();
                int[] batches = {0};
                assertThatThrownBy(() -> run.getValue()
                                .get()
                                .checkpoint(keepingIn(saved))
                                .stopWhen(() -> batches[0]++ == stopAt)
                                .build()
                                .fit(network(1), DIGITS.train(), DIGITS.validation()))
                        .isInstanceOf(TrainingInterruptedException.class);
                Saved at = saved.get(saved.size() - 1);
                History resumed = resumeFrom(at, run.getValue().get(), 2, values(reference));
                assertThat(losses(resumed))
                        .as("%s from %s", run.getKey(), at.state().position())
                        .isEqualTo(losses(straight));
            }
        }
    }

    @Test
    void aStopWithoutCheckpointsSaysNothingWasSaved() {
        Network net = network(1);
        assertThatThrownBy(() -> trainer(Optimizers.adam(0.01))
                        .stopWhen(() -> true)
                        .build()
                        .fit(net, DIGITS.train(), DIGITS.validation()))
                .isInstanceOf(TrainingInterruptedException.class)
                .hasMessage("training stopped before epoch 1; no checkpoint was saved");
    }

    @Test
    void aStateFromAnotherRunIsRefusedWithWhatDiffers() {
        List<Saved> saved = new ArrayList<>();
        trainer(Optimizers.adam(0.01))
                .epochs(2)
                .checkpoint(keepingIn(saved))
                .build()
                .fit(network(1), DIGITS.train(), DIGITS.validation());
        TrainingState state = saved.get(0).state();
        Trainer otherBatches =
                trainer(Optimizers.adam(0.01)).epochs(3).batchSize(32).build();
        assertThatThrownBy(() -> otherBatches.resume(network(1), DIGITS.train(), DIGITS.validation(), state))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "checkpoint: the checkpoint does not belong to this training run: it was saved with epochs 2,"
                                + " this run has 3; it was saved with batch size 64, this run has 32");
        Trainer otherOptimizer =
                trainer(Optimizers.sgd(0.1).momentum(0.9)).epochs(2).build();
        assertThatThrownBy(() -> otherOptimizer.resume(network(1), DIGITS.train(), DIGITS.validation(), state))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("checkpoint: the checkpoint's optimizer state does not fit optimizer 'sgd'");
    }

    @Test
    void historyCarriesOverTheEpochsBeforeTheStop() {
        List<Saved> saved = new ArrayList<>();
        Spec optimizer = Optimizers.sgd(0.05);
        Network net = network(1);
        History straight = trainer(optimizer)
                .epochs(3)
                .checkpoint(keepingIn(saved))
                .build()
                .fit(net, DIGITS.train(), DIGITS.validation());
        List<EpochStats> before = saved.get(1).state().history();
        assertThat(before).hasSize(2);
        assertThat(before).isEqualTo(straight.epochs().subList(0, 2));
        assertThat(saved.get(2).state().finished()).isTrue();
    }
}
