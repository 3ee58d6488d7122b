package dev.nn.core;

import dev.nn.api.Context;
import dev.nn.api.Engine;
import dev.nn.api.Matrix;
import dev.nn.core.internal.Seeds;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The {@link Context} nn-core runs layers in: an engine, a mode, a seeded random source and the
 * buffers layers reuse from batch to batch.
 *
 * <p>Each owner/key keeps a few matrices of different shapes, so alternating between a full batch
 * and the last, shorter batch of an epoch reuses both instead of reallocating. Not thread-safe:
 * one workspace per thread of work.
 */
public final class Workspace implements Context {
    private static final int SHAPES_PER_KEY = 4;

    private final Engine engine;
    private final Map<Object, Map<String, Matrix[]>> buffers = new IdentityHashMap<>();
    private final SplitMix random;
    private boolean training;

    /**
     * A workspace computing on {@code engine}, its random source seeded with {@code seed}.
     *
     * @param engine the engine
     * @param seed   the seed
     */
    public Workspace(Engine engine, long seed) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.random = new SplitMix(seed);
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public boolean training() {
        return training;
    }

    /**
     * Switches between training (dropout active) and inference.
     *
     * @return this workspace
     * @param on true for training
     */
    public Workspace training(boolean on) {
        this.training = on;
        return this;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    /**
     * Restarts the random source from {@code seed}, allocating nothing: the trainer gives every
     * batch its own stream this way, so a resumed run draws what an uninterrupted one would.
     *
     * @param seed the new seed
     */
    public void reseed(long seed) {
        random.reseed(seed);
    }

    @Override
    public Matrix buffer(Object owner, String key, int rows, int cols) {
        Matrix[] slots = buffers.computeIfAbsent(owner, o -> new HashMap<>())
                .computeIfAbsent(key, k -> new Matrix[SHAPES_PER_KEY]);
        for (Matrix m : slots) {
            if (m != null && m.rows() == rows && m.cols() == cols) {
                return m;
            }
        }
        // Evict the oldest shape: shift the others down and put the new one last.
        System.arraycopy(slots, 1, slots, 0, SHAPES_PER_KEY - 1);
        Matrix fresh = new Matrix(rows, cols);
        slots[SHAPES_PER_KEY - 1] = fresh;
        return fresh;
    }

    /**
     * Steele, Lea and Flood's SplitMix64, the generator of {@link java.util.SplittableRandom} (the
     * same sequence of {@code nextLong()} for a seed), with a seed that can be set again in place.
     */
    private static final class SplitMix implements RandomGenerator {
        private long state;

        SplitMix(long seed) {
            this.state = seed;
        }

        void reseed(long seed) {
            this.state = seed;
        }

        @Override
        public long nextLong() {
            return Seeds.mix(state += Seeds.GOLDEN_GAMMA);
        }
    }
}
