package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.Engine;
import dev.nn.api.EngineProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ScalarEngineProviderTest {

    @Test
    void serviceLoaderFindsTheScalarProvider() {
        assertThat(ServiceLoader.load(EngineProvider.class))
                .anySatisfy(p -> assertThat(p).isInstanceOf(ScalarEngineProvider.class));
    }

    @Test
    void providerIsAlwaysAvailableWithLowestPriority() {
        ScalarEngineProvider provider = new ScalarEngineProvider();
        assertThat(provider.name()).isEqualTo("scalar");
        assertThat(provider.description()).isNotBlank();
        assertThat(provider.priority()).isZero();
        assertThat(provider.isAvailable()).isTrue();
        assertThat(provider.options()).isEmpty();
    }

    @Test
    void createdEngineHasTheRequestedThreads() {
        Engine engine = new ScalarEngineProvider().create(2);
        assertThat(engine).isInstanceOf(ScalarEngine.class);
        assertThat(engine.threads()).isEqualTo(2);
        assertThat(engine.name()).isEqualTo("scalar");
    }

    @Test
    void zeroThreadsIsRejectedWithWhatToDo() {
        assertThatThrownBy(() -> new ScalarEngineProvider().create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the scalar engine needs at least 1 thread, got 0; set threads to 1 or more");
    }
}
