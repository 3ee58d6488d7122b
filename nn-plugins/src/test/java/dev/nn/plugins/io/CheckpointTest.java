package dev.nn.plugins.io;

import static dev.nn.plugins.Layers.batchNorm;
import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.dropout;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Parameter;
import dev.nn.api.Split;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.train.Checkpoint;
import dev.nn.core.train.EarlyStopping;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.core.train.TrainingInterruptedException;
import dev.nn.core.train.TrainingState;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import dev.nn.plugins.Schedules;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint files: written atomically after every epoch and at a stop, read back to a state that
 * resumes to the same bits (batch normalisation's running statistics included), and refused with a
 * one-line reason when damaged, foreign or newer.
 */
class CheckpointTest {
    private static final Split DIGITS =
            Datasets.digits().split(0.2, 0.2, 7, true).standardize();
    private static final long SEED = 7;
    private static List<float[]> finalWeights;
    private static History straight;

    @TempDir
    Path dir;

    private static Network network() {
        return Network.builder(64)
                .add(dense(32).activation("relu"))
                .add(batchNorm())
                .add(dropout(0.1))
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(SEED)
                .threads(1)
                .build();
    }

    private static TrainerBuilder trainer() {
        return Trainer.builder()
                .optimizer(Optimizers.adam(0.01))
                .schedule(Schedules.exponential(0.9))
                .batchSize(100)
                .epochs(4)
                .earlyStopping(new EarlyStopping("val_loss", 5, 0, true));
    }

    private static ModelInfo info(Network net) {
        return new ModelInfo(
                DIGITS.train().classNames(),
                DIGITS.preprocessing(),
                Map.of("seed", SEED, "name", "checkpoint-test"),
                "test",
                SEED,
                net.engine().name(),
                DIGITS.train().checksum(),
                "now");
    }

    /** The parameters' values, then batch_norm's running statistics: everything a resumed run must restore. */
    private static List<float[]> values(Network net) {
        return Stream.concat(net.parameters().stream(), net.buffers().stream())
                .map(Parameter::value)
                .map(m -> m.data().clone())
                .toList();
    }

    @BeforeAll
    static void trainWithoutStopping() {
        Network net = network();
        straight = trainer().build().fit(net, DIGITS.train(), DIGITS.validation());
        finalWeights = values(net);
    }

    /** A checkpoint taken {@code batches} batches into the run, as a Ctrl-C there would leave it. */
    private Path checkpointAfter(int batches) {
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        Network net = network();
        int[] done = {0};
        assertThatThrownBy(() -> trainer()
                        .checkpoint(Checkpoint.writer(file, info(net)))
                        .stopWhen(() -> done[0]++ == batches)
                        .build()
                        .fit(net, DIGITS.train(), DIGITS.validation()))
                .isInstanceOf(TrainingInterruptedException.class);
        return file;
    }

    private static History resume(Path file, List<float[]> expectWeights) throws IOException {
        Checkpoint checkpoint = Checkpoint.load(file);
        Network net = network();
        checkpoint.restore(net);
        History history = trainer().build().resume(net, DIGITS.train(), DIGITS.validation(), checkpoint.state());
        List<float[]> weights = values(net);
        for (int i = 0; i < weights.size(); i++) {
            assertThat(weights.get(i)).as("parameter %d", i).containsExactly(expectWeights.get(i));
        }
        return history;
    }

    @Test
    void aCheckpointFileResumesToTheSameBitsFromAnEpochEndOrMidEpoch() throws IOException {
        int perEpoch = (DIGITS.train().size() + 99) / 100;
        for (int batches : new int[] {perEpoch, 2 * perEpoch + 1, 3 * perEpoch - 2}) {
            Path file = checkpointAfter(batches);
            TrainingState state = Checkpoint.load(file).state();
            assertThat((state.epoch() - 1) * perEpoch + state.batch())
                    .as("stopped after %d batches", batches)
                    .isEqualTo(batches);
            History resumed = resume(file, finalWeights);
            assertThat(resumed.epochs())
                    .extracting(e -> e.loss())
                    .containsExactlyElementsOf(
                            straight.epochs().stream().map(e -> e.loss()).toList());
            assertThat(resumed.epochs())
                    .extracting(e -> e.validationLoss())
                    .containsExactlyElementsOf(straight.epochs().stream()
                            .map(e -> e.validationLoss())
                            .toList());
        }
    }

    /** The format number training.bin of {@code file} declares. */
    private static int trainingFormat(Path file) throws IOException {
        int[] format = {0};
        rewriteTraining(file, bytes -> {
            format[0] = ByteBuffer.wrap(bytes).getInt(8);
            return bytes;
        });
        return format[0];
    }

    @Test
    void aScheduleThatLearnsKeepsItsStateInFormatTwoAndOthersWriteFormatOne() throws IOException {
        assertThat(trainingFormat(checkpointAfter(5)))
                .as("exponential keeps nothing")
                .isEqualTo(1);

        Path file = dir.resolve(Checkpoint.FILE_NAME);
        TrainerBuilder plateau =
                trainer().schedule(Schedules.reduceOnPlateau("loss", 0.5, 0).with("threshold", 0.9));
        Network reference = network();
        History straightPlateau = plateau.build().fit(reference, DIGITS.train(), DIGITS.validation());
        int perEpoch = (DIGITS.train().size() + 99) / 100;
        Network net = network();
        int[] done = {0};
        assertThatThrownBy(() -> plateau.checkpoint(Checkpoint.writer(file, info(net)))
                        .stopWhen(() -> done[0]++ == 2 * perEpoch + 3)
                        .build()
                        .fit(net, DIGITS.train(), DIGITS.validation()))
                .isInstanceOf(TrainingInterruptedException.class);
        assertThat(trainingFormat(file)).isEqualTo(2);
        Checkpoint checkpoint = Checkpoint.load(file);
        assertThat(checkpoint.state().schedule()).containsOnlyKeys("best", "bad_epochs", "cooldown_left", "lr");
        assertThat(checkpoint.state().schedule().get("lr"))
                .as("reduced by then")
                .isLessThan(0.01);
        Network resumed = network();
        checkpoint.restore(resumed);
        History history = trainer()
                .schedule(Schedules.reduceOnPlateau("loss", 0.5, 0).with("threshold", 0.9))
                .build()
                .resume(resumed, DIGITS.train(), DIGITS.validation(), checkpoint.state());
        List<float[]> expected = values(reference);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(values(resumed).get(i)).as("parameter %d", i).containsExactly(expected.get(i));
        }
        assertThat(history.epochs())
                .extracting(e -> e.loss() + "@" + e.learningRate())
                .containsExactlyElementsOf(straightPlateau.epochs().stream()
                        .map(e -> e.loss() + "@" + e.learningRate())
                        .toList());
    }

    @Test
    void theStateReadBackIsTheStateWritten() throws IOException {
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        Network net = network();
        TrainingState[] written = new TrainingState[1];
        trainer()
                .checkpoint((n, s) -> {
                    Checkpoint.writer(file, info(n)).write(n, s);
                    written[0] = s;
                })
                .build()
                .fit(net, DIGITS.train(), DIGITS.validation());
        Checkpoint read = Checkpoint.load(file);
        TrainingState w = written[0];
        TrainingState r = read.state();
        assertThat(r.finished()).isTrue();
        assertThat(r.history()).isEqualTo(w.history());
        assertThat(List.of(r.seed(), r.epochs(), r.batchSize(), r.examples(), r.epoch(), r.batch()))
                .isEqualTo(List.of(w.seed(), w.epochs(), w.batchSize(), w.examples(), w.epoch(), w.batch()));
        assertThat(r.partial()).isEqualTo(w.partial());
        assertThat(r.seconds()).isEqualTo(w.seconds());
        assertThat(r.learningRate()).isEqualTo(w.learningRate());
        assertThat(r.stopping().bestEpoch()).isEqualTo(w.stopping().bestEpoch());
        assertThat(r.stopping().bestValue()).isEqualTo(w.stopping().bestValue());
        // Six parameters (two dense layers' weights and biases, batch_norm's gamma and beta), then two buffers.
        assertThat(r.stopping().bestWeights()).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(r.stopping().bestWeights().get(i))
                    .as("best weights %d", i)
                    .containsExactly(w.stopping().bestWeights().get(i));
        }
        for (int i = 0; i < 6; i++) {
            assertThat(r.optimizer().parameters().get(i).scalars())
                    .isEqualTo(w.optimizer().parameters().get(i).scalars());
            assertThat(r.optimizer().parameters().get(i).arrays().get("second"))
                    .containsExactly(w.optimizer().parameters().get(i).arrays().get("second"));
        }
        // A checkpoint is a model file too: its network is the trained one, its config the run's.
        assertThat(ModelFile.load(file).info().config()).containsEntry("name", "checkpoint-test");
        assertThat(read.model().info().dataChecksum()).isEqualTo(DIGITS.train().checksum());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file is left").containsExactly(file);
        }
    }

    @Test
    void aModelFileIsNotACheckpoint() throws IOException {
        Network net = network();
        Path model = dir.resolve("model.zip");
        ModelFile.save(net, info(net), model);
        assertThat(loadFails(model))
                .isEqualTo("a model file, not a checkpoint: it has no training.bin; resume from the"
                        + " checkpoint.zip a run with train.checkpoint: true keeps");
    }

    @Test
    void aMissingOrForeignFileIsNamed() throws IOException {
        assertThat(loadFails(dir.resolve("none.zip"))).isEqualTo("no such model file; check the path");
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip at all");
        assertThat(loadFails(text))
                .isEqualTo(
                        "not an nn model file: it is not a zip archive (it starts with \"not \"); pass the folder of a run"
                                + " that kept a checkpoint.zip");
    }

    @Test
    void aNewerCheckpointFormatAsksForANewerNn() throws IOException {
        Path file = checkpointAfter(15);
        rewriteTraining(file, bytes -> {
            ByteBuffer.wrap(bytes).putInt(8, 4);
            return withTrailer(bytes);
        });
        assertThat(loadFails(file))
                .isEqualTo("written by a newer nn (checkpoint format 4); this nn reads format 3:"
                        + " upgrade nn, or train again");
    }

    @Test
    void anEditedTrainingStateFailsItsChecksum() throws IOException {
        Path file = checkpointAfter(15);
        rewriteTraining(file, bytes -> {
            ByteBuffer state = ByteBuffer.wrap(bytes);
            state.putInt(32, state.getInt(32) + 1); // the epoch
            return bytes;
        });
        assertThat(loadFails(file))
                .isEqualTo("training.bin does not match its checksum: the checkpoint is damaged or"
                        + " was modified; resume from another or train again");
    }

    @Test
    void anEditedOptimizerStateFailsItsChecksum() throws IOException {
        Path file = checkpointAfter(15);
        rewrite(file, "optimizer.bin", bytes -> {
            bytes[bytes.length - 1] ^= 1;
            return bytes;
        });
        assertThat(loadFails(file))
                .isEqualTo("optimizer.bin does not match its checksum: the file is damaged or was modified");
    }

    @Test
    void everyTruncationAndEveryFlippedByteIsRefusedOrChangesNothingTheRunReads() throws IOException {
        Path file = checkpointAfter(15);
        byte[] bytes = Files.readAllBytes(file);
        TrainingState good = Checkpoint.load(file).state();
        Path damaged = dir.resolve("damaged.zip");
        for (int length = 0; length < bytes.length; length += Math.max(1, bytes.length / 61)) {
            Files.write(damaged, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> Checkpoint.load(damaged))
                    .as("cut at %d of %d bytes", length, bytes.length)
                    .isInstanceOf(ConfigException.class);
        }
        for (int at = 0; at < bytes.length; at += Math.max(1, bytes.length / 307)) {
            byte[] copy = bytes.clone();
            copy[at] ^= (byte) 0x21;
            Files.write(damaged, copy);
            try {
                // Only zip metadata nn does not use (local headers, entry times) may be damaged unnoticed.
                TrainingState loaded = Checkpoint.load(damaged).state();
                assertThat(loaded.history()).as("flip at byte %d", at).isEqualTo(good.history());
                assertThat(loaded.position()).as("flip at byte %d", at).isEqualTo(good.position());
                resume(damaged, finalWeights);
            } catch (ConfigException expected) {
                assertThat(expected.problems())
                        .allSatisfy(p -> assertThat(p.where()).isEqualTo(damaged.toString()));
            }
        }
    }

    @Test
    void restoringIntoAnotherNetworkNamesBothParameterLists() throws IOException {
        Checkpoint checkpoint = Checkpoint.load(checkpointAfter(5));
        Network other = Network.builder(64)
                .add(dense(16))
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(SEED)
                .build();
        assertThatThrownBy(() -> checkpoint.restore(other))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the checkpoint's network has the parameters [layers[0].weights 64x32, ")
                .hasMessageContaining("but the network to resume has [layers[0].weights 64x16, ")
                .hasMessageEndingWith("resume with the config the checkpoint was made with");
    }

    private static String loadFails(Path file) throws IOException {
        try {
            Checkpoint.load(file);
        } catch (ConfigException e) {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).where()).isEqualTo(file.toString());
            return e.problems().get(0).message();
        }
        throw new AssertionError("expected " + file + " to be refused");
    }

    /** training.bin with its SHA-256 trailer recomputed, as a deliberate edit would leave it. */
    private static byte[] withTrailer(byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, bytes.length - 32);
            System.arraycopy(sha.digest(), 0, bytes, bytes.length - 32, 32);
            return bytes;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void rewriteTraining(Path file, UnaryOperator<byte[]> edit) throws IOException {
        rewrite(file, "training.bin", edit);
    }

    /** Rewrites one entry of a zip (its CRC made right again), keeping the others. */
    private static void rewrite(Path file, String name, UnaryOperator<byte[]> edit) throws IOException {
        ZipEntries.rewrite(file, name, edit);
    }
}
