package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.plugins.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static factories and the service registration, which are how Java code and YAML reach the providers. */
class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void everyBuiltInDatasetIsRegisteredForServiceLoaderUnderItsDesignName() {
        List<String> names = ServiceLoader.load(DatasetProvider.class).stream()
                .map(p -> p.get().name())
                .toList();

        assertThat(names)
                .containsExactlyInAnyOrder(
                        "digits",
                        "moons",
                        "circles",
                        "blobs",
                        "idx",
                        "csv",
                        "iris",
                        "wine",
                        "breast_cancer",
                        "diabetes",
                        "linnerud");
    }

    @Test
    void everyOptionIsDescribedAndEveryDefaultIsWithinItsRange() {
        for (DatasetProvider provider : ServiceLoader.load(DatasetProvider.class)) {
            assertThat(provider.description()).as(provider.name()).isNotBlank();
            for (OptionSpec spec : provider.options()) {
                assertThat(spec.description())
                        .as(provider.name() + "." + spec.name())
                        .isNotBlank();
                if (spec.defaultValue() instanceof Number n) {
                    double v = n.doubleValue();
                    if (spec.min() != null) {
                        assertThat(spec.minExclusive() ? v > spec.min() : v >= spec.min())
                                .as(spec.name())
                                .isTrue();
                    }
                    if (spec.max() != null) {
                        assertThat(spec.maxExclusive() ? v < spec.max() : v <= spec.max())
                                .as(spec.name())
                                .isTrue();
                    }
                }
                if (!spec.choices().isEmpty() && spec.defaultValue() != null) {
                    assertThat(spec.choices()).contains((String) spec.defaultValue());
                }
            }
        }
    }

    @Test
    void theFactoriesGiveWhatTheProvidersGiveForTheSameOptions() throws IOException {
        Dataset viaOptions = new Moons.Provider().load(Options.of(Map.of("samples", 120, "noise", 0.2, "seed", 7)));

        assertThat(Datasets.moons(120, 0.2, 7).features()).isEqualTo(viaOptions.features());
        assertThat(Datasets.circles(100, 0.1, 0.5, 3).classCounts()).containsExactly(50, 50);
        assertThat(Datasets.blobs(90, 3, 4, 1.5, 3).inputSize()).isEqualTo(4);
        assertThat(Datasets.digits().size()).isEqualTo(1797);
    }

    @Test
    void seedsKeepAllTheirBitsThroughTheFactories() {
        long big = 1L << 40;

        assertThat(Datasets.moons(50, 0.1, big).features())
                .isNotEqualTo(Datasets.moons(50, 0.1, 0).features());
    }

    @Test
    void theFactoriesRejectOutOfRangeArgumentsWithTheRange() {
        assertThatThrownBy(() -> Datasets.moons(1, 0.1, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessage("moons.samples: option 'samples' must be at least 2, got 1");
        assertThatThrownBy(() -> Datasets.circles(100, 0.1, 1.0, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessage("circles.factor: option 'factor' must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> Datasets.blobs(100, 3, 2, 0, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessage("blobs.std: option 'std' must be above 0, got 0.0");
    }

    @Test
    void csvReadsAFileWithTheLabelLastAndTheHeaderDetected() throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "a,b,y\n1,2,yes\n3,4,no\n");

        Dataset d = Datasets.csv(file);

        assertThat(d.classNames()).containsExactly("no", "yes");
        assertThat(d.labels()).containsExactly(1, 0);
    }

    @Test
    void csvTakesTheOptionsOfTheCsvDatasetAsYamlDoes() throws IOException {
        Path file = dir.resolve("houses.csv");
        Files.writeString(file, "id,city,price\n1,Paris,3.5\n2,Lyon,2.25\n");

        Dataset d = Datasets.csv(file, Map.of("target", "price", "drop", List.of("id")));

        assertThat(d.featureNames()).containsExactly("city");
        assertThat(d.table().get(0).levels()).containsExactly("Paris", "Lyon");
        assertThat(d.targets().data()).containsExactly(3.5f, 2.25f);
        assertThatThrownBy(() -> Datasets.csv(file, Map.of("target", "price", "tsak", "regression")))
                .hasMessageContaining("csv.tsak: unknown option 'tsak' for csv (did you mean 'task'?)");
    }

    @Test
    void idxWithTestFilesAttachesTheTestSplit() throws IOException {
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        Files.write(images, new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 1, 2, (byte) 200, 4});
        Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 0});

        Dataset d = Datasets.idx(images, labels, images, labels);

        assertThat(d.features().row(1)).containsExactly(200f, 4f);
        assertThat(d.labels()).containsExactly(1, 0);
        assertThat(d.test().orElseThrow().size()).isEqualTo(2);
        assertThat(Datasets.idx(images, labels).test()).isEmpty();
    }

    @Test
    void aBadFileThroughTheFactoryIsStillAConfigExceptionNamingTheFile() {
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> Datasets.csv(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        missing
                                + ": file not found; check the path (relative paths are resolved against the config file's folder)");
    }
}
