package dev.nn.plugins.contract;

import dev.nn.api.LayerProvider;
import dev.nn.plugins.layers.BatchNorm;
import dev.nn.plugins.layers.Dense;
import dev.nn.plugins.layers.Dropout;
import dev.nn.plugins.layers.Elu;
import dev.nn.plugins.layers.Gelu;
import dev.nn.plugins.layers.HardSigmoid;
import dev.nn.plugins.layers.Identity;
import dev.nn.plugins.layers.LayerNorm;
import dev.nn.plugins.layers.LeakyRelu;
import dev.nn.plugins.layers.Mish;
import dev.nn.plugins.layers.Relu;
import dev.nn.plugins.layers.Relu6;
import dev.nn.plugins.layers.Sigmoid;
import dev.nn.plugins.layers.Silu;
import dev.nn.plugins.layers.Softmax;
import dev.nn.plugins.layers.Softplus;
import dev.nn.plugins.layers.Softsign;
import dev.nn.plugins.layers.Tanh;
import dev.nn.testkit.LayerContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** Every built-in layer passes the plugin test kit's {@link LayerContract}, as a third-party layer would have to. */
class BuiltInLayersContractTest {

    @Nested
    class DenseWithDefaults extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Dense.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("units", 3);
        }
    }

    @Nested
    class DenseWithoutBiasAndWithHeInit extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Dense.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("units", 4, "bias", false, "init", "he_normal");
        }
    }

    @Nested
    class DropoutLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Dropout.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("rate", 0.3);
        }
    }

    @Nested
    class SigmoidLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Sigmoid.Provider();
        }
    }

    @Nested
    class ReluLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Relu.Provider();
        }
    }

    @Nested
    class LeakyReluLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new LeakyRelu.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("slope", 0.1);
        }
    }

    @Nested
    class TanhLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Tanh.Provider();
        }
    }

    @Nested
    class SoftsignLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Softsign.Provider();
        }
    }

    @Nested
    class SoftmaxLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Softmax.Provider();
        }
    }

    @Nested
    class IdentityLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Identity.Provider();
        }
    }

    @Nested
    class GeluExact extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Gelu.Provider();
        }
    }

    @Nested
    class GeluTanh extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Gelu.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("approximate", "tanh");
        }
    }

    @Nested
    class SiluLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Silu.Provider();
        }
    }

    @Nested
    class EluLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Elu.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("alpha", 0.7);
        }
    }

    @Nested
    class SeluLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Elu.SeluProvider();
        }
    }

    @Nested
    class SoftplusLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Softplus.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("beta", 2.0, "threshold", 5.0);
        }
    }

    @Nested
    class MishLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Mish.Provider();
        }
    }

    @Nested
    class HardSigmoidLayer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new HardSigmoid.Provider();
        }
    }

    @Nested
    class Relu6Layer extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Relu6.Provider();
        }
    }

    @Nested
    class DenseWithPenaltiesAndMaxNorm extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Dense.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("units", 3, "l1", 0.01, "l2", 0.05, "max_norm", 0.5);
        }
    }

    @Nested
    class BatchNormWithDefaults extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new BatchNorm.Provider();
        }
    }

    @Nested
    class BatchNormWithoutAffine extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new BatchNorm.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("affine", false, "momentum", 0.5, "eps", 1e-3);
        }
    }

    @Nested
    class LayerNormWithDefaults extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new LayerNorm.Provider();
        }
    }

    @Nested
    class LayerNormWithoutAffine extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new LayerNorm.Provider();
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("affine", false);
        }
    }
}
