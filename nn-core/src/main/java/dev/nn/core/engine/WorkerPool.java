package dev.nn.core.engine;

import dev.nn.api.Engine.RangeBody;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed set of daemon worker threads that, together with the calling thread, run the ranges of
 * a parallel loop. Callers on several threads may use one pool at once; a loop started from inside
 * another loop's body runs on the thread that started it, so nested parallelism cannot deadlock.
 */
final class WorkerPool {

    /** True while this thread runs a loop body: a nested loop then runs inline instead of queueing. */
    private static final ThreadLocal<Boolean> INSIDE_BODY = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** Idle workers exit after this long (and are started again on demand), so dropped engines do not keep threads. */
    private static final long IDLE_SECONDS = 30;

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int threads;
    private final ThreadPoolExecutor workers; // null with one thread: the caller does everything

    WorkerPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("an engine needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.workers = null;
        } else {
            this.workers = new ThreadPoolExecutor(threads - 1, threads - 1, IDLE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), daemonThreads(name + "-" + POOL_NUMBER.incrementAndGet()));
            this.workers.allowCoreThreadTimeOut(true);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    int threads() {
        return threads;
    }

    /** True when a loop started now would run inline: one thread, or called from inside a loop body. */
    boolean runsInline() {
        return workers == null || INSIDE_BODY.get();
    }

    /**
     * Splits {@code [0, n)} into at most {@link #threads()} contiguous ranges of near-equal size and
     * runs each exactly once, returning when all are done. The first exception thrown by a range is
     * rethrown here (later ones are attached as suppressed); ranges not yet started are then skipped.
     */
    void parallelFor(int n, RangeBody body) {
        if (n < 0) {
            throw new IllegalArgumentException("parallelFor: n must not be negative, got " + n);
        }
        if (n == 0) {
            return;
        }
        if (n == 1 || runsInline()) {
            body.run(0, n);
            return;
        }
        Loop loop = new Loop(n, Math.min(threads, n), body);
        // Helpers claim ranges from the loop; if the workers are busy with another caller's loop,
        // this thread claims the ranges itself instead of waiting for them.
        for (int i = 1; i < loop.ranges; i++) {
            workers.execute(loop);
        }
        loop.run();
        loop.awaitAndRethrow();
    }

    /** One parallel loop: its ranges are claimed in turn by the caller and by workers. */
    private static final class Loop implements Runnable {
        final int n;
        final int ranges;
        final RangeBody body;
        final AtomicInteger nextRange = new AtomicInteger();
        final CountDownLatch finished;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Loop(int n, int ranges, RangeBody body) {
            this.n = n;
            this.ranges = ranges;
            this.body = body;
            this.finished = new CountDownLatch(ranges);
        }

        @Override
        public void run() {
            INSIDE_BODY.set(Boolean.TRUE);
            try {
                for (int r = nextRange.getAndIncrement(); r < ranges; r = nextRange.getAndIncrement()) {
                    runRange(r);
                }
            } finally {
                INSIDE_BODY.set(Boolean.FALSE);
            }
        }

        private void runRange(int r) {
            try {
                if (failure.get() == null) {
                    int from = (int) ((long) n * r / ranges);
                    int to = (int) ((long) n * (r + 1) / ranges);
                    body.run(from, to);
                }
            } catch (Throwable t) {
                if (!failure.compareAndSet(null, t)) {
                    Throwable first = failure.get();
                    if (first != t) {
                        first.addSuppressed(t);
                    }
                }
            } finally {
                finished.countDown();
            }
        }

        void awaitAndRethrow() {
            boolean interrupted = false;
            // Workers write into the caller's arrays, so returning before they finish is never safe.
            while (true) {
                try {
                    finished.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("a parallelFor range failed: " + t, t);
            }
        }
    }
}
