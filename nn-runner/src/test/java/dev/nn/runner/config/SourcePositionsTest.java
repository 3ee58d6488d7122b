package dev.nn.runner.config;

import static dev.nn.runner.config.ConfigLoaderTest.GOOD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.core.registry.PluginRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourcePositionsTest {
    private final PipelineConfig config =
            new ConfigLoader(PluginRegistry.defaultRegistry()).load(GOOD.resolve("full.yaml"), List.of());
    private final String file = GOOD.resolve("full.yaml").toString();

    @Test
    void locateFindsNestedOptionsInFlowAndBlockStyle() {
        assertThat(config.locate("model.layers[0].dense.init.uniform.low")).isEqualTo(file + ":13:43");
        assertThat(config.locate("model.layers[3].dense.units")).isEqualTo(file + ":17:9");
        assertThat(config.locate("model.layers[1]")).isEqualTo(file + ":14:7");
        assertThat(config.locate("data.preprocess[1].scale.factor")).isEqualTo(file + ":10:38");
        assertThat(config.locate("train.early_stopping.min_delta")).isEqualTo(file + ":26:56");
    }

    @Test
    void locateFallsBackToTheClosestEnclosingSetting() {
        assertThat(config.locate("model.layers[3].dense.bias")).as("a default").isEqualTo(file + ":16:7");
        assertThat(config.locate("train.nothing.here")).isEqualTo(file + ":19:1");
        assertThat(config.locate("model.layers[9]")).isEqualTo(file + ":12:3");
        assertThat(config.locate("plugins")).as("the document").isEqualTo(file + ":2:1");
        assertThat(config.locate("")).isEqualTo(file + ":2:1");
    }

    @Test
    void aFileWithNothingKnownIsNamedAlone() {
        SourcePositions positions = new SourcePositions("x.yaml");

        assertThat(positions.locate("model.layers[0]")).isEqualTo("x.yaml");
    }

    @Test
    void theParentOfAPathIsOneKeyOrIndexUp() {
        assertThat(SourcePositions.parent("model.layers[2].dense.units")).isEqualTo("model.layers[2].dense");
        assertThat(SourcePositions.parent("model.layers[2]")).isEqualTo("model.layers");
        assertThat(SourcePositions.parent("model")).isEmpty();
    }
}
