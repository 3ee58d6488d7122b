package dev.nn.plugins.train;

import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.dropout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.eval.RegressionEvaluation;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.train.Checkpoint;
import dev.nn.core.train.EarlyStopping;
import dev.nn.core.train.EpochStats;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.core.train.TrainingInterruptedException;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Losses;
import dev.nn.plugins.Optimizers;
import dev.nn.plugins.Schedules;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression as a task of the trainer, on the bundled diabetes and linnerud tables: every epoch's
 * validation R² and MAE, early stopping and reduce_on_plateau on them, the same bits for any thread
 * count, and checkpoints that keep the figures and resume to the same bits.
 */
class RegressionTrainingTest {
    private static final Split LINNERUD =
            Datasets.linnerud().split(0.2, 0.25, 5, false).standardize();
    private static final Split DIABETES =
            Datasets.diabetes().split(0.2, 0.2, 3, false).standardize();

    @TempDir
    Path dir;

    private static Network network(Split split, int outputs, int threads) {
        return Network.builder(split.inputSize())
                .add(dense(16).activation("tanh"))
                .add(dropout(0.1))
                .add(dense(outputs))
                .loss(Losses.mse())
                .seed(9)
                .threads(threads)
                .build();
    }

    private static TrainerBuilder trainer(String monitor) {
        return Trainer.builder()
                .path("train")
                .optimizer(Optimizers.adam(0.01))
                .schedule(Schedules.reduceOnPlateau(monitor, 0.5, 1))
                .batchSize(32)
                .epochs(8)
                .earlyStopping(new EarlyStopping(monitor, 3, 0, true));
    }

    private static List<float[]> values(Network net) {
        return net.parameters().stream()
                .map(Parameter::value)
                .map(m -> m.data().clone())
                .toList();
    }

