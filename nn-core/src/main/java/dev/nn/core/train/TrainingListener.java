package dev.nn.core.train;

import dev.nn.core.Network;

/**
 * Follows a training run: progress bars, logging, checkpoints and report writers implement the
 * methods they need. Called on the training thread; keep {@link #onBatchEnd} cheap, it runs for
 * every mini-batch.
 */
public interface TrainingListener {

    /**
     * Before the first epoch.
     *
     * @param network         the network being trained
     * @param epochs          the epochs planned
     * @param batchesPerEpoch the mini-batches per epoch
     */
    default void onTrainStart(Network network, int epochs, int batchesPerEpoch) {}

    /**
     * Before each epoch (from 1).
     *
     * @param epoch the epoch
     */
    default void onEpochStart(int epoch) {}

    /**
     * After each mini-batch's update, with that batch's mean loss.
     *
     * @param epoch the epoch
     * @param batch the batch, from 1
     * @param loss  the batch's mean loss
     */
    default void onBatchEnd(int epoch, int batch, double loss) {}

    /**
     * After each epoch, with its figures.
     *
     * @param stats the epoch's figures
     */
    default void onEpochEnd(EpochStats stats) {}

    /**
     * After the last epoch (or early stop), with the network holding its final weights.
     *
     * @param history every epoch's figures
     */
    default void onTrainEnd(History history) {}
}
