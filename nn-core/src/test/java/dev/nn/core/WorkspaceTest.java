package dev.nn.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.core.internal.engine.ScalarEngine;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class WorkspaceTest {

    @Test
    void theRandomSourceIsSplittableRandomsSequenceAndReseedsInPlace() {
        Workspace ctx = new Workspace(new ScalarEngine(1), 7);
        RandomGenerator random = ctx.random();
        SplittableRandom reference = new SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            assertThat(random.nextLong()).isEqualTo(reference.nextLong());
        }
        ctx.reseed(-3);
        assertThat(ctx.random()).isSameAs(random);
        SplittableRandom again = new SplittableRandom(-3);
        for (int i = 0; i < 100; i++) {
            assertThat(random.nextLong()).isEqualTo(again.nextLong());
        }
    }
}
