package dev.nn.core.train;

import java.util.List;

/**
 * The record of a training run: one {@link EpochStats} per epoch run, whether early stopping ended
 * it, which epoch's weights the network was left with, and how fast it went.
 *
 * @param bestEpoch   the epoch whose weights the network holds after training (the last, or the
 *                    best one when early stopping restored it)
 * @param examples    training examples processed (epochs x training set size)
 */
public record History(List<EpochStats> epochs, boolean stoppedEarly, int bestEpoch, double seconds, long examples) {

    /**
     * Keeps a read-only copy of the epochs.
     *
     * @param epochs       every epoch's figures, in order
     * @param stoppedEarly whether early stopping ended the run
     * @param bestEpoch    the epoch whose weights the network holds after training (the last, or the best one when early stopping restored it)
     * @param seconds      training time
     * @param examples     training examples processed (epochs x training set size)
     */
    public History {
        epochs = List.copyOf(epochs);
    }

    /** {@return the last epoch's figures} */
    public EpochStats last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch was run");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** {@return training throughput over the whole run} */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }
}
