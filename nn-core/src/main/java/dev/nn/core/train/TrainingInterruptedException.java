package dev.nn.core.train;

/**
 * Training stopped between two batches because a stop was requested (Ctrl-C): the message says
 * where, and whether a checkpoint to resume from was written first.
 */
public class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;
    private final boolean checkpointSaved;

    public TrainingInterruptedException(String message, int epoch, int batch, boolean checkpointSaved) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
        this.checkpointSaved = checkpointSaved;
    }

    /** The epoch training stopped in, from 1. */
    public int epoch() {
        return epoch;
    }

    /** Batches of {@link #epoch()} that were trained before stopping. */
    public int batch() {
        return batch;
    }

    /** Whether a checkpoint of the state at the stop was written, so the run can be resumed. */
    public boolean checkpointSaved() {
        return checkpointSaved;
    }
}
