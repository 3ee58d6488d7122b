package dev.nn.core.train;

import dev.nn.core.Network;

/**
 * Follows a training run: progress bars, logging, checkpoints and report writers implement the
 * methods they need. Called on the training thread; keep {@link #onBatchEnd} cheap, it runs for
 * every mini-batch.
 */
public interface TrainingListener {

    /** Before the first epoch. */
    default void onTrainStart(Network network, int epochs, int batchesPerEpoch) {
    }

    /** Before each epoch (from 1). */
    default void onEpochStart(int epoch) {
    }

    /** After each mini-batch's update, with that batch's mean loss. */
    default void onBatchEnd(int epoch, int batch, double loss) {
    }

    /** After each epoch, with its figures. */
    default void onEpochEnd(EpochStats stats) {
    }

    /** After the last epoch (or early stop), with the network holding its final weights. */
    default void onTrainEnd(History history) {
    }
}
