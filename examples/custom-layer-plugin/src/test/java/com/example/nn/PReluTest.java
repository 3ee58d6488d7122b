package com.example.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import dev.nn.core.Network;
import dev.nn.testkit.Gradients;
import dev.nn.testkit.OneLayerNetwork;
import dev.nn.testkit.TestContexts;
import dev.nn.testkit.TestData;
import dev.nn.testkit.TestRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PReluTest {

    @Test
    void keepsPositiveValuesAndScalesNegativeOnesByTheInitialSlope() {
        PRelu prelu = new PRelu(2, 0.25f);
        Matrix y = prelu.forward(Matrix.of(new float[] {2f, -4f}, new float[] {-1f, 0.5f}), TestContexts.inference(0));
        assertThat(y).isEqualTo(Matrix.of(new float[] {2f, -1f}, new float[] {-0.25f, 0.5f}));
    }

    @Test
    void learnsTheSlopeOfTheDataInAOneLayerNetwork() {
        Network net = OneLayerNetwork.around(new PRelu.Provider()).options(Map.of("init", 0.25)).inputSize(3).build();
        Matrix x = TestData.inputs(200, 3, 1);
        Matrix t = x.copy();
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = x.data()[i] > 0 ? x.data()[i] : 0.05f * x.data()[i];
        }
        OneLayerNetwork.train(net, x, t, 300, 0.5);
        for (float slope : net.parameters().get(0).value().data()) {
            assertThat(slope).isCloseTo(0.05f, within(0.005f));
        }
    }

    @Test
    void slopeGradientsAgreeWithCentralDifferencesForANegativeSlopeToo() {
        Gradients.assertLayer(new PRelu(4, -0.3f), TestData.inputs(5, 4, 2));
    }

    @Test
    void anInitialSlopeOutsideMinusOneToOneIsRejectedWithItsPath() {
        assertThatThrownBy(() -> TestRegistry.options(new PRelu.Provider(), Map.of("init", 3), "model.layers[1]"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model.layers[1].prelu.init: option 'init' must be in [-1, 1], got 3");
    }
}
