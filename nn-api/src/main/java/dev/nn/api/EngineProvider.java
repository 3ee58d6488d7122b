package dev.nn.api;

/**
 * Offers an {@link Engine}. The registry picks the available provider with the highest priority
 * unless one is asked for by name.
 */
public interface EngineProvider extends Provider {

    /** {@return the rank of this engine: higher wins when several are available} */
    int priority();

    /** {@return whether this engine can run in this JVM; must not throw, and must not load classes that might be missing} */
    boolean isAvailable();

    /**
     * {@return an engine computing with {@code threads} threads (at least 1)}
     *
     * @param threads how many threads to compute with
     */
    Engine create(int threads);
}
