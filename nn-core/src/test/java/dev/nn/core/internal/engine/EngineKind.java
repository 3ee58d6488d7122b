package dev.nn.core.internal.engine;

import dev.nn.api.Engine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/** The engines every engine test runs against, with one shared engine per thread count. */
enum EngineKind {
    SCALAR(ScalarEngine::new),
    VECTOR(VectorEngine::new);

    private final IntFunction<Engine> factory;
    private final Map<Integer, Engine> engines = new ConcurrentHashMap<>();

    EngineKind(IntFunction<Engine> factory) {
        this.factory = factory;
    }

    /** The shared engine of this kind with {@code threads} threads (its workers are daemons, started on first use). */
    Engine withThreads(int threads) {
        return engines.computeIfAbsent(threads, factory::apply);
    }
}
