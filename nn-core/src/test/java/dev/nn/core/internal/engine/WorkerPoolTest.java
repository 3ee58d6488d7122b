package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker pool's threads: how they sleep, wake and leave. */
class WorkerPoolTest {

    @Test
    @Timeout(20)
    void parkedWorkerIsWokenForTheNextLoop() throws InterruptedException {
        WorkerPool pool = new WorkerPool(2, "test");
        Thread first = workerOfALoopThatNeedsBothThreads(pool);
        // Long past the spinning time: the worker has parked.
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(WorkerPool.SPIN_NANOS) + 50);

        Thread second = workerOfALoopThatNeedsBothThreads(pool);

        assertThat(second).isSameAs(first);
    }

    @Test
    @Timeout(20)
    void idleWorkerExitsAndAFreshOneTakesItsPlace() throws InterruptedException {
        WorkerPool pool = new WorkerPool(2, "test", TimeUnit.MILLISECONDS.toNanos(50));
        Thread first = workerOfALoopThatNeedsBothThreads(pool);

        first.join(10_000);
        assertThat(first.isAlive())
                .as("worker alive after idling past its time")
                .isFalse();

        Thread second = workerOfALoopThatNeedsBothThreads(pool);
        assertThat(second).isNotSameAs(first);
        assertThat(second.isDaemon()).isTrue();
    }

    /**
     * Runs a two-range loop whose ranges wait for each other, so it finishes only if a worker
     * runs one of them, and returns that worker.
     */
    private static Thread workerOfALoopThatNeedsBothThreads(WorkerPool pool) {
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<Thread> runners = Collections.synchronizedList(new ArrayList<>());
        Thread caller = Thread.currentThread();
        pool.parallelFor(2, (from, to) -> {
            runners.add(Thread.currentThread());
            bothStarted.countDown();
            try {
                assertThat(bothStarted.await(5, TimeUnit.SECONDS))
                        .as("both ranges started")
                        .isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(runners).hasSize(2).contains(caller);
        return runners.stream().filter(t -> t != caller).findFirst().orElseThrow();
    }
}
