package dev.nn.plugins.contract;

import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.plugins.loss.BinaryCrossEntropy;
import dev.nn.plugins.loss.Huber;
import dev.nn.plugins.loss.L1;
import dev.nn.plugins.loss.Mse;
import dev.nn.plugins.loss.Quadratic;
import dev.nn.plugins.loss.SmoothL1;
import dev.nn.plugins.loss.SoftmaxCrossEntropy;
import dev.nn.testkit.LossContract;
import dev.nn.testkit.TestData;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** Every built-in loss passes the plugin test kit's {@link LossContract}, as a third-party loss would have to. */
class BuiltInLossesContractTest {

    /** A loss of real-valued targets, checked on targets uniform in [-1, 1]. */
    abstract static class OnRealTargets extends LossContract {
        @Override
        protected Matrix target(int rows, long seed) {
            return TestData.uniform(rows, outputSize(), -1, 1, seed);
        }
    }

    @Nested
    class MeanSquaredError extends OnRealTargets {
        @Override
        protected LossProvider provider() {
            return new Mse.Provider();
        }
    }

    @Nested
    class NielsensQuadraticCost extends OnRealTargets {
        @Override
        protected LossProvider provider() {
            return new Quadratic.Provider();
        }
    }

    @Nested
    class SoftmaxCrossEntropyOnLogits extends LossContract {
        @Override
        protected LossProvider provider() {
            return new SoftmaxCrossEntropy.Provider();
        }
    }

    @Nested
    class BinaryCrossEntropyOnLogits extends LossContract {
        @Override
        protected LossProvider provider() {
            return new BinaryCrossEntropy.Provider();
        }

        @Override
        protected Matrix target(int rows, long seed) {
            return TestData.bits(rows, outputSize(), seed);
        }
    }

    @Nested
    class BinaryCrossEntropyOnProbabilities extends LossContract {
        @Override
        protected LossProvider provider() {
            return new BinaryCrossEntropy.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("from_logits", false);
        }

        @Override
        protected Matrix output(int rows, long seed) {
            return TestData.uniform(rows, outputSize(), 0.05, 0.95, seed);
        }

        @Override
        protected Matrix target(int rows, long seed) {
            return TestData.bits(rows, outputSize(), seed);
        }
    }

    @Nested
    class MeanAbsoluteError extends OnRealTargets {
        @Override
        protected LossProvider provider() {
            return new L1.Provider();
        }
    }

    @Nested
    class HuberWithHalfDelta extends OnRealTargets {
        @Override
        protected LossProvider provider() {
            return new Huber.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("delta", 0.5);
        }
    }

    @Nested
    class SmoothL1WithDefaults extends OnRealTargets {
        @Override
        protected LossProvider provider() {
            return new SmoothL1.Provider();
        }
    }
}
