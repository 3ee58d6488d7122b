package dev.nn.plugins;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.nn.api.ConfigException;
import dev.nn.core.Network;
import dev.nn.core.train.Checkpoint;
import dev.nn.testkit.NotAFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Data and model files that are not regular files are refused by the code that loads them (the
 * dataset providers, {@code Network.load}, {@code Checkpoint.load}), before they are opened, for
 * a Java program as for the command line. A FIFO would block the open for ever, so every call is
 * bounded: a regression fails instead of hanging.
 */
class NotAFileInputsTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static void refused(Executable load, String message) {
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(load::execute)
                        .isInstanceOf(ConfigException.class)
                        .hasMessage(message));
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aCsvFileThatIsNotAFileIsRefusedWhenLoaded(NotAFile kind) throws Exception {
        Path csv = kind.make(dir, "data.csv");
        refused(() -> Datasets.csv(csv), kind.refusal(csv, "a CSV file"));
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void idxImagesThatAreNotAFileAreRefusedWhenLoaded(NotAFile kind) throws Exception {
        Path images = kind.make(dir, "train-images-idx3-ubyte");
        Path labels = Files.write(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        refused(() -> Datasets.idx(images, labels), kind.refusal(images, "an IDX file"));
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aModelFileThatIsNotAFileIsRefusedByNetworkLoad(NotAFile kind) throws Exception {
        Path model = kind.make(dir, "model.zip");
        refused(() -> Network.load(model), kind.refusal(model, "a model.zip or checkpoint.zip"));
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aCheckpointThatIsNotAFileIsRefusedByCheckpointLoad(NotAFile kind) throws Exception {
        Path checkpoint = kind.make(dir, "checkpoint.zip");
        refused(() -> Checkpoint.load(checkpoint), kind.refusal(checkpoint, "a model.zip or checkpoint.zip"));
    }
}
