package dev.nn.runner.config;

import static dev.nn.runner.config.ConfigLoaderTest.GOOD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Dataset;
import dev.nn.api.Spec;
import dev.nn.core.Network;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems found after loading (building the network, checking the data) still point into the file. */
class LocatedProblemsTest {
    private final PluginRegistry registry = PluginRegistry.defaultRegistry();
    private final ConfigLoader loader = new ConfigLoader(registry);

    @Test
    void anOutputLayerThatDoesNotFitTheClassesIsPlacedInTheFile() {
        PipelineConfig config = loader.load(GOOD.resolve("minimal.yaml"), List.of("data.dataset.moons.samples=20"));
        Dataset data = registry.dataset(
                config.data().dataset(), "data.dataset", config.file().getParent(), config.seed());
        Network.Builder builder = Network.builder(data.inputSize())
                .path("model")
                .registry(registry)
                .seed(config.seed());
        config.model().layers().forEach(builder::add);
        Network net = builder.add(Spec.of("dense", Map.of("units", 3)))
                .loss(config.model().loss())
                .build();

        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> Trainer.builder().epochs(1).registry(registry).build().fit(net, data));
        ConfigException located = config.located(e);

        assertThat(located.problems()).hasSize(1);
        assertThat(located.problems().get(0).where()).isEqualTo(GOOD.resolve("minimal.yaml") + ":2:1");
        assertThat(located.problems().get(0).message()).startsWith("data: ").contains("3");
    }

    @Test
    void onlyOptionPathsAreTurnedIntoPositions() {
        PipelineConfig config = loader.load(GOOD.resolve("full.yaml"), List.of());
        String file = GOOD.resolve("full.yaml").toString();

        ConfigException located = config.located(new ConfigException(List.of(
                new Problem("model.layers[3].dense", "dense expects 32 inputs, got 10"),
                new Problem("/data/train.csv:3", "row 3 has 2 values, the header 3"),
                new Problem("data", "moons has 2 classes but the network has 10 outputs"))));

        assertThat(located.problems())
                .containsExactly(
                        new Problem(file + ":5:1", "data: moons has 2 classes but the network has 10 outputs"),
                        new Problem(file + ":16:7", "model.layers[3].dense: dense expects 32 inputs, got 10"),
                        new Problem("/data/train.csv:3", "row 3 has 2 values, the header 3"));
    }

    @Test
    void aPathTheFileSystemCannotTakeIsAProblemNotACrash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nul.yaml");
        Files.writeString(file, """
                data: {dataset: {csv: {path: "a\\0b.csv"}}}
                model: {layers: [{dense: {units: 2}}], loss: mse}
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file, List.of()));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).where()).isEqualTo(file + ":1:8");
        assertThat(e.problems().get(0).message())
                .startsWith("data.dataset: cannot be checked: ")
                .doesNotContain("\0");
    }
}
