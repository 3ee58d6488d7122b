package dev.nn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import dev.nn.core.Network;
import dev.nn.core.train.History;
import dev.nn.testkit.Scale.Defect;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneLayerNetworkTest {

    @Test
    void trainsTheLayersWeightsTowardsTheTargetFunction() {
        Network net = OneLayerNetwork.around(new Scale.Provider(Defect.NONE))
                .inputSize(3)
                .seed(1)
                .build();
        assertThat(net.summary()).contains("scale").contains("Loss: " + TestRegistry.LOSS);
        Matrix x = TestData.inputs(64, 3, 2);
        Matrix t = x.copy();
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] *= 2f;
        }
        History history = OneLayerNetwork.train(net, x, t, 200, 0.2);
        assertThat(history.epochs()).hasSize(200);
        assertThat(history.last().loss()).isLessThan(history.epochs().get(0).loss() / 100);
        for (float w : net.parameters().get(0).value().data()) {
            assertThat((double) w).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    @Test
    void theLayersOptionsAreCheckedWithTheirPath() {
        assertThatThrownBy(() -> OneLayerNetwork.around(new Scale.Provider(Defect.NONE))
                        .options(Map.of("nois", 0.1))
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("layers[0].scale.nois: unknown option 'nois' for scale (did you mean 'noise'?)");
    }
}
