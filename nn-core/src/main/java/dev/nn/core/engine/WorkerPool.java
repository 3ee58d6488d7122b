package dev.nn.core.engine;

import dev.nn.api.Engine.RangeBody;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon worker threads that, together with the calling thread, run the ranges of
 * a parallel loop, allocating nothing per loop and handing work over in about a microsecond.
 *
 * <p>A training step runs a handful of products of a few hundred microseconds or less, so the
 * hand-over must be cheap: a loop is published by bumping one atomic word, workers that finished
 * recently are still spinning on it and start at once, and only workers idle for longer than
 * {@link #SPIN_NANOS} have parked and need waking. Ranges are claimed from the same word, so a
 * caller whose workers are slow to wake runs the ranges itself.
 *
 * <p>One loop runs at a time. A loop started while another runs, whether by another caller or
 * from inside a body, runs whole on the thread that started it, so nested loops cannot deadlock
 * and several callers may share a pool.
 */
final class WorkerPool {

    /** Idle workers spin this long for the next loop before parking. */
    static final long SPIN_NANOS = 100_000;
    /** The caller spins this long for its workers to finish before parking. */
    private static final long WAIT_SPIN_NANOS = 200_000;
    /** Parked workers exit after this long without work (and start again on demand), so dropped engines do not keep threads. */
    private static final long IDLE_NANOS = 30_000_000_000L;
    /** Ranges and the next unclaimed range share the claim word with the loop number, 16 bits each. */
    static final int MAX_THREADS = 1 << 15;

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int threads;
    private final String name;
    private final Worker[] workers;
    /** True while a loop runs; a loop started meanwhile runs inline. */
    private final AtomicBoolean busy = new AtomicBoolean();

    /**
     * The current loop's number (high 32 bits), its number of ranges (16 bits) and the next range
     * to claim (low 16 bits). Claiming a range is one compare-and-set, which also proves that the
     * loop's fields below belong to the loop the range was claimed from: a loop cannot end, and the
     * fields cannot be rewritten, while one of its ranges is claimed but unfinished.
     */
    private final AtomicLong claim = new AtomicLong();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private int loopNumber;
    private RangeBody body;
    private int size;
    private volatile Thread caller;
    private volatile boolean callerParked;

    WorkerPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("an engine needs at least 1 thread, got " + threads);
        }
        if (threads > MAX_THREADS) {
            throw new IllegalArgumentException("an engine can use at most " + MAX_THREADS + " threads, got " + threads);
        }
        this.threads = threads;
        this.name = name + "-" + POOL_NUMBER.incrementAndGet();
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
        }
    }

    int threads() {
        return threads;
    }

    /**
     * True when a loop started now would run inline: one thread, or a loop already running (this
     * thread's, when called from a body). Only a hint for choosing how to split work; the answer
     * may change at once.
     */
    boolean runsInline() {
        return threads == 1 || busy.get();
    }

    /**
     * Splits {@code [0, n)} into at most {@link #threads()} contiguous ranges of near-equal size and
     * runs each exactly once, returning when all are done. The first exception thrown by a range is
     * rethrown here (later ones are attached as suppressed); ranges not yet started are then skipped.
     */
    void parallelFor(int n, RangeBody body) {
        parallelFor(n, Math.min(threads, n), body);
    }

    /**
     * As {@link #parallelFor(int, RangeBody)}, with {@code ranges} ranges (at least 1); more ranges
     * than threads balance uneven work, and they are still handed out to the threads in turn.
     */
    void parallelFor(int n, int ranges, RangeBody body) {
        if (n < 0) {
            throw new IllegalArgumentException("parallelFor: n must not be negative, got " + n);
        }
        if (n == 0) {
            return;
        }
        int count = Math.min(Math.min(ranges, n), MAX_THREADS);
        if (count <= 1 || threads == 1 || !busy.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            this.body = body;
            this.size = n;
            failure.set(null);
            unfinished.set(count);
            caller = Thread.currentThread();
            callerParked = false;
            loopNumber++;
            long published = (long) loopNumber << 32 | (long) count << 16;
            claim.set(published);
            wakeWorkers(count - 1);
            claimAndRun(published);
            awaitFinished();
            rethrowFailure();
        } finally {
            this.body = null;
            busy.set(false);
        }
    }

    private void wakeWorkers(int wanted) {
        for (int i = 0; i < wanted && i < workers.length; i++) {
            workers[i].wake();
        }
    }

    /** Claims and runs ranges of the loop published as {@code seen} until none are left. */
    private void claimAndRun(long seen) {
        long word = seen;
        int loop = (int) (seen >>> 32);
        while ((int) (word >>> 32) == loop) {
            int ranges = (int) (word >>> 16) & 0xFFFF;
            int next = (int) word & 0xFFFF;
            if (next >= ranges) {
                return;
            }
            if (claim.compareAndSet(word, word + 1)) {
                runRange(next, ranges);
                word = claim.get();
            } else {
                word = claim.get();
            }
        }
    }

    private void runRange(int r, int ranges) {
        try {
            if (failure.get() == null) {
                int n = size;
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
            if (unfinished.decrementAndGet() == 0 && callerParked) {
                LockSupport.unpark(caller);
            }
        }
    }

    private void awaitFinished() {
        if (unfinished.get() == 0) {
            return;
        }
        long deadline = System.nanoTime() + WAIT_SPIN_NANOS;
        for (int spins = 0; unfinished.get() != 0; spins++) {
            if ((spins & 63) == 0 && System.nanoTime() > deadline) {
                break;
            }
            Thread.onSpinWait();
        }
        // Workers write into the caller's arrays, so returning before they finish is never safe.
        boolean interrupted = false;
        callerParked = true;
        while (unfinished.get() != 0) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        callerParked = false;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrowFailure() {
        Throwable t = failure.get();
        if (t == null) {
            return;
        }
        failure.set(null);
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a parallelFor range failed: " + t, t);
    }

    /** One worker thread's slot; the thread is started on first use and again after an idle exit. */
    private final class Worker implements Runnable {
        private static final int STOPPED = 0;
        private static final int RUNNING = 1;
        private static final int PARKED = 2;

        private final int number;
        private final AtomicInteger state = new AtomicInteger(STOPPED);
        private volatile Thread thread;

        Worker(int number) {
            this.number = number;
        }

        /** Makes sure the thread will look at the claim word soon: it is spinning, or is woken or started now. */
        void wake() {
            while (true) {
                int s = state.get();
                if (s == RUNNING) {
                    return;
                }
                if (state.compareAndSet(s, RUNNING)) {
                    if (s == PARKED) {
                        LockSupport.unpark(thread);
                    } else {
                        start();
                    }
                    return;
                }
            }
        }

        private void start() {
            try {
                Thread t = new Thread(this, name + "-worker-" + number);
                t.setDaemon(true);
                thread = t;
                t.start();
            } catch (OutOfMemoryError | SecurityException e) {
                // No thread to be had: the callers run this worker's share of each loop themselves.
                state.set(STOPPED);
            }
        }

        @Override
        public void run() {
            int seen = 0; // loop numbers start at 1, so a freshly started worker joins the current loop
            long idleSince = System.nanoTime();
            while (true) {
                long word = claim.get();
                if ((int) (word >>> 32) != seen) {
                    seen = (int) (word >>> 32);
                    claimAndRun(word);
                    idleSince = System.nanoTime();
                    continue;
                }
                if (spinFor(seen, idleSince + SPIN_NANOS)) {
                    continue;
                }
                state.set(PARKED);
                if (newLoop(seen)) {
                    // A loop came while going to sleep; whoever set RUNNING first, the thread is awake.
                    state.set(RUNNING);
                    continue;
                }
                LockSupport.parkNanos(this, IDLE_NANOS);
                if (state.get() == PARKED && System.nanoTime() - idleSince >= IDLE_NANOS
                        && state.compareAndSet(PARKED, STOPPED)) {
                    return;
                }
                state.set(RUNNING);
            }
        }

        /** Spins until a new loop is published (true) or until {@code deadline} (false). */
        private boolean spinFor(int seen, long deadline) {
            for (int spins = 0; ; spins++) {
                if (newLoop(seen)) {
                    return true;
                }
                if ((spins & 63) == 0 && System.nanoTime() > deadline) {
                    return false;
                }
                Thread.onSpinWait();
            }
        }

        private boolean newLoop(int seen) {
            return (int) (claim.get() >>> 32) != seen;
        }
    }
}
