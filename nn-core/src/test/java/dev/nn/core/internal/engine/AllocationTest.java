package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Engine;
import dev.nn.api.Matrix;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A training step calls gemm and parallelFor a few times per batch; once the JIT has compiled
 * them, they must allocate nothing, on the calling thread or on the engine's workers.
 */
class AllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Calls per measured window; the code is warm once one window allocates nothing. */
    private static final int WINDOW = 200;

    private static final int MAX_WINDOWS = 200;

    static Stream<Arguments> enginesAndThreads() {
        List<Arguments> cases = new ArrayList<>();
        for (EngineKind kind : EngineKind.values()) {
            for (int threads : new int[] {1, 2}) {
                cases.add(Arguments.of(kind, threads));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} thread(s)")
    @MethodSource("enginesAndThreads")
    @Timeout(120)
    void gemmAndParallelForAllocateNothingOnceWarm(EngineKind kind, int threads) {
        assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
        Engine engine = kind.withThreads(threads);
        SplittableRandom random = new SplittableRandom(1);
        // One layer of a 100-10 network at batch 128, forward and backward, and a wider one that splits between
        // threads.
        Matrix x = ReferenceGemm.random(128, 100, random);
        Matrix w = ReferenceGemm.random(100, 10, random);
        Matrix y = new Matrix(128, 10);
        Matrix dw = new Matrix(100, 10);
        Matrix dx = new Matrix(128, 100);
        Matrix wide = ReferenceGemm.random(100, 300, random);
        Matrix out = new Matrix(128, 300);
        float[] cells = new float[1000];
        Engine.RangeBody scale = (from, to) -> {
            for (int i = from; i < to; i++) {
                cells[i] = cells[i] * 0.5f + 1f;
            }
        };
        Runnable step = () -> {
            engine.gemm(false, false, 1f, x, w, 0f, y);
            engine.gemm(true, false, 1f, x, y, 1f, dw);
            engine.gemm(false, true, 1f, y, w, 0f, dx);
            engine.gemm(false, false, 1f, x, wide, 0f, out);
            engine.parallelFor(cells.length, scale);
        };

        long[] callerAndWorkers = threadIds(engine, step);
        long allocated = -1;
        for (int window = 0; window < MAX_WINDOWS && allocated != 0; window++) {
            long before = allocatedBytes(callerAndWorkers);
            for (int i = 0; i < WINDOW; i++) {
                step.run();
            }
            allocated = allocatedBytes(callerAndWorkers) - before;
        }

        assertThat(allocated)
                .as("bytes allocated by %d steps once warm", WINDOW)
                .isZero();
    }

    /** This thread and every worker thread of the engine (started by running {@code step} once). */
    private static long[] threadIds(Engine engine, Runnable step) {
        step.run();
        List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().getId());
        String prefix = engine.name().equals("vector") ? "nn-vector-" : "nn-scalar-";
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix) && t.getName().contains("-worker-")) {
                ids.add(t.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** Bytes allocated so far by the threads; one id at a time, as the array form allocates its result. */
    private static long allocatedBytes(long[] ids) {
        long total = 0;
        for (long id : ids) {
            total += Math.max(THREADS.getThreadAllocatedBytes(id), 0);
        }
        return total;
    }
}
