package dev.nn.runner.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C while training: the first asks training to stop after the batch in progress and save a
 * checkpoint; a second ends the process at once (the previous checkpoint, written atomically, is
 * intact either way). Installed for the run only; the JVM's own handling comes back afterwards.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported, in every JDK): the JDK has no public way
 * to take over SIGINT without starting shutdown. Where the signal cannot be handled, or was
 * ignored when the process started (a background job), nothing changes.
 */
final class CtrlC implements AutoCloseable {
    private static final Signal INT = signal();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final PrintWriter err;
    private SignalHandler previous;

    private CtrlC(PrintWriter err) {
        this.err = err;
    }

    private static Signal signal() {
        try {
            return new Signal("INT");
        } catch (IllegalArgumentException | LinkageError e) {
            return null;
        }
    }

    /** Handles Ctrl-C until {@link #close}, telling the person what happens on {@code err}. */
    static CtrlC install(PrintWriter err) {
        CtrlC ctrlC = new CtrlC(err);
        if (INT == null) {
            return ctrlC;
        }
        try {
            ctrlC.previous = Signal.handle(INT, signal -> ctrlC.pressed());
            if (ctrlC.previous == SignalHandler.SIG_IGN) {
                // Started with SIGINT ignored (nohup, a background job): keep it that way.
                Signal.handle(INT, SignalHandler.SIG_IGN);
            }
        } catch (IllegalArgumentException e) {
            // The JVM keeps SIGINT for itself (-Xrs): Ctrl-C ends the process as usual.
            ctrlC.previous = null;
        }
        return ctrlC;
    }

    private void pressed() {
        if (!requested.compareAndSet(false, true)) {
            err.println("nn: stopped at once (second Ctrl-C); the last checkpoint saved is intact");
            err.flush();
            Runtime.getRuntime().halt(NnCommand.INTERRUPTED);
        }
        err.println("nn: Ctrl-C: stopping after this batch to save a checkpoint (Ctrl-C again to quit at once)");
        err.flush();
    }

    /** Whether Ctrl-C was pressed. */
    boolean requested() {
        return requested.get();
    }

    @Override
    public void close() {
        if (INT != null && previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
