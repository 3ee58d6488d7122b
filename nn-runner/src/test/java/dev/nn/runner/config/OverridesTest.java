package dev.nn.runner.config;

import static dev.nn.runner.config.ConfigLoaderTest.GOOD;
import static dev.nn.runner.config.ConfigLoaderTest.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverridesTest {
    private final ConfigLoader loader = new ConfigLoader(PluginRegistry.defaultRegistry());

    @Test
    void overrideValuesAreTypedLikeYaml() {
        PipelineConfig config = loader.load(
                GOOD.resolve("minimal.yaml"),
                List.of(
                        "train.epochs=5",
                        "data.test=0.3",
                        "data.stratify=false",
                        "data.preprocess=[minmax, {scale: {factor: 2}}]",
                        "train.optimizer={adam: {lr: 0.01}}",
                        "name=second-try",
                        "seed=3000000000"));

        assertThat(config.train().epochs()).isEqualTo(5);
        assertThat(config.data().test()).isEqualTo(0.3);
        assertThat(config.data().stratify()).isFalse();
        assertThat(config.data().preprocess())
                .containsExactly(Spec.of("minmax"), Spec.of("scale", Map.of("factor", 2.0)));
        assertThat(config.train().optimizer().name()).isEqualTo("adam");
        assertThat(config.train().optimizer().options())
                .containsEntry("lr", 0.01)
                .containsEntry("beta1", 0.9);
        assertThat(config.name()).isEqualTo("second-try");
        assertThat(config.seed()).isEqualTo(3_000_000_000L);
    }

    @Test
    void overridesBeatTheFileWhichBeatsTheDefaults() {
        PipelineConfig config = loader.load(GOOD.resolve("full.yaml"), List.of("train.epochs=7"));

        assertThat(config.train().epochs()).as("--set").isEqualTo(7);
        assertThat(config.train().batchSize()).as("the file").isEqualTo(16);
        assertThat(config.report().plots()).as("the file").containsExactly("loss", "confusion");
        assertThat(loader.load(GOOD.resolve("minimal.yaml"), List.of()).train().epochs())
                .as("the default")
                .isEqualTo(10);
        assertThat(((Map<?, ?>) config.resolved().get("train")).get("epochs")).isEqualTo(7);
    }

    @Test
    void theLastOverrideOfAPathWins() {
        PipelineConfig config = loader.load(GOOD.resolve("minimal.yaml"), List.of("train.epochs=5", "train.epochs=6"));

        assertThat(config.train().epochs()).isEqualTo(6);
    }

    @Test
    void anOverrideReachesIntoANestedOptionAndKeepsTheOthers() {
        PipelineConfig config = loader.load(
                GOOD.resolve("full.yaml"),
                List.of("model.layers[0].dense.units=64", "model.layers[0].dense.init.uniform.high=2"));

        assertThat(config.model().layers().get(0))
                .isEqualTo(Spec.of(
                        "dense",
                        ordered(
                                "units",
                                64,
                                "bias",
                                false,
                                "init",
                                Map.of("uniform", ordered("low", -1.0, "high", 2.0)),
                                "bias_init",
                                "zeros")));
    }

    @Test
    void anOverrideIntoABareComponentNameGivesItOptions() {
        PipelineConfig bare = loader.load(GOOD.resolve("csv.yaml"), List.of("train.optimizer.sgd.momentum=0.9"));
        PipelineConfig absent = loader.load(GOOD.resolve("minimal.yaml"), List.of("train.optimizer.sgd.lr=0.5"));

        assertThat(bare.train().optimizer())
                .isEqualTo(Spec.of(
                        "sgd",
                        ordered(
                                "lr",
                                0.01,
                                "momentum",
                                0.9,
                                "dampening",
                                0.0,
                                "nesterov",
                                false,
                                "weight_decay",
                                0.0)));
        assertThat(absent.train().optimizer())
                .isEqualTo(Spec.of(
                        "sgd",
                        ordered("lr", 0.5, "momentum", 0.0, "dampening", 0.0, "nesterov", false, "weight_decay", 0.0)));
    }

    @Test
    void anOverrideCanAddASectionTheFileLacks() {
        PipelineConfig config =
                loader.load(GOOD.resolve("minimal.yaml"), List.of("train.early_stopping.monitor=loss", "threads=1"));

        assertThat(config.train().earlyStopping().monitor()).isEqualTo("loss");
        assertThat(config.train().earlyStopping().patience()).isEqualTo(5);
        assertThat(config.threads()).isEqualTo(1);
    }

    @Test
    void problemsWithAnOverriddenValueNameTheOverride() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> loader.load(
                        GOOD.resolve("full.yaml"),
                        List.of("model.layers[0].dense.units=-1", "model.layers[2]={dropot: {rate: 0.2}}")));

        assertThat(e.problems())
                .containsExactly(
                        new Problem(
                                "--set model.layers[0].dense.units=-1",
                                "model.layers[0].dense.units: option 'units' must be at least 1, got -1"),
                        new Problem(
                                "--set model.layers[2]={dropot: {rate: 0.2}}",
                                "model.layers[2]: unknown layer 'dropot' (did you mean 'dropout'?); known layers: batch_norm, dense,"
                                        + " dropout, elu, gelu, hard_sigmoid, identity, layer_norm, leaky_relu, log_softmax, mish, relu, relu6, selu, sigmoid, silu, softmax,"
                                        + " softplus, softsign, tanh"));
    }

    @Test
    void anOverrideOfAnUnknownPathIsAnErrorNamingIt() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> loader.load(GOOD.resolve("minimal.yaml"), List.of("train.optimiser=adam")));

        assertThat(e.problems())
                .containsExactly(
                        new Problem(
                                "--set train.optimiser=adam",
                                "train.optimiser: unknown key 'optimiser' in train (did you mean 'optimizer'?); its keys are: optimizer,"
                                        + " schedule, warmup, batch_size, epochs, shuffle, clip_norm, shard_rows, early_stopping, checkpoint"));
    }

    @Test
    void anOverrideWithBrokenYamlSaysSo() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> loader.load(
                        GOOD.resolve("minimal.yaml"), List.of("data.preprocess=[minmax", "train.epochs=!!str 5")));

        assertThat(e.problems())
                .containsExactly(
                        new Problem(
                                "--set train.epochs=!!str 5",
                                "train.epochs: must be an integer (at least 1), got \"5\" (a string)"),
                        new Problem(
                                "--set data.preprocess=[minmax",
                                "invalid YAML: expected ',' or ']', but got <stream end>"));
    }

    @Test
    void locateNamesTheOverrideForWhatItSetAndTheFileForTheRest() {
        PipelineConfig config =
                loader.load(GOOD.resolve("full.yaml"), List.of("model.layers[0].dense.init={he_normal: {}}"));
        String file = GOOD.resolve("full.yaml").toString();

        assertThat(config.locate("model.layers[0].dense.init"))
                .isEqualTo("--set model.layers[0].dense.init={he_normal: {}}");
        assertThat(config.locate("model.layers[0].dense.init.he_normal"))
                .isEqualTo("--set model.layers[0].dense.init={he_normal: {}}");
        assertThat(config.locate("model.layers[0].dense.units")).isEqualTo(file + ":13:15");
    }
}
