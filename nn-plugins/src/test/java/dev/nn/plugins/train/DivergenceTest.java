package dev.nn.plugins.train;

import static dev.nn.plugins.Layers.dense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.Context;
import dev.nn.api.Dataset;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import dev.nn.core.Network;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingDivergedException;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Losses;
import dev.nn.plugins.Optimizers;
import dev.nn.plugins.loss.Mse;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NaN or infinite loss or gradient stops training with the epoch, the batch and what to change,
 * and the step that produced it changes no weight.
 */
class DivergenceTest {

    private static List<float[]> values(Network net) {
        return net.parameters().stream()
                .map(Parameter::value)
                .map(m -> m.data().clone())
                .toList();
    }

    @Test
    void anInfiniteLossNamesEpochAndBatchAndSuggestsALowerRateOrClipping() {
        Dataset digits = Datasets.digits();
        // A linear model on raw pixels (0..16) with a far too large step grows without bound.
        Network net = Network.builder(64).add(dense(10)).loss(Losses.mse()).build();
        Trainer trainer = Trainer.builder()
                .path("train")
                .optimizer(Optimizers.sgd(10))
                .epochs(5)
                .build();
        assertThatThrownBy(() -> trainer.fit(net, digits))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageMatching(
                        "training diverged: the loss became (NaN|infinite) at epoch 1, batch \\d+; lower the"
                                + " learning rate \\(train.optimizer.sgd.lr, now 10.0000\\) or clip gradients with train.clip_norm"
                                + " \\(1.0 is a common start\\); standardized inputs help too");
        assertThat(values(net)).allSatisfy(w -> {
            for (float v : w) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        });
    }

    /** Mean squared error whose gradient is NaN in its first element: a finite loss with a broken gradient. */
    public static final class NanGradientProvider implements LossProvider {
        @Override
        public String name() {
            return "nan_gradient";
        }

        @Override
        public String description() {
            return "mse with a NaN in its gradient";
        }

        @Override
        public Loss create(Options options) {
            Mse mse = new Mse();
            return new Loss() {
                @Override
                public float forward(Matrix output, Matrix target, Context ctx) {
                    return mse.forward(output, target, ctx);
                }

                @Override
                public Matrix backward(Matrix output, Matrix target, Context ctx) {
                    Matrix g = mse.backward(output, target, ctx);
                    g.data()[0] = Float.NaN;
                    return g;
                }
            };
        }
    }

    @Test
    void aNaNGradientWithAFiniteLossStopsBeforeTheUpdate(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(LossProvider.class.getName()), NanGradientProvider.class.getName() + "\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            PluginRegistry registry = PluginRegistry.load(loader);
            Dataset blobs = Datasets.blobs(50, 2, 3, 1.0, 3);
            Dataset regression = Dataset.regression("blobs", blobs.features(), new Matrix(blobs.size(), 1));
            for (Double clip : new Double[] {null, 5.0}) {
                Network net = Network.builder(3)
                        .registry(registry)
                        .add(dense(1))
                        .loss("nan_gradient")
                        .seed(4)
                        .build();
                List<float[]> before = values(net);
                var trainer = Trainer.builder()
                        .registry(registry)
                        .optimizer(Optimizers.adam(0.1))
                        .epochs(1);
                if (clip != null) {
                    trainer.clipNorm(clip);
                }
                assertThatThrownBy(() -> trainer.build().fit(net, regression))
                        .isInstanceOf(TrainingDivergedException.class)
                        .hasMessageStartingWith("training diverged: a gradient became NaN or infinite (the loss was ")
                        .hasMessageContaining(
                                ") at epoch 1, batch 1; lower the learning rate (optimizer.adam.lr, now 0.100000)")
                        .hasMessageContaining(
                                clip == null ? "clip_norm (1.0 is a common start)" : "clip_norm below 5.0");
                List<float[]> after = values(net);
                for (int i = 0; i < before.size(); i++) {
                    assertThat(after.get(i)).containsExactly(before.get(i));
                }
            }
        }
    }
}
