package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.plugins.Datasets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataFilesTest {

    @Test
    void aMissingFileUnderDebiansDatasetFolderSaysWhichPackageToInstall() {
        Path images = Path.of("/usr/share/datasets/no-such-set/train-images-idx3-ubyte.gz");
        assertThatThrownBy(() -> Datasets.idx(images, Path.of("/usr/share/datasets/no-such-set/labels.gz")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        images + ": file not found; Debian ships this data set: apt-get install dataset-no-such-set");
    }

    @Test
    void aMissingFileElsewhereSaysToCheckThePath() {
        assertThatThrownBy(() -> Datasets.csv(Path.of("/no/such/data.csv")))
                .hasMessage("/no/such/data.csv: file not found; check the path (relative paths are resolved against "
                        + "the config file's folder)");
    }
}
