package dev.nn.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ComponentKind;
import dev.nn.api.ConfigException;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Options;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.plugins.layers.Relu;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry, through the real ServiceLoader and the real services files of nn-plugins. */
class RegistryTest {
    private final PluginRegistry registry = PluginRegistry.defaultRegistry();

    @Test
    void findsEveryBuiltInProviderThroughServiceLoader() {
        assertThat(registry.providers(ComponentKind.LAYER).keySet())
                .containsExactlyInAnyOrder(
                        "dense",
                        "dropout",
                        "sigmoid",
                        "relu",
                        "leaky_relu",
                        "tanh",
                        "softsign",
                        "softmax",
                        "log_softmax",
                        "identity",
                        "gelu",
                        "silu",
                        "elu",
                        "selu",
                        "softplus",
                        "mish",
                        "hard_sigmoid",
                        "relu6",
                        "batch_norm",
                        "layer_norm");
        assertThat(registry.providers(ComponentKind.PREPROCESSOR).keySet())
                .containsExactlyInAnyOrder("standardize", "minmax", "scale");
        assertThat(registry.providers(ComponentKind.LOSS).keySet())
                .containsExactlyInAnyOrder(
                        "mse",
                        "quadratic",
                        "softmax_cross_entropy",
                        "binary_cross_entropy",
                        "l1",
                        "huber",
                        "smooth_l1",
                        "hinge",
                        "kl_div");
        assertThat(registry.providers(ComponentKind.OPTIMIZER).keySet())
                .containsExactlyInAnyOrder("sgd", "adam", "rmsprop", "adamw", "adagrad", "nadam");
        assertThat(registry.providers(ComponentKind.INITIALIZER).keySet())
                .containsExactlyInAnyOrder(
                        "uniform",
                        "normal",
                        "xavier_uniform",
                        "xavier_normal",
                        "he_uniform",
                        "he_normal",
                        "zeros",
                        "constant");
        assertThat(registry.providers(ComponentKind.SCHEDULE).keySet())
                .containsExactlyInAnyOrder(
                        "constant", "step", "exponential", "cosine", "one_cycle", "polynomial", "reduce_on_plateau");
        assertThat(registry.providers(ComponentKind.DATASET).keySet())
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
        assertThat(registry.providers(ComponentKind.ENGINE)).isNotEmpty();
    }

    @Test
    void unknownLayerNameSuggestsClosestAndListsKnownNames() {
        assertThatThrownBy(() -> registry.provider(ComponentKind.LAYER, "dense2", "model.layers[0]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("model.layers[0]: unknown layer 'dense2' (did you mean 'dense'?)")
                .hasMessageContaining(
                        "known layers: batch_norm, dense, dropout, elu, gelu, hard_sigmoid, identity, layer_norm, leaky_relu,"
                                + " log_softmax, mish, relu, relu6");
    }

    @Test
    void unknownOptionSuggestsClosest() {
        assertThatThrownBy(
                        () -> registry.options(ComponentKind.LAYER, Spec.of("dense", Map.of("unit", 10)), "layers[0]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("layers[0].dense.unit: unknown option 'unit' for dense (did you mean 'units'?)");
    }

    @Test
    void wrongTypeOutOfRangeAndMissingRequiredAreAllReportedTogether() {
        var spec = Spec.of("dense", Map.of("bias", "yes", "init", "he_normall"));
        assertThatThrownBy(() -> registry.options(ComponentKind.LAYER, spec, "layers[1]"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(Object::toString)
                                .containsExactlyInAnyOrder(
                                        "layers[1].dense.bias: option 'bias' must be true or false, got \"yes\" (a string)",
                                        "layers[1].dense.init: unknown initializer 'he_normall' (did you mean 'he_normal'?); "
                                                + "known initializers: constant, he_normal, he_uniform, normal, uniform, "
                                                + "xavier_normal, xavier_uniform, zeros",
                                        "layers[1].dense.units: missing required option 'units' for dense (number of outputs)"));
        assertThatThrownBy(() -> registry.options(ComponentKind.LAYER, Spec.of("dropout", Map.of("rate", 1.5)), "x"))
                .hasMessage("x.dropout.rate: option 'rate' must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> registry.options(ComponentKind.LAYER, Spec.of("dense", Map.of("units", 2.5)), "x"))
                .hasMessage(
                        "x.dense.units: option 'units' must be an integer (at least 1), got 2.5 (a decimal number)");
    }

    @Test
    void optionsAreFilledWithDefaultsAndNestedComponentsAreChecked() {
        Options options = registry.options(
                ComponentKind.LAYER,
                Spec.of("dense", Map.of("units", 4, "init", Map.of("uniform", Map.of("low", -1, "high", 1)))),
                "m");
        assertThat(options.integer("units")).isEqualTo(4);
        assertThat(options.bool("bias")).isTrue();
        assertThat(options.component("init").name()).isEqualTo("uniform");
        assertThat(options.component("bias_init").name()).isEqualTo("zeros");
        assertThat(options.has("activation")).isFalse();
        assertThat(options.isGiven("units")).isTrue();
        assertThat(options.isGiven("bias")).isFalse();
        assertThatThrownBy(() -> registry.options(
                        ComponentKind.LAYER,
                        Spec.of("dense", Map.of("units", 4, "init", Map.of("uniform", Map.of("lo", -1)))),
                        "m"))
                .hasMessageContaining("m.dense.init.uniform.lo: unknown option 'lo' for uniform (did you mean 'low'?)");
    }

    /** A second provider named relu, to show that a clash names both classes. */
    public static final class SecondRelu implements LayerProvider {
        @Override
        public String name() {
            return "relu";
        }

        @Override
        public String description() {
            return "a clashing relu";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Relu(inputSize);
        }
    }

    @Test
    void twoProvidersWithOneNameIsAnErrorNamingBothClasses(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(LayerProvider.class.getName()), SecondRelu.class.getName() + "\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> PluginRegistry.load(loader))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("two layer providers are named 'relu'")
                    .hasMessageContaining(Relu.Provider.class.getName())
                    .hasMessageContaining(SecondRelu.class.getName());
        }
    }
}
