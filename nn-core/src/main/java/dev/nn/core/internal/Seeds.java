package dev.nn.core.internal;

/**
 * nn's seeded random streams in one place: SplitMix64's finaliser, which the contexts' generator
 * steps with and the trainer derives its per-epoch and per-batch seeds from. Changing anything
 * here changes every seeded result, so tests pin the values.
 */
public final class Seeds {
    /** SplitMix64's increment, the odd integer nearest 2^64 divided by the golden ratio. */
    public static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {}

    /**
     * {@return SplitMix64's finaliser of {@code z}: nearby inputs give unrelated outputs}
     *
     * @param z the value to mix
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * {@return the seed of one random stream of a run: {@code kind} (shuffling, dropout) of
     * {@code epoch} and {@code batch}, mixed from the run's seed}
     *
     * @param seed  the run's seed
     * @param kind  which stream (a small constant per use)
     * @param epoch the epoch
     * @param batch the batch within the epoch
     */
    public static long stream(long seed, long kind, long epoch, long batch) {
        long h = mix(seed + GOLDEN_GAMMA * kind);
        h = mix(h ^ epoch * 0xC2B2AE3D27D4EB4FL);
        return mix(h ^ batch * 0x165667B19E3779F9L);
    }
}
