package dev.nn.api;

/**
 * Offers an {@link Engine}. The registry picks the available provider with the highest priority
 * unless one is asked for by name.
 */
public interface EngineProvider extends Provider {

    /** Higher wins when several are available. */
    int priority();

    /** Whether this engine can run in this JVM; must not throw, and must not load classes that might be missing. */
    boolean isAvailable();

    /** An engine computing with {@code threads} threads (at least 1). */
    Engine create(int threads);
}
