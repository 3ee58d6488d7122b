package dev.nn.core.internal.engine;

import dev.nn.api.Engine;
import dev.nn.api.EngineProvider;

/**
 * Offers the {@link ScalarEngine} under the name {@code "scalar"}: always available, lowest
 * priority, so it is chosen only when no faster engine can run or when asked for by name.
 */
public final class ScalarEngineProvider implements EngineProvider {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String description() {
        return "plain-Java float32 engine (cache-blocked gemm); runs on every JVM, slower than the vector engine";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Engine create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException(
                    "the scalar engine needs at least 1 thread, got " + threads + "; set threads to 1 or more");
        }
        return new ScalarEngine(threads);
    }
}
