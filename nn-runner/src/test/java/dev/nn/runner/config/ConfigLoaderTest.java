package dev.nn.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Dataset;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.EarlyStopping;
import dev.nn.core.train.Warmup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    static final Path GOOD = Path.of("src/test/resources/good-configs");

    private final PluginRegistry registry = PluginRegistry.defaultRegistry();
    private final ConfigLoader loader = new ConfigLoader(registry);

    static Stream<Path> goodConfigs() throws IOException {
        try (Stream<Path> files = Files.list(GOOD)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void everyKeyOfAFullConfigReachesTheRecords() {
        PipelineConfig config = loader.load(GOOD.resolve("full.yaml"), List.of());

        assertThat(config.file())
                .isEqualTo(GOOD.resolve("full.yaml").toAbsolutePath().normalize());
        assertThat(config.name()).isEqualTo("digits-full");
        assertThat(config.seed()).isEqualTo(7L);
        assertThat(config.threads()).isEqualTo(2);
        assertThat(config.data())
                .isEqualTo(new DataConfig(
                        Spec.of("digits"),
                        0.25,
                        0.1,
                        false,
                        List.of(Spec.of("standardize"), Spec.of("scale", Map.of("factor", 0.5)))));
        assertThat(config.model().layers())
                .containsExactly(
                        Spec.of(
                                "dense",
                                ordered(
                                        "units",
                                        32,
                                        "bias",
                                        false,
                                        "init",
                                        Map.of("uniform", ordered("low", -1.0, "high", 1.0)),
                                        "bias_init",
                                        "zeros")),
                        Spec.of("relu"),
                        Spec.of("dropout", Map.of("rate", 0.1)),
                        Spec.of(
                                "dense",
                                ordered("units", 10, "bias", true, "init", "xavier_uniform", "bias_init", "zeros")));
        assertThat(config.model().loss())
                .isEqualTo(
                        Spec.of("softmax_cross_entropy", ordered("label_smoothing", 0.1, "class_weights", "balanced")));
        assertThat(config.train())
                .isEqualTo(new TrainConfig(
                        Spec.of(
                                "adam",
                                ordered(
                                        "lr",
                                        0.01,
                                        "beta1",
                                        0.9,
                                        "beta2",
                                        0.999,
                                        "eps",
                                        1e-8,
                                        "weight_decay",
                                        0.0,
                                        "amsgrad",
                                        false)),
                        Spec.of("step", ordered("every", 5, "gamma", 0.5)),
                        16,
                        3,
                        false,
                        1.5,
                        new EarlyStopping("val_accuracy", 2, 0.001, true),
                        true,
                        new Warmup(1, 0.2),
                        0));
        assertThat(config.report().plots()).containsExactly("loss", "confusion");
        assertThat(config.plugins()).isEmpty();
    }

    @Test
    void aDistributedSectionReachesItsRecordWithEveryDefault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spark.yaml");
        Files.writeString(file, """
                data: {dataset: digits}
                model: {layers: [{dense: {units: 10}}], loss: softmax_cross_entropy}
                distributed:
                  spark: {partitions: 4}
                """);

        PipelineConfig config = loader.load(file, List.of());
        PipelineConfig overridden =
                loader.load(file, List.of("distributed.spark.local_steps=8", "distributed.spark.master=local[2]"));

        assertThat(config.distributed()).isEqualTo(new DistributedConfig("spark", "local[*]", 4, 1, null));
        assertThat(config.distributed().path()).isEqualTo("distributed.spark");
        assertThat(config.resolved().get("distributed"))
                .isEqualTo(Map.of("spark", ordered("master", "local[*]", "partitions", 4, "local_steps", 1)));
        assertThat(overridden.distributed()).isEqualTo(new DistributedConfig("spark", "local[2]", 4, 8, null));
        // The resolved config.yaml loads back to the same section.
        Path again = dir.resolve("again.yaml");
        Files.writeString(again, overridden.resolvedYaml());
        assertThat(loader.load(again, List.of()).distributed()).isEqualTo(overridden.distributed());
    }

    @Test
    void aConfigWithoutDistributedTrainsOnThisMachineAndItsResolvedTreeHasNoSuchKey() {
        PipelineConfig config = loader.load(GOOD.resolve("minimal.yaml"), List.of());

        assertThat(config.distributed()).isNull();
        assertThat(config.resolved()).doesNotContainKey("distributed");
    }

    @Test
    void anEmptyDistributedSectionAsksForSpark(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty-distributed.yaml");
        Files.writeString(file, """
                data: {dataset: digits}
                model: {layers: [{dense: {units: 10}}], loss: softmax_cross_entropy}
                distributed: {}
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file, List.of()));

        assertThat(e.problems().stream().map(Problem::toString))
                .containsExactly(file + ":3:1: distributed.spark: missing required section 'spark' in distributed"
                        + " (train on Apache Spark (needs nn-spark and Spark on the class path: bin/nn adds them for"
                        + " such a config, spark-submit runs dev.nn.spark.Train))");
    }

    @Test
    void aMinimalConfigTakesEveryDefault() {
        PipelineConfig config = loader.load(GOOD.resolve("minimal.yaml"), List.of());

        assertThat(config.name()).isEqualTo("minimal");
        assertThat(config.seed()).isEqualTo(42L);
        assertThat(config.threads()).isNull();
        assertThat(config.data())
                .isEqualTo(new DataConfig(
                        Spec.of("moons", ordered("samples", 1000, "noise", 0.1)), 0.2, 0.0, true, List.of()));
        assertThat(config.train())
                .isEqualTo(new TrainConfig(
                        Spec.of(
                                "sgd",
                                ordered(
                                        "lr",
                                        0.01,
                                        "momentum",
                                        0.0,
                                        "dampening",
                                        0.0,
                                        "nesterov",
                                        false,
                                        "weight_decay",
                                        0.0)),
                        null,
                        32,
                        10,
                        true,
                        null,
                        null,
                        false,
                        null,
                        0));
        assertThat(config.report().plots()).containsExactly("auto");
        assertThat(config.resolved())
                .isEqualTo(ordered(
                        "name", "minimal",
                        "seed", 42L,
                        "data",
                                ordered(
                                        "dataset",
                                        Map.of("moons", ordered("samples", 1000, "noise", 0.1)),
                                        "test",
                                        0.2,
                                        "validation",
                                        0.0,
                                        "stratify",
                                        true,
                                        "preprocess",
                                        List.of(),
                                        "target_preprocess",
                                        List.of()),
                        "model",
                                ordered(
                                        "layers",
                                        List.of(Map.of(
                                                "dense",
                                                ordered(
                                                        "units",
                                                        2,
                                                        "bias",
                                                        true,
                                                        "init",
                                                        "xavier_uniform",
                                                        "bias_init",
                                                        "zeros"))),
                                        "loss",
                                        Map.of("softmax_cross_entropy", Map.of("label_smoothing", 0.0))),
                        "train",
                                ordered(
                                        "optimizer",
                                        Map.of(
                                                "sgd",
                                                ordered(
                                                        "lr",
                                                        0.01,
                                                        "momentum",
                                                        0.0,
                                                        "dampening",
                                                        0.0,
                                                        "nesterov",
                                                        false,
                                                        "weight_decay",
                                                        0.0)),
                                        "batch_size",
                                        32,
                                        "epochs",
                                        10,
                                        "shuffle",
                                        true,
                                        "shard_rows",
                                        0,
                                        "checkpoint",
                                        false),
                        "report", ordered("plots", List.of("auto")),
                        "plugins", List.of()));
        assertThat(List.copyOf(config.resolved().keySet()))
                .containsExactly("name", "seed", "data", "model", "train", "report", "plugins");
    }

    @Test
    void theResolvedTreeCannotBeChanged() {
        PipelineConfig config = loader.load(GOOD.resolve("minimal.yaml"), List.of());

        assertThatThrownBy(() -> config.resolved().put("seed", 1L)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> train = (Map<String, Object>) config.resolved().get("train");
        assertThatThrownBy(() -> train.put("epochs", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void relativeDataPathsResolveAgainstTheConfigFolderAndTheSpecLoads() {
        PipelineConfig config = loader.load(GOOD.resolve("csv.yaml"), List.of());

        Path csv = GOOD.resolve("data/tiny.csv").toAbsolutePath().normalize();
        assertThat(config.data().dataset())
                .isEqualTo(Spec.of(
                        "csv",
                        ordered(
                                "path",
                                csv.toString(),
                                "label",
                                "2",
                                "header",
                                "auto",
                                "delimiter",
                                ",",
                                "missing_values",
                                List.of("", "NA", "N/A", "NaN", "null", "?"))));
        Dataset data = registry.dataset(
                config.data().dataset(), "data.dataset", config.file().getParent(), config.seed());
        assertThat(data.size()).isEqualTo(4);
        assertThat(data.inputSize()).isEqualTo(2);
        assertThat(config.model().layers().get(0))
                .isEqualTo(Spec.of(
                        "dense",
                        ordered(
                                "units",
                                4,
                                "bias",
                                true,
                                "init",
                                "xavier_uniform",
                                "bias_init",
                                "zeros",
                                "activation",
                                "tanh")));
    }

    @Test
    void anEmptyEarlyStoppingSectionTakesItsDefaultsAndAliasesRepeatAValue() {
        PipelineConfig config = loader.load(GOOD.resolve("anchors.yaml"), List.of());

        assertThat(config.train().earlyStopping()).isEqualTo(new EarlyStopping("val_loss", 5, 0.0, true));
        assertThat(config.model().layers().get(2))
                .isEqualTo(config.model().layers().get(0));
        assertThat(config.model().layers().get(0).options()).containsEntry("init", "he_normal");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodConfigs")
    void theResolvedYamlLoadsBackToTheSameConfig(Path file, @TempDir Path dir) throws IOException {
        PipelineConfig first = loader.load(file, List.of());
        Path copy = dir.resolve("config.yaml");
        Files.writeString(copy, first.resolvedYaml(), StandardCharsets.UTF_8);

        PipelineConfig second = loader.load(copy, List.of());

        assertThat(second.resolved()).isEqualTo(first.resolved());
        assertThat(second.name()).isEqualTo(first.name());
        assertThat(second.data()).isEqualTo(first.data());
        assertThat(second.model()).isEqualTo(first.model());
        assertThat(second.train()).isEqualTo(first.train());
        assertThat(second.report()).isEqualTo(first.report());
    }

    @Test
    void resolvedYamlQuotesStringsThatWouldReadAsSomethingElse(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("quotes.yaml");
        Files.writeString(file, """
                name: '1e5'
                data: {dataset: {csv: {path: 'yes', label: 'true', delimiter: ';'}}}
                model: {layers: [{dense: {units: 1}}], loss: mse}
                """);
        Files.writeString(dir.resolve("yes"), "1,2\n");
        PipelineConfig config = loader.load(file, List.of());

        String yaml = config.resolvedYaml();

        assertThat(yaml).contains("name: '1e5'").contains("label: 'true'");
        Path copy = dir.resolve("copy.yaml");
        Files.writeString(copy, yaml);
        assertThat(loader.load(copy, List.of()).resolved()).isEqualTo(config.resolved());
    }

    @Test
    void aMissingConfigFileSaysSo() {
        Path file = GOOD.resolve("no-such-config.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file, List.of()));

        assertThat(e.problems()).containsExactly(new Problem(file.toString(), "config file not found"));
    }

    @Test
    void aFileOverThreeMegabytesIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.yaml");
        Files.writeString(file, "name: x\n" + "#".repeat(ConfigYaml.MAX_BYTES));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file, List.of()));

        assertThat(e.problems())
                .containsExactly(new Problem(
                        file.toString(),
                        "the file is " + Files.size(file)
                                + " bytes; a pipeline config may be at most 3145728 bytes (3 MB)"));
    }

    @Test
    void aFileThatIsNotUtf8IsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "seed: 1\r\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file, List.of()));

        assertThat(e.problems())
                .containsExactly(
                        new Problem(file + ":2:10", "byte 18 (0xE9) is not UTF-8 text; save the file as UTF-8"));
    }

    @Test
    void aControlCharacterIsRefusedWithItsCodePointAndPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bell.yaml");
        // Columns count characters, so the emoji (two UTF-16 chars) is one column, as in SnakeYAML's own marks.
        Files.writeString(file, "seed: 1\r\nname: \"\uD83D\uDE00ring\u0007\"\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file, List.of()));

        assertThat(e.problems())
                .containsExactly(new Problem(
                        file + ":2:13", "invalid YAML: the character U+0007 is not allowed in YAML text; remove it"));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("deep.yaml");
        Files.writeString(file, "data: " + "[".repeat(100) + "]".repeat(100) + "\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file, List.of()));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).message()).startsWith("invalid YAML: ").contains("50");
    }

    @Test
    void theDefaultNameIsTheFileNameFitForAFolder() {
        assertThat(ConfigLoader.defaultName(Path.of("configs/digits.yaml"))).isEqualTo("digits");
        assertThat(ConfigLoader.defaultName(Path.of("my config.v2.yml"))).isEqualTo("my-config.v2");
        assertThat(ConfigLoader.defaultName(Path.of(".hidden.yaml"))).isEqualTo("run-.hidden");
    }

    @Test
    void pluginPathsAreReadAloneAndResolvedAgainstTheConfigFolder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("plugins"));
        Files.createDirectories(dir.resolve("more"));
        Path file = dir.resolve("with-plugins.yaml");
        Files.writeString(file, """
                plugins: [plugins/]
                data: {dataset: no_such_dataset_from_a_plugin}
                """);

        assertThat(ConfigLoader.plugins(file, List.of())).containsExactly(dir.resolve("plugins"));
        assertThat(ConfigLoader.plugins(file, List.of("plugins=[more, plugins]")))
                .containsExactly(dir.resolve("more"), dir.resolve("plugins"));
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> ConfigLoader.plugins(file, List.of("plugins=[gone.jar]")));
        assertThat(e.problems())
                .containsExactly(new Problem(
                        "--set plugins=[gone.jar]",
                        "plugins[0]: file not found: " + dir.resolve("gone.jar")
                                + " (relative paths are resolved against the config's folder, " + dir + ")"));
    }

    @Test
    void loadedPluginPathsAreAbsolute(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("plugins"));
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, """
                data: {dataset: digits}
                model: {layers: [{dense: {units: 10}}], loss: softmax_cross_entropy}
                plugins: [plugins]
                """);

        assertThat(loader.load(file, List.of()).plugins()).containsExactly(dir.resolve("plugins"));
    }

    /** A map that keeps the order given: key, value, key, value, ... */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
