package dev.nn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.FeatureTransform;
import dev.nn.api.Matrix;
import dev.nn.api.Preprocessing;
import dev.nn.api.Split;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.testing.TinyData;
import dev.nn.core.train.Checkpoint;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.core.train.TrainingInterruptedException;
import dev.nn.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files and checkpoints on nn-core's own test components: real files, the real registry. */
class ModelFileTest {
    private static final Split SPLIT = TinyData.blobs(240, 4, 3).split(0.2, 3).standardize();

    @TempDir
    Path dir;

    private static ModelInfo info(Preprocessing preprocessing, long seed) {
        return new ModelInfo(
                SPLIT.train().classNames(), preprocessing, Map.of("seed", seed), "test", seed, "scalar", "", "now");
    }

    private static TrainerBuilder trainer() {
        return Trainer.builder()
                .optimizer("tiny_sgd", Map.of("lr", 0.2))
                .batchSize(16)
                .epochs(5);
    }

    @Test
    void aSavedModelLoadsWithItsWeightsPreprocessingAndPlatformAndPredictsFromRawInputs() throws IOException {
        Network net = TinyData.network(4, 3, 1);
        trainer().build().fit(net, SPLIT.train());
        Path file = dir.resolve("model.zip");
        ModelFile.save(net, info(SPLIT.preprocessing(), 3), file);

        SavedModel loaded = ModelFile.load(file);
        assertThat(TinyData.weights(loaded.network()))
                .usingRecursiveComparison()
                .isEqualTo(TinyData.weights(net));
        assertThat(loaded.network().preprocessing()).isEqualTo(SPLIT.preprocessing());
        assertThat(loaded.info().platform()).startsWith("Java " + Runtime.version());
        Matrix raw = TinyData.blobs(240, 4, 3).features();
        Matrix expected = net.predict(SPLIT.preprocess(raw));
        assertThat(loaded.predict(raw)).isEqualTo(expected);
        assertThat(loaded.network().predict(raw)).isEqualTo(expected);
        assertThat(Network.load(file).predict(raw)).isEqualTo(expected);
        assertThat(loaded.network().toYaml()).isEqualTo(net.toYaml()).contains("tiny_linear");
    }

    @Test
    void aFileThatIsNotAModelIsOneLineNamingItAndNothingIsOverwrittenByAFailedSave() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
        assertThatThrownBy(() -> ModelFile.load(junk))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(junk.toString() + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        Network net = TinyData.network(4, 3, 1);
        Path file = dir.resolve("model.zip");
        ModelFile.save(net, info(Preprocessing.NONE, 3), file);
        byte[] before = Files.readAllBytes(file);
        Preprocessing wrongWidth = new Preprocessing(List.of(FeatureTransform.scale(3, 2)));
        assertThatThrownBy(() -> ModelFile.save(net, info(wrongWidth, 3), file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("preprocessing 'scale' is for 3 features but the network takes 4");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aCheckpointFileResumesToTheBitsOfARunNeverStopped() throws IOException {
        Dataset train = SPLIT.train();
        Network whole = TinyData.network(4, 5, 1);
        trainer().earlyStopping("loss", 10).build().fit(whole, train);

        Path file = dir.resolve(Checkpoint.FILE_NAME);
        AtomicInteger batches = new AtomicInteger();
        Trainer stopping = trainer()
                .earlyStopping("loss", 10)
                .checkpoint(Checkpoint.writer(file, info(SPLIT.preprocessing(), 5)))
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int epoch, int batch, double loss) {
                        batches.incrementAndGet();
                    }
                })
                .stopWhen(() -> batches.get() == 27)
                .build();
        assertThatThrownBy(() -> stopping.fit(TinyData.network(4, 5, 1), train))
                .isInstanceOf(TrainingInterruptedException.class);
        assertThat(Checkpoint.isCheckpoint(file)).isTrue();

        Checkpoint checkpoint = Checkpoint.load(file);
        Network resumed = TinyData.network(4, 5, 1);
        checkpoint.restore(resumed);
        trainer().earlyStopping("loss", 10).build().resume(resumed, train, null, checkpoint.state());
        assertThat(TinyData.weights(resumed)).usingRecursiveComparison().isEqualTo(TinyData.weights(whole));
        assertThat(checkpoint.model().info().preprocessing()).isEqualTo(SPLIT.preprocessing());
    }
}
