package dev.nn.plugins.contract;

import dev.nn.api.LayerProvider;
import dev.nn.plugins.layers.Dense;
import dev.nn.plugins.layers.Dropout;
import dev.nn.plugins.layers.Identity;
import dev.nn.plugins.layers.LeakyRelu;
import dev.nn.plugins.layers.Relu;
import dev.nn.plugins.layers.Sigmoid;
import dev.nn.plugins.layers.Softmax;
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
}
