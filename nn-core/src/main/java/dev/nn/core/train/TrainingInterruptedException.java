package dev.nn.core.train;

/**
 * Training stopped between two batches because a stop was requested (Ctrl-C): the message says
 * where, and whether a checkpoint to resume from was written first.
 */
public class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The epoch in progress when the run stopped. */
    private final int epoch;
    /** Batches of that epoch trained before stopping. */
    private final int batch;
    /** Whether a checkpoint of that point was saved. */
    private final boolean checkpointSaved;

    /**
     * A run stopped on request.
     *
     * @param message         what happened
     * @param epoch           the epoch in progress
     * @param batch           batches of it trained before stopping
     * @param checkpointSaved whether a checkpoint of that point was saved
     */
    public TrainingInterruptedException(String message, int epoch, int batch, boolean checkpointSaved) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
        this.checkpointSaved = checkpointSaved;
    }

    /**
     * {@return the exception for a run stopped on request before batch {@code batch + 1} of {@code epoch}}
     *
     * @param epoch           the epoch in progress
     * @param batch           batches of it trained before stopping
     * @param checkpointSaved whether a checkpoint of that point was saved
     */
    public static TrainingInterruptedException at(int epoch, int batch, boolean checkpointSaved) {
        String at = batch == 0 ? "before epoch " + epoch : "after batch " + batch + " of epoch " + epoch;
        return new TrainingInterruptedException(
                "training stopped " + at
                        + (checkpointSaved ? "; a checkpoint of this point was saved" : "; no checkpoint was saved"),
                epoch,
                batch,
                checkpointSaved);
    }

    /** {@return the epoch training stopped in, from 1} */
    public int epoch() {
        return epoch;
    }

    /** {@return batches of {@link #epoch()} that were trained before stopping} */
    public int batch() {
        return batch;
    }

    /** {@return whether a checkpoint of the state at the stop was written, so the run can be resumed} */
    public boolean checkpointSaved() {
        return checkpointSaved;
    }
}
