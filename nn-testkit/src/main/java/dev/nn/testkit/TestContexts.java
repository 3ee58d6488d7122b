package dev.nn.testkit;

import dev.nn.api.Engine;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Contexts to run a layer or loss in, as nn runs them: nn's default engine, a seeded random
 * source and reusable buffers. {@link Workspace#reseed} restarts the random source, so a random
 * layer can be run twice with the same draws.
 */
public final class TestContexts {
    /** One engine per thread count for the whole test run: engines with threads keep a pool. */
    private static final Map<Integer, Engine> ENGINES = new ConcurrentHashMap<>();

    private TestContexts() {}

    /**
     * {@return a training context (noise and dropout active) on one thread}
     *
     * @param seed seeds the context's random source
     */
    public static Workspace training(long seed) {
        return of(seed, 1, true);
    }

    /**
     * {@return an inference context (as in evaluation and prediction) on one thread}
     *
     * @param seed seeds the context's random source
     */
    public static Workspace inference(long seed) {
        return of(seed, 1, false);
    }

    /**
     * {@return a context computing with {@code threads} threads}
     *
     * @param seed     seeds the context's random source
     * @param threads  the engine's thread count
     * @param training whether it is a training context
     */
    public static Workspace of(long seed, int threads, boolean training) {
        return new Workspace(engine(threads), seed).training(training);
    }

    /**
     * {@return nn's default engine (the fastest this JVM can run) with {@code threads} threads, shared}
     *
     * @param threads the thread count
     */
    public static Engine engine(int threads) {
        return ENGINES.computeIfAbsent(
                threads, t -> PluginRegistry.defaultRegistry().engine(null, t));
    }
}
