package dev.nn.core.internal.engine;

import dev.nn.api.Engine;
import dev.nn.api.EngineProvider;

/**
 * Offers the {@link VectorEngine} under the name {@code "vector"}, with the highest priority of
 * nn's engines, whenever the JVM has the {@code jdk.incubator.vector} module.
 *
 * <p>This class never touches a vector class itself, so listing and ranking engines works on any
 * JVM; the engine's classes are loaded only by {@link #create}, after the module check.
 */
public final class VectorEngineProvider implements EngineProvider {

    /** The module the engine needs; the JVM adds it only when asked with {@code --add-modules}. */
    static final String MODULE = "jdk.incubator.vector";

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String description() {
        return "float32 engine on the Vector API, about 10x faster than 'scalar'; "
                + "needs java started with --add-modules " + MODULE;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean isAvailable() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    @Override
    public Engine create(int threads) {
        if (!isAvailable()) {
            throw new IllegalStateException("the vector engine needs the " + MODULE
                    + " module, which this JVM does not have; start java with --add-modules " + MODULE
                    + " or choose the scalar engine");
        }
        if (threads < 1) {
            throw new IllegalArgumentException(
                    "the vector engine needs at least 1 thread, got " + threads + "; set threads to 1 or more");
        }
        VectorWarmUp.start();
        return new VectorEngine(threads);
    }
}
