package dev.nn.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void mixIsSplitMix64sFinaliserAsSplittableRandomHasIt() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            assertThat(Seeds.mix(seed + Seeds.GOLDEN_GAMMA)).isEqualTo(new SplittableRandom(seed).nextLong());
        }
    }

    @Test
    void aRunsStreamsAreTheSeedsEveryEarlierRunUsed() {
        // Pinned: the shuffles and dropout masks of every saved run and checkpoint come from these.
        assertThat(Seeds.stream(42, 1, 1, 0)).isEqualTo(STREAM_42_1_1_0);
        assertThat(Seeds.stream(5, 2, 3, 7)).isEqualTo(STREAM_5_2_3_7);
        assertThat(Seeds.stream(5, 2, 3, 8)).isNotEqualTo(Seeds.stream(5, 2, 3, 7));
    }

    private static final long STREAM_42_1_1_0 = -4518230748841252847L;
    private static final long STREAM_5_2_3_7 = -1612554744896068382L;
}
