package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nn.api.Engine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ParallelForTest {

    static Stream<Arguments> sizesAndThreads() {
        List<Arguments> cases = new ArrayList<>();
        for (EngineKind kind : EngineKind.values()) {
            for (int n : new int[] {0, 1, 7, 1000}) {
                for (int threads = 1; threads <= 4; threads++) {
                    cases.add(Arguments.of(kind, n, threads));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} n={1} threads={2}")
    @MethodSource("sizesAndThreads")
    @Timeout(10)
    void coversEveryIndexExactlyOnceInAtMostThreadsContiguousRanges(EngineKind kind, int n, int threads) {
        Engine engine = kind.withThreads(threads);
        AtomicIntegerArray visits = new AtomicIntegerArray(n);
        List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());

        engine.parallelFor(n, (from, to) -> {
            ranges.add(new int[] {from, to});
            for (int i = from; i < to; i++) {
                visits.incrementAndGet(i);
            }
        });

        for (int i = 0; i < n; i++) {
            assertThat(visits.get(i)).as("visits of index %d", i).isEqualTo(1);
        }
        assertThat(ranges)
                .hasSizeLessThanOrEqualTo(threads)
                .allSatisfy(r -> assertThat(r[0]).isLessThan(r[1]));
        if (n > 0) {
            assertThat(ranges).hasSize(Math.min(threads, n));
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    @Timeout(10)
    void rangesRunOnDaemonWorkersAsWellAsTheCaller(EngineKind kind) {
        Thread caller = Thread.currentThread();
        List<Thread> runners = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allStarted = new CountDownLatch(3);
        // No range finishes before all three have started, so they must run on three threads.
        kind.withThreads(3).parallelFor(3, (from, to) -> {
            runners.add(Thread.currentThread());
            allStarted.countDown();
            await(allStarted);
        });

        assertThat(runners).hasSize(3).doesNotHaveDuplicates().contains(caller);
        assertThat(runners)
                .filteredOn(t -> t != caller)
                .allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    @Timeout(10)
    void exceptionInAWorkerRangeIsRethrownOnTheCaller(EngineKind kind) {
        IllegalStateException boom = new IllegalStateException("boom");
        Engine engine = kind.withThreads(4);

        assertThatThrownBy(() -> engine.parallelFor(1000, (from, to) -> {
                    if (to == 1000) {
                        throw boom;
                    }
                }))
                .isSameAs(boom);

        // The engine still works after a failed loop.
        AtomicIntegerArray visits = new AtomicIntegerArray(100);
        engine.parallelFor(100, (from, to) -> {
            for (int i = from; i < to; i++) {
                visits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 100; i++) {
            assertThat(visits.get(i)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    @Timeout(10)
    void secondFailureIsAttachedToTheFirstAsSuppressed(EngineKind kind) {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Throwable thrown = catchThrowable(() -> kind.withThreads(2).parallelFor(2, (from, to) -> {
            bothStarted.countDown();
            await(bothStarted);
            throw new ArithmeticException("range " + from);
        }));

        assertThat(thrown).isInstanceOf(ArithmeticException.class);
        assertThat(thrown.getSuppressed()).hasSize(1);
        assertThat(List.of(thrown.getMessage(), thrown.getSuppressed()[0].getMessage()))
                .containsExactlyInAnyOrder("range 0", "range 1");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void exceptionOnTheSingleThreadPathPropagatesUnchanged(EngineKind kind) {
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        assertThatThrownBy(() -> kind.withThreads(1).parallelFor(5, (from, to) -> {
                    throw bad;
                }))
                .isSameAs(bad);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    @Timeout(10)
    void nestedLoopRunsInlineOnTheBodysThread(EngineKind kind) {
        int outer = 4;
        int[][] innerRanges = new int[outer][];
        Thread[] outerThreads = new Thread[outer];
        Thread[] innerThreads = new Thread[outer];

        kind.withThreads(4).parallelFor(outer, (from, to) -> {
            for (int i = from; i < to; i++) {
                int index = i;
                outerThreads[index] = Thread.currentThread();
                List<int[]> ranges = new ArrayList<>();
                kind.withThreads(4).parallelFor(50, (f, t) -> {
                    ranges.add(new int[] {f, t});
                    innerThreads[index] = Thread.currentThread();
                });
                innerRanges[index] = ranges.size() == 1 ? ranges.get(0) : null;
            }
        });

        for (int i = 0; i < outer; i++) {
            assertThat(innerRanges[i]).containsExactly(0, 50);
            assertThat(innerThreads[i]).isSameAs(outerThreads[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    @Timeout(30)
    void severalCallersAtOnceEachGetEveryIndexOnce(EngineKind kind) throws Exception {
        Engine engine = kind.withThreads(3);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<AtomicIntegerArray>> results = new ArrayList<>();
            for (int call = 0; call < 40; call++) {
                results.add(callers.submit(() -> {
                    AtomicIntegerArray visits = new AtomicIntegerArray(997);
                    engine.parallelFor(997, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            visits.incrementAndGet(i);
                        }
                    });
                    return visits;
                }));
            }
            for (Future<AtomicIntegerArray> result : results) {
                AtomicIntegerArray visits = result.get();
                for (int i = 0; i < visits.length(); i++) {
                    assertThat(visits.get(i)).isEqualTo(1);
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void negativeSizeIsRejected(EngineKind kind) {
        assertThatThrownBy(() -> kind.withThreads(2).parallelFor(-1, (from, to) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelFor: n must not be negative, got -1");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS))
                    .as("all ranges started")
                    .isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
