package dev.nn.plugins.train;

import static dev.nn.plugins.Layers.dense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.core.Network;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Initializers;
import dev.nn.plugins.Losses;
import dev.nn.plugins.Optimizers;
import org.junit.jupiter.api.Test;

/** {@code clip_norm} scales the gradients as PyTorch's {@code clip_grad_norm_} does, checked by hand. */
class ClipNormTest {

    /**
     * y = x w + b with w = [1, 1], b = 1 on the single example x = [3, 4] with target 0, under mse:
     * y = 8, loss = 64, dL/dy = 2 * 8 = 16, so dL/dw = [48, 64] and dL/db = 16, whose norm is
     * sqrt(48^2 + 64^2 + 16^2) = sqrt(6656) = 81.584...
     */
    private static float[] oneStep(Double clipNorm) {
        Network net = Network.builder(2)
                .add(dense(1).init(Initializers.constant(1)).biasInit(Initializers.constant(1)))
                .loss(Losses.mse())
                .build();
        Dataset one = Dataset.regression("one", Matrix.of(new float[] {3, 4}), Matrix.of(new float[] {0}));
        var trainer =
                Trainer.builder().optimizer(Optimizers.sgd(0.01)).batchSize(1).epochs(1);
        if (clipNorm != null) {
            trainer.clipNorm(clipNorm);
        }
        trainer.build().fit(net, one);
        return new float[] {
            net.parameters().get(0).value().data()[0],
            net.parameters().get(0).value().data()[1],
            net.parameters().get(1).value().data()[0]
        };
    }

    @Test
    void aGradientLongerThanClipNormIsScaledToIt() {
        double norm = Math.sqrt(48.0 * 48 + 64 * 64 + 16 * 16);
        float coefficient = (float) (2.0 / (norm + 1e-6));
        float[] expected = {
            1f - 0.01f * (48f * coefficient), 1f - 0.01f * (64f * coefficient), 1f - 0.01f * (16f * coefficient)
        };
        assertThat(oneStep(2.0)).containsExactly(expected);
        // The clipped step moves the parameters by lr * 2 in all: 0.02.
        float[] moved = oneStep(2.0);
        double length = Math.sqrt(Math.pow(1 - moved[0], 2) + Math.pow(1 - moved[1], 2) + Math.pow(1 - moved[2], 2));
        assertThat(length).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void aGradientShorterThanClipNormIsLeftAlone() {
        float[] expected = {1f - 0.01f * 48f, 1f - 0.01f * 64f, 1f - 0.01f * 16f};
        assertThat(oneStep(100.0)).containsExactly(expected);
        assertThat(oneStep(null)).containsExactly(expected);
    }

    @Test
    void clipNormMustBeAboveZero() {
        for (double bad : new double[] {0, -1}) {
            assertThatThrownBy(() -> Trainer.builder().clipNorm(bad).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("clip_norm: must be above 0, got " + bad);
        }
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Trainer.builder().clipNorm(bad).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("clip_norm: must be a finite number (above 0), got " + bad);
        }
        assertThatThrownBy(() -> Trainer.builder().path("train").clipNorm(0).build())
                .hasMessage("train.clip_norm: must be above 0, got 0.0");
    }
}
