package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.Engine;
import dev.nn.api.EngineProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class VectorEngineProviderTest {

    @Test
    void serviceLoaderFindsTheVectorProvider() {
        assertThat(ServiceLoader.load(EngineProvider.class))
                .anySatisfy(p -> assertThat(p).isInstanceOf(VectorEngineProvider.class));
    }

    @Test
    void providerOutranksTheScalarOneAndSaysWhatItNeeds() {
        VectorEngineProvider provider = new VectorEngineProvider();
        assertThat(provider.name()).isEqualTo("vector");
        assertThat(provider.priority()).isGreaterThan(new ScalarEngineProvider().priority());
        assertThat(provider.description()).endsWith("needs java started with --add-modules jdk.incubator.vector");
        assertThat(provider.options()).isEmpty();
    }

    @Test
    void availableInTheBuildsJvmWhichAddsTheVectorModule() {
        assertThat(new VectorEngineProvider().isAvailable()).isTrue();
    }

    @Test
    void createdEngineHasTheRequestedThreads() {
        Engine engine = new VectorEngineProvider().create(2);
        assertThat(engine).isInstanceOf(VectorEngine.class);
        assertThat(engine.threads()).isEqualTo(2);
        assertThat(engine.name()).isEqualTo("vector");
    }

    @Test
    void zeroThreadsIsRejectedWithWhatToDo() {
        assertThatThrownBy(() -> new VectorEngineProvider().create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the vector engine needs at least 1 thread, got 0; set threads to 1 or more");
    }
}
