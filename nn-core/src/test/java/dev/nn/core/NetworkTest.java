package dev.nn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ComponentKind;
import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.testing.TinyData;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The network builder and forward pass on nn-core's own test components, found by the real ServiceLoader. */
class NetworkTest {

    @Test
    void theTestComponentsAreDiscoveredLikeAnyPlugin() {
        PluginRegistry registry = PluginRegistry.defaultRegistry();
        assertThat(registry.names().get(ComponentKind.LAYER)).contains("tiny_linear", "tiny_tanh");
        assertThat(registry.names().get(ComponentKind.LOSS)).contains("tiny_mse");
        assertThat(registry.names().get(ComponentKind.ENGINE)).contains("scalar", "vector");
    }

    @Test
    void aBuiltNetworkHasItsShapesParametersAndSummary() {
        Network net = TinyData.network(4, 1, 1);
        assertThat(net.inputSize()).isEqualTo(4);
        assertThat(net.outputSize()).isEqualTo(2);
        assertThat(net.parameterCount()).isEqualTo(4 * 8 + 8 + 8 * 2 + 2);
        assertThat(net.layerLabels()).hasSize(3);
        Matrix out = net.predict(new Matrix(5, 4));
        assertThat(out.rows()).isEqualTo(5);
        assertThat(out.cols()).isEqualTo(2);
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        assertThat(TinyData.network(4, 3, 1).parameters().get(0).value().data())
                .isEqualTo(TinyData.network(4, 3, 2).parameters().get(0).value().data())
                .isNotEqualTo(
                        TinyData.network(4, 4, 1).parameters().get(0).value().data());
    }

    @Test
    void everyProblemIsReportedAtItsOptionPath() {
        assertThatThrownBy(() -> Network.builder(4)
                        .path("model")
                        .add("tiny_linea", Map.of("units", 2))
                        .add("tiny_linear", Map.of("units", 0))
                        .loss("tiny_ms")
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model.layers[0]: unknown layer 'tiny_linea' (did you mean 'tiny_linear'?)")
                .hasMessageContaining("model.layers[1].tiny_linear.units")
                .hasMessageContaining("model.loss: unknown loss 'tiny_ms' (did you mean 'tiny_mse'?)");
    }
}
