package dev.nn.core.internal.engine;

import dev.nn.api.Engine.RangeBody;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon worker threads that, together with the calling thread, run the ranges of
 * a parallel loop, allocating nothing per loop and handing work over in well under a microsecond
 * when the workers are awake.
 *
 * <p>A training step runs a handful of products of a few microseconds to a few hundred, so the
 * hand-over must be cheap. Range 0 of a loop is the caller's; range i is offered to worker i - 1
 * through that worker's own slot, a cache line nobody else polls. A worker that finished a loop
 * recently is still spinning on its slot and starts at once; one idle for longer than
 * {@link #SPIN_NANOS} has parked and is woken. Either way, a caller done with its own range takes
 * over any range whose worker has not claimed it yet, so a slow wake-up never costs more than
 * running that range on the caller.
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

    /**
     * Per worker, in an int array 128 bytes apart so that no two workers' slots share a cache line
     * (or an adjacent-line prefetch): the loop offered to it ({@code OFFER}; positive while
     * unclaimed, negated once claimed by the worker or taken back by the caller), the last loop
     * whose range it finished ({@code DONE}), and whether its thread spins, parks or is stopped.
     */
    private static final int SLOT = 32;

    private static final int OFFER = 0;
    private static final int DONE = 1;
    private static final int STATE = 2;
    private static final int STOPPED = 0;
    private static final int RUNNING = 1;
    private static final int PARKED = 2;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(int[].class);

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int threads;
    private final String name;
    private final long idleNanos;
    private final int[] slots;
    private final Thread[] workerThreads;
    /** True while a loop runs; a loop started meanwhile runs inline. */
    private final AtomicBoolean busy = new AtomicBoolean();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    // The current loop: written by its caller before the offers, read by workers after claiming one.
    private int loop;
    private RangeBody body;
    private int size;
    private int ranges;
    private volatile Thread caller;
    private volatile boolean callerParked;

    WorkerPool(int threads, String name) {
        this(threads, name, IDLE_NANOS);
    }

    /** A pool whose parked workers exit after {@code idleNanos} without work. */
    WorkerPool(int threads, String name, long idleNanos) {
        if (threads < 1) {
            throw new IllegalArgumentException("an engine needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
        this.name = name + "-" + POOL_NUMBER.incrementAndGet();
        this.idleNanos = idleNanos;
        // Slot w starts at (w + 1) * SLOT: a slot's line never holds the array header or a neighbour's fields.
        this.slots = new int[(threads + 1) * SLOT];
        this.workerThreads = new Thread[threads - 1];
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
        if (n < 0) {
            throw new IllegalArgumentException("parallelFor: n must not be negative, got " + n);
        }
        if (n == 0) {
            return;
        }
        int count = Math.min(threads, n);
        if (count == 1 || !busy.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            this.body = body;
            this.size = n;
            this.ranges = count;
            failure.set(null);
            caller = Thread.currentThread();
            callerParked = false;
            int current = ++loop & Integer.MAX_VALUE;
            if (current == 0) {
                current = loop = 1;
            }
            for (int w = 0; w < count - 1; w++) {
                SLOTS.setVolatile(slots, (w + 1) * SLOT + OFFER, current);
                wake(w);
            }
            runRange(0, count);
            // Take back the ranges no worker has claimed yet rather than wait for a wake-up.
            for (int w = 0; w < count - 1; w++) {
                if (SLOTS.compareAndSet(slots, (w + 1) * SLOT + OFFER, current, -current)) {
                    runRange(w + 1, count);
                    SLOTS.setVolatile(slots, (w + 1) * SLOT + DONE, current);
                }
            }
            awaitWorkers(current, count - 1);
            rethrowFailure();
        } finally {
            this.body = null;
            busy.set(false);
        }
    }

    private void runRange(int r, int count) {
        try {
            if (failure.get() == null) {
                int from = (int) ((long) size * r / count);
                int to = (int) ((long) size * (r + 1) / count);
                body.run(from, to);
            }
        } catch (Throwable t) {
            if (!failure.compareAndSet(null, t)) {
                Throwable first = failure.get();
                if (first != t) {
                    first.addSuppressed(t);
                }
            }
        }
    }

    private boolean workersDone(int current, int workers) {
        for (int w = 0; w < workers; w++) {
            if ((int) SLOTS.getVolatile(slots, (w + 1) * SLOT + DONE) != current) {
                return false;
            }
        }
        return true;
    }

    private void awaitWorkers(int current, int workers) {
        if (workersDone(current, workers)) {
            return;
        }
        long deadline = System.nanoTime() + WAIT_SPIN_NANOS;
        for (int spins = 0; !workersDone(current, workers); spins++) {
            if ((spins & 63) == 0 && System.nanoTime() > deadline) {
                break;
            }
            Thread.onSpinWait();
        }
        // Workers write into the caller's arrays, so returning before they finish is never safe.
        boolean interrupted = false;
        callerParked = true;
        while (!workersDone(current, workers)) {
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

    /** Makes sure worker w will look at its slot soon: it is spinning, or is woken or started now. */
    private void wake(int w) {
        int at = (w + 1) * SLOT + STATE;
        while (true) {
            int state = (int) SLOTS.getVolatile(slots, at);
            if (state == RUNNING) {
                return;
            }
            if (SLOTS.compareAndSet(slots, at, state, RUNNING)) {
                if (state == PARKED) {
                    LockSupport.unpark(workerThreads[w]);
                } else {
                    start(w);
                }
                return;
            }
        }
    }

    private void start(int w) {
        try {
            Thread thread = new Thread(() -> work(w), name + "-worker-" + (w + 1));
            thread.setDaemon(true);
            workerThreads[w] = thread;
            thread.start();
        } catch (OutOfMemoryError | SecurityException e) {
            // No thread to be had: callers take back this worker's ranges and run them themselves.
            SLOTS.setVolatile(slots, (w + 1) * SLOT + STATE, STOPPED);
        }
    }

    /** A worker's life: claim and run the range offered in its slot, spin a while for the next, then park. */
    private void work(int w) {
        int offer = (w + 1) * SLOT + OFFER;
        int state = (w + 1) * SLOT + STATE;
        int last = -1;
        int seen = (int) SLOTS.getVolatile(slots, offer);
        long idleSince = System.nanoTime();
        while (true) {
            int current = (int) SLOTS.getVolatile(slots, offer);
            if (current > 0 && current != last) {
                last = current;
                if (SLOTS.compareAndSet(slots, offer, current, -current)) {
                    // The claim proves the loop's fields are this loop's: it cannot end before this range does.
                    runRange(w + 1, ranges);
                    SLOTS.setVolatile(slots, (w + 1) * SLOT + DONE, current);
                    if (callerParked) {
                        LockSupport.unpark(caller);
                    }
                }
            }
            if (current != seen) {
                // A loop came, whether or not this worker got to its range: loops are frequent, keep spinning.
                seen = (int) SLOTS.getVolatile(slots, offer);
                idleSince = System.nanoTime();
                continue;
            }
            if (spinFor(offer, seen, idleSince + SPIN_NANOS)) {
                continue;
            }
            SLOTS.setVolatile(slots, state, PARKED);
            if ((int) SLOTS.getVolatile(slots, offer) != seen) {
                // An offer came while going to sleep; whoever set RUNNING first, the thread is awake.
                SLOTS.setVolatile(slots, state, RUNNING);
                continue;
            }
            LockSupport.parkNanos(this, idleNanos);
            if ((int) SLOTS.getVolatile(slots, state) == PARKED
                    && System.nanoTime() - idleSince >= idleNanos
                    && SLOTS.compareAndSet(slots, state, PARKED, STOPPED)) {
                return;
            }
            SLOTS.setVolatile(slots, state, RUNNING);
        }
    }

    /** Spins until the slot at {@code offer} changes from {@code seen} (true) or until {@code deadline} (false). */
    private boolean spinFor(int offer, int seen, long deadline) {
        for (int spins = 0; ; spins++) {
            if ((int) SLOTS.getVolatile(slots, offer) != seen) {
                return true;
            }
            if ((spins & 63) == 0 && System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
    }
}
