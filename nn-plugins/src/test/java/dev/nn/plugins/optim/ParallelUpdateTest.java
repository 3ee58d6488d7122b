package dev.nn.plugins.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.Parameter;
import dev.nn.api.Spec;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.plugins.Optimizers;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Large parameters are updated on several threads; the result must not depend on how many. */
class ParallelUpdateTest {

    private static float[] train(Spec spec, int threads) {
        PluginRegistry registry = PluginRegistry.defaultRegistry();
        Optimizer optimizer = registry.optimizer(spec, "train.optimizer");
        Workspace ctx = new Workspace(registry.engine(null, threads), 0);
        Parameter p = new Parameter("weights", new Matrix(200, 300)); // 60,000 values: above the split threshold
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < p.value().size(); i++) {
            p.value().data()[i] = (float) random.nextGaussian();
        }
        for (int step = 0; step < 5; step++) {
            for (int i = 0; i < p.grad().size(); i++) {
                p.grad().data()[i] = (float) random.nextGaussian();
            }
            optimizer.step(List.of(p), ctx);
        }
        return p.value().data();
    }

    @Test
    void largeParametersGetTheSameBitsOnOneTwoOrThreeThreads() {
        for (Spec spec : List.of(
                Optimizers.sgd(0.1),
                Optimizers.sgd(0.1).momentum(0.9),
                Optimizers.sgd(0.1).momentum(0.9).nesterov().weightDecay(1e-3),
                Optimizers.adam(0.01).weightDecay(1e-4),
                Optimizers.sgd(0.1).momentum(0.9).dampening(0.5),
                Optimizers.rmsprop(0.01).momentum(0.9).centered(),
                Optimizers.adagrad(0.1).with("weight_decay", 1e-3),
                Optimizers.nadam(0.01).with("weight_decay", 1e-3))) {
            float[] one = train(spec, 1);
            assertThat(train(spec, 2)).as(spec.toString()).containsExactly(one);
            assertThat(train(spec, 3)).as(spec.toString()).containsExactly(one);
        }
    }
}
