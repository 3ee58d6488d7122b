package dev.nn.plugins.contract;

import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.plugins.loss.BinaryCrossEntropy;
import dev.nn.plugins.loss.Hinge;
import dev.nn.plugins.loss.Huber;
import dev.nn.plugins.loss.KlDiv;
import dev.nn.plugins.loss.L1;
import dev.nn.plugins.loss.Mse;
import dev.nn.plugins.loss.Quadratic;
import dev.nn.plugins.loss.SmoothL1;
import dev.nn.plugins.loss.SoftmaxCrossEntropy;
import dev.nn.testkit.LossContract;
import dev.nn.testkit.TestData;
import java.util.List;
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

    /** Binary cross-entropy, checked on 0/1 targets (on logits in [-2, 2] unless a subclass says otherwise). */
    abstract static class BinaryCrossEntropyOnBits extends LossContract {
        @Override
        protected LossProvider provider() {
            return new BinaryCrossEntropy.Provider();
        }

        @Override
        protected Matrix target(int rows, long seed) {
            return TestData.bits(rows, outputSize(), seed);
        }
    }

    /** Binary cross-entropy with {@code from_logits: false}, on probabilities in [0.05, 0.95]. */
    abstract static class BinaryCrossEntropyOnProbabilityBits extends BinaryCrossEntropyOnBits {
        @Override
        protected Matrix output(int rows, long seed) {
            return TestData.uniform(rows, outputSize(), 0.05, 0.95, seed);
        }
    }

    @Nested
    class BinaryCrossEntropyOnLogits extends BinaryCrossEntropyOnBits {}

    @Nested
    class BinaryCrossEntropyOnProbabilities extends BinaryCrossEntropyOnProbabilityBits {
        @Override
        protected Map<String, ?> options() {
            return Map.of("from_logits", false);
        }
    }

    @Nested
    class BinaryCrossEntropyWithPosWeightOnLogits extends BinaryCrossEntropyOnBits {
        @Override
        protected Map<String, ?> options() {
            return Map.of("pos_weight", List.of(0.5, 1.0, 3.0));
        }
    }

    @Nested
    class BinaryCrossEntropyWithPosWeightOnProbabilities extends BinaryCrossEntropyOnProbabilityBits {
        @Override
        protected Map<String, ?> options() {
            return Map.of("from_logits", false, "pos_weight", 2.5);
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

    @Nested
    class SoftmaxCrossEntropySmoothedAndWeighted extends LossContract {
        private static final double[] WEIGHTS = {0.5, 2.0, 1.0};

        @Override
        protected LossProvider provider() {
            return new SoftmaxCrossEntropy.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("label_smoothing", 0.1, "class_weights", List.of(WEIGHTS[0], WEIGHTS[1], WEIGHTS[2]));
        }

        /** PyTorch's weighted mean divides by the examples' total weight. */
        @Override
        protected double batchWeight(Matrix target) {
            double total = 0;
            for (int i = 0; i < target.data().length; i++) {
                total += WEIGHTS[i % 3] * target.data()[i];
            }
            return total;
        }
    }

    @Nested
    class HingeWithDefaults extends LossContract {
        @Override
        protected LossProvider provider() {
            return new Hinge.Provider();
        }
    }

    @Nested
    class HingeWithWideMargin extends LossContract {
        @Override
        protected LossProvider provider() {
            return new Hinge.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("margin", 3.0);
        }
    }

    @Nested
    class KlDivOnLogProbabilities extends LossContract {
        @Override
        protected LossProvider provider() {
            return new KlDiv.Provider();
        }

        @Override
        protected Matrix output(int rows, long seed) {
            return TestData.uniform(rows, outputSize(), -4, -0.05, seed);
        }
    }
}