    @Test
    void everyEpochHasTheValidationR2AndMaeOfTheNetworkAtItsEnd() {
        Network net = network(LINNERUD, 3, 1);
        List<EpochStats> epochs = new java.util.ArrayList<>();
        Trainer.builder()
                .optimizer(Optimizers.adam(0.01))
                .epochs(3)
                .batchSize(8)
                .listener(new dev.nn.core.train.TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochStats stats) {
                        epochs.add(stats);
                    }
                })
                .build()
                .fit(net, LINNERUD.train(), LINNERUD.validation());
        EpochStats last = epochs.get(2);
        RegressionEvaluation now = net.evaluateRegression(LINNERUD.validation());

        assertThat(last.validationR2()).isEqualTo(now.r2());
        assertThat(last.validationMae()).isEqualTo(now.mae());
        assertThat(last.validationLoss()).isEqualTo(now.loss());
        assertThat(last.metric("val_r2")).isEqualTo(now.r2());
        assertThat(last.metric("val_mae")).isEqualTo(now.mae());
        assertThat(last.accuracy()).isNaN();
        assertThat(last.validationAccuracy()).isNaN();
        assertThat(now.outputNames()).containsExactly("Weight", "Waist", "Pulse");
    }

    @Test
    void evaluateRegressionComparesPredictWithTheTargetsAndDoesNotPreprocessTwice() {
        Network net = network(DIABETES, 1, 1);
        Trainer.builder().optimizer(Optimizers.adam(0.01)).epochs(2).build().fit(net, DIABETES.train());
        Matrix predicted = net.predict(DIABETES.test().features());
        RegressionEvaluation expected = RegressionEvaluation.of(
                DIABETES.test().targets(), predicted, List.of("progression"), net.loss(DIABETES.test()));

        RegressionEvaluation e = net.evaluateRegression(DIABETES.test());
        // A network that carries its preprocessing (as a loaded one does) takes the data as the layers see it too.
        RegressionEvaluation carried =
                net.withPreprocessing(DIABETES.preprocessing()).evaluateRegression(DIABETES.test());

        assertThat(e.r2()).isEqualTo(expected.r2());
        assertThat(e.mae()).isEqualTo(expected.mae());
        assertThat(e.loss()).isEqualTo(expected.loss());
        assertThat(e.outputNames()).containsExactly("progression");
        assertThat(carried.r2()).isEqualTo(e.r2());
        assertThat(carried.loss()).isEqualTo(e.loss());
        assertThatThrownBy(() -> net.evaluate(DIABETES.test()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("diabetes/test is a regression dataset; use evaluateRegression(data)");
    }

    @Test
    void theSameSeedGivesTheSameBitsForOneTwoAndThreeThreads() {
        List<float[]> one = null;
        History first = null;
        for (int threads = 1; threads <= 3; threads++) {
            Network net = network(DIABETES, 1, threads);
            History history = trainer("val_r2").build().fit(net, DIABETES.train(), DIABETES.validation());
            List<float[]> weights = values(net);
            if (one == null) {
                one = weights;
                first = history;
                continue;
            }
            for (int i = 0; i < one.size(); i++) {
                assertThat(weights.get(i))
                        .as("%d threads, parameter %d", threads, i)
                        .containsExactly(one.get(i));
            }
            assertThat(figures(history)).as("%d threads", threads).isEqualTo(figures(first));
        }
    }

    /** Every figure of every epoch but its seconds. */
    private static List<String> figures(History history) {
        return history.epochs().stream()
                .map(e -> e.epoch() + ":" + e.loss() + ":" + e.validationLoss() + ":" + e.validationR2() + ":"
                        + e.validationMae() + ":" + e.learningRate())
                .toList();
    }

    @Test
    void earlyStoppingOnR2KeepsTheEpochOfTheBestR2AndOnMaeTheLowestMae() {
        for (String monitor : List.of("val_r2", "val_mae")) {
            Network net = network(DIABETES, 1, 1);
            History history = Trainer.builder()
                    .optimizer(Optimizers.adam(0.05))
                    .batchSize(16)
                    .epochs(40)
                    .earlyStopping(new EarlyStopping(monitor, 2, 0, true))
                    .build()
                    .fit(net, DIABETES.train(), DIABETES.validation());
            List<Double> figures =
                    history.epochs().stream().map(e -> e.metric(monitor)).toList();
            double best = monitor.equals("val_r2")
                    ? figures.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                    : figures.stream().mapToDouble(Double::doubleValue).min().orElseThrow();

            assertThat(history.stoppedEarly()).as(monitor).isTrue();
            assertThat(figures.get(history.bestEpoch() - 1)).as(monitor).isEqualTo(best);
            RegressionEvaluation restored = net.evaluateRegression(DIABETES.validation());
            assertThat(monitor.equals("val_r2") ? restored.r2() : restored.mae())
                    .as(monitor + " of the restored weights")
                    .isEqualTo(best);
        }
    }

    @Test
    void aMonitorOfTheOtherTaskIsOneLineAtItsOption() {
        Network regression = network(DIABETES, 1, 1);
        assertThatThrownBy(() -> Trainer.builder()
                        .path("train")
                        .earlyStopping(EarlyStopping.of("val_accuracy", 2))
                        .build()
                        .fit(regression, DIABETES.train(), DIABETES.validation()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("train.early_stopping.monitor: early stopping monitors val_accuracy, which is measured"
                        + " for classes only, but the data has regression targets; monitor val_r2, val_mae or"
                        + " val_loss");
        Split iris = Datasets.iris().split(0.2, 0.2, 1, true);
        Network classes = Network.builder(4)
                .add(dense(3))
                .loss(Losses.softmaxCrossEntropy())
                .build();
        assertThatThrownBy(() -> Trainer.builder()
                        .path("train")
                        .schedule(Schedules.reduceOnPlateau("val_r2", 0.5, 1))
                        .build()
                        .fit(classes, iris.train(), iris.validation()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "train.schedule.reduce_on_plateau.monitor: schedule 'reduce_on_plateau' monitors val_r2, which is measured"
                                + " for regression targets only, but the data has classes; monitor val_accuracy or val_loss");
        assertThatThrownBy(() -> Trainer.builder()
                        .path("train")
                        .earlyStopping(EarlyStopping.of("val_mae", 2))
                        .build()
                        .fit(regression, DIABETES.train()))
                .hasMessage("train.early_stopping.monitor: early stopping monitors val_mae but there is no"
                        + " validation data; set a validation split or monitor loss");
    }

    private static ModelInfo info() {
        return new ModelInfo(
                List.of(),
                DIABETES.preprocessing(),
                Map.of("seed", 9, "name", "regression-checkpoint"),
                "test",
                9,
                "test",
                DIABETES.train().checksum(),
                "now");
    }

    private static int trainingFormat(Path checkpoint) throws IOException {
        try (ZipFile zip = new ZipFile(checkpoint.toFile())) {
            byte[] bytes = zip.getInputStream(zip.getEntry("training.bin")).readAllBytes();
            return ByteBuffer.wrap(bytes).getInt(8);
        }
    }

    @Test
    void aCheckpointKeepsTheRegressionFiguresAndResumesToTheSameBits() throws IOException {
        Network straight = network(DIABETES, 1, 1);
        History whole = trainer("val_mae").build().fit(straight, DIABETES.train(), DIABETES.validation());
        int perEpoch = (DIABETES.train().size() + 31) / 32;
        for (int batches : new int[] {2 * perEpoch, 3 * perEpoch + 2}) {
            Path file = dir.resolve("checkpoint-" + batches + ".zip");
            Network net = network(DIABETES, 1, 1);
            int[] done = {0};
            assertThatThrownBy(() -> trainer("val_mae")
                            .checkpoint(Checkpoint.writer(file, info()))
                            .stopWhen(() -> done[0]++ == batches)
                            .build()
                            .fit(net, DIABETES.train(), DIABETES.validation()))
                    .isInstanceOf(TrainingInterruptedException.class);
            assertThat(trainingFormat(file))
                    .as("training.bin's format with regression figures")
                    .isEqualTo(3);

            Checkpoint checkpoint = Checkpoint.load(file);
            assertThat(checkpoint.state().history())
                    .extracting(EpochStats::validationR2, EpochStats::validationMae)
                    .containsExactlyElementsOf(whole
                            .epochs()
                            .subList(0, checkpoint.state().history().size())
                            .stream()
                            .map(e -> org.assertj.core.groups.Tuple.tuple(e.validationR2(), e.validationMae()))
                            .toList());
            Network resumed = network(DIABETES, 1, 2);
            checkpoint.restore(resumed);
            History history = trainer("val_mae")
                    .build()
                    .resume(resumed, DIABETES.train(), DIABETES.validation(), checkpoint.state());

            List<float[]> expected = values(straight);
            List<float[]> actual = values(resumed);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i)).as("parameter %d", i).containsExactly(expected.get(i));
            }
            assertThat(history.epochs())
                    .extracting(EpochStats::validationR2)
                    .containsExactlyElementsOf(whole.epochs().stream()
                            .map(EpochStats::validationR2)
                            .toList());
            assertThat(history.bestEpoch()).isEqualTo(whole.bestEpoch());
        }
    }

    @Test
    void aClassificationCheckpointIsStillWrittenInTheFormatOlderNnReads() throws IOException {
        Split iris = Datasets.iris().split(0.2, 0.2, 1, true).standardize();
        Network net = Network.builder(4)
                .add(dense(3))
                .loss(Losses.softmaxCrossEntropy())
                .seed(1)
                .build();
        Path file = dir.resolve("classes.zip");
        ModelInfo info = new ModelInfo(
                iris.train().classNames(),
                iris.preprocessing(),
                Map.of("seed", 1),
                "test",
                1,
                "test",
                iris.train().checksum(),
                "now");
        Trainer.builder()
                .epochs(2)
                .checkpoint(Checkpoint.writer(file, info))
                .build()
                .fit(net, iris.train(), iris.validation());

        assertThat(trainingFormat(file)).isEqualTo(1);
        assertThat(Checkpoint.load(file).state().history())
                .allSatisfy(e -> assertThat(e.validationR2()).isNaN());
    }
}
