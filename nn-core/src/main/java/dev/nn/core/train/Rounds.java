package dev.nn.core.train;

import dev.nn.api.Dataset;
import dev.nn.api.Optimizer;
import dev.nn.api.Spec;
import dev.nn.core.Network;
import java.util.function.IntToDoubleFunction;

/**
 * Where the batches of a training run are computed. {@link Trainer} keeps all the rest of a run (epochs,
 * learning rates, validation, early stopping, checkpoints, listeners, divergence and stop requests)
 * and asks its rounds for the batches, a round at a time. By default a round is one batch computed
 * on this machine; nn-spark's rounds compute them on a cluster, a batch's shards at a time (exact)
 * or several local steps per partition and then an average. A stop request, a checkpoint and a
 * resume fall between rounds.
 */
public interface Rounds extends AutoCloseable {

    /** {@return how many batches an epoch has} */
    int batches();

    /**
     * Runs the round that starts at batch {@code batch} (from 0) of epoch {@code epoch} (from 1): one
     * batch or more, never past the epoch's end. On return the network's parameters (and buffers) and
     * the optimizer's state are where training left them; when a batch did not update (its loss or
     * gradient was not finite) they are as they were before that batch's round, and the round ends there.
     *
     * @param epoch the epoch, from 1
     * @param batch the first batch of the round, from 0
     * @param rates the learning rate of each batch of the epoch (by its index), or null when the
     *              optimizer's rate stays as it is set
     * @return what the round did
     */
    Round run(int epoch, int batch, IntToDoubleFunction rates);

    /** Releases what the rounds hold (a cluster's cached data); the default holds nothing. */
    @Override
    default void close() {}

    /**
     * What one round did, batch by batch.
     *
     * @param losses  each batch's mean loss, the last one possibly not finite
     * @param rows    each batch's examples
     * @param correct how many training examples of the round's batches were predicted right (0 for regression)
     * @param updated false when the round's last batch made no update (its loss or gradient was not finite)
     */
    record Round(float[] losses, int[] rows, long correct, boolean updated) {
        /** {@return how many batches the round covered} */
        public int batches() {
            return losses.length;
        }
    }

    /**
     * What a run trains with, for {@link Factory#start}: everything its rounds need to compute the same
     * batches as on one machine.
     *
     * @param net       the network, trained in place
     * @param optimizer the run's optimizer (the one whose state a checkpoint saves)
     * @param optimizerSpec what the optimizer was made from, to make more of it elsewhere
     * @param step      the step of this machine: its clipping and shards are the run's
     * @param train     the training data
     * @param seed      the run's seed ({@link Trainer#epochOrder}, {@link Trainer#batchSeed})
     * @param rows      the rows of a full batch
     * @param shuffle   whether every epoch is reshuffled
     */
    record Run(
            Network net,
            Optimizer optimizer,
            Spec optimizerSpec,
            TrainingStep step,
            Dataset train,
            long seed,
            int rows,
            boolean shuffle) {}

    /** Makes the rounds of each run of a trainer ({@link TrainerBuilder#rounds}). */
    @FunctionalInterface
    interface Factory {
        /**
         * {@return the rounds of one run}
         *
         * @param run what the run trains with
         */
        Rounds start(Run run);
    }
}
