package dev.nn.core.train;

import dev.nn.api.ConfigException;
import dev.nn.api.OptimizerState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a training run stands, with everything besides the network's parameters and the data that
 * is needed to continue it exactly: a checkpoint saves this together with the parameters, and
 * {@link Trainer#resume} goes on from it to the same bits an uninterrupted run ends with.
 *
 * <p>Randomness needs no saved state: the shuffle of each epoch and the dropout masks of each batch
 * come from streams seeded by (seed, epoch, batch), so knowing the position is enough. The
 * learning-rate schedule is a function of the position too, unless it reacts to results (as
 * {@code reduce_on_plateau}): what such a schedule learned is {@code schedule}.
 *
 * @param seed         the run's seed (shuffling and dropout)
 * @param epochs       epochs planned
 * @param batchSize    examples per mini-batch
 * @param examples     training examples
 * @param epoch        the epoch in progress or next to run, from 1 ({@code epochs + 1} when all are done)
 * @param batch        batches of {@code epoch} already trained (0 at an epoch boundary)
 * @param partial      what the batches of {@code epoch} done so far added up to
 * @param history      the finished epochs
 * @param seconds      training time so far
 * @param stopping     early stopping's bookkeeping
 * @param learningRate the optimizer's learning rate when the state was taken (NaN when it has none)
 * @param optimizer    the optimizer's state
 * @param schedule     the schedule's state ({@link dev.nn.api.Schedule#state()}), empty for most
 */
public record TrainingState(
        long seed,
        int epochs,
        int batchSize,
        int examples,
        int epoch,
        int batch,
        PartialEpoch partial,
        List<EpochStats> history,
        double seconds,
        Stopping stopping,
        double learningRate,
        OptimizerState optimizer,
        Map<String, Double> schedule) {

    /**
     * Keeps a read-only copy of the history, and checks that the run is at an epoch from 1 and a batch from 0.
     *
     * @param seed         the run's seed (shuffling and dropout)
     * @param epochs       epochs planned
     * @param batchSize    examples per mini-batch
     * @param examples     training examples
     * @param epoch        the epoch in progress or next to run, from 1 ({@code epochs + 1} when all are done)
     * @param batch        batches of {@code epoch} already trained (0 at an epoch boundary)
     * @param partial      what the batches of {@code epoch} done so far added up to
     * @param history      the finished epochs
     * @param seconds      training time so far
     * @param stopping     early stopping's bookkeeping
     * @param learningRate the optimizer's learning rate when the state was taken (NaN when it has none)
     * @param optimizer    the optimizer's state
     * @param schedule     the schedule's state ({@link dev.nn.api.Schedule#state()}), empty for most
     */
    public TrainingState {
        Objects.requireNonNull(partial, "partial");
        schedule = Collections.unmodifiableMap(new LinkedHashMap<>(schedule));
        history = List.copyOf(history);
        Objects.requireNonNull(stopping, "stopping");
        Objects.requireNonNull(optimizer, "optimizer");
        if (epoch < 1 || batch < 0) {
            throw new IllegalArgumentException(
                    "a training state is at epoch >= 1 and batch >= 0, got epoch " + epoch + ", batch " + batch);
        }
        if (history.size() != epoch - 1) {
            throw new IllegalArgumentException("a training state at epoch " + epoch + " has " + (epoch - 1)
                    + " finished epochs, got " + history.size());
        }
    }

    /**
     * A state whose schedule keeps nothing (every schedule but one reacting to results).
     *
     * @param seed         the run's seed (shuffling and dropout)
     * @param epochs       epochs planned
     * @param batchSize    examples per mini-batch
     * @param examples     training examples
     * @param epoch        the epoch in progress or next to run, from 1 ({@code epochs + 1} when all are done)
     * @param batch        batches of {@code epoch} already trained (0 at an epoch boundary)
     * @param partial      what the batches of {@code epoch} done so far added up to
     * @param history      the finished epochs
     * @param seconds      training time so far
     * @param stopping     early stopping's bookkeeping
     * @param learningRate the optimizer's learning rate when the state was taken (NaN when it has none)
     * @param optimizer    the optimizer's state
     */
    public TrainingState(
            long seed,
            int epochs,
            int batchSize,
            int examples,
            int epoch,
            int batch,
            PartialEpoch partial,
            List<EpochStats> history,
            double seconds,
            Stopping stopping,
            double learningRate,
            OptimizerState optimizer) {
        this(
                seed,
                epochs,
                batchSize,
                examples,
                epoch,
                batch,
                partial,
                history,
                seconds,
                stopping,
                learningRate,
                optimizer,
                Map.of());
    }

    /**
     * The running sums of the epoch in progress.
     *
     * @param lossSum the sum over its batches of mean loss x batch size
     * @param correct training examples predicted right (classification)
     * @param seconds time spent on it
     */
    public record PartialEpoch(double lossSum, long correct, double seconds) {}

    /**
     * Early stopping's bookkeeping.
     *
     * @param bestValue   the best value of the monitored metric so far (NaN before the first)
     * @param bestEpoch   the epoch it was reached at (0 before the first)
     * @param sinceBest   epochs since then without improvement
     * @param stopped     whether early stopping has ended the run
     * @param bestWeights the parameters at the best epoch, in the network's order; empty when not kept
     */
    public record Stopping(double bestValue, int bestEpoch, int sinceBest, boolean stopped, List<float[]> bestWeights) {

        /**
         * Keeps a read-only copy of the best weights.
         *
         * @param bestValue   the best value of the monitored metric so far (NaN before the first)
         * @param bestEpoch   the epoch it was reached at (0 before the first)
         * @param sinceBest   epochs since then without improvement
         * @param stopped     whether early stopping has ended the run
         * @param bestWeights the parameters at the best epoch, in the network's order; empty when not kept
         */
        public Stopping {
            bestWeights = List.copyOf(bestWeights);
        }
    }

    /** {@return true when nothing is left to train: every epoch ran or early stopping ended the run} */
    public boolean finished() {
        return stopping.stopped() || epoch > epochs;
    }

    /**
     * Checks that a run with these figures can continue this state.
     *
     * @param runSeed    the run's seed
     * @param runEpochs  its epochs planned
     * @param runBatch   its batch size
     * @param runSize    its training examples
     * @param batches    its batches per epoch
     * @param parameters how many arrays early stopping keeps of the network: its parameters and buffers
     * @throws ConfigException at {@code checkpoint}, saying every figure that differs
     */
    public void requireFits(long runSeed, int runEpochs, int runBatch, int runSize, int batches, int parameters) {
        List<String> wrong = new ArrayList<>();
        compare(wrong, "seed", seed, runSeed);
        compare(wrong, "epochs", epochs, runEpochs);
        compare(wrong, "batch size", batchSize, runBatch);
        compare(wrong, "training examples", examples, runSize);
        if (epoch > runEpochs + 1 || batch >= Math.max(batches, 1)) {
            wrong.add(
                    "it stands at " + position() + " of a run of " + runEpochs + " epochs of " + batches + " batches");
        }
        if (!stopping.bestWeights().isEmpty() && stopping.bestWeights().size() != parameters) {
            wrong.add("it keeps best weights for " + stopping.bestWeights().size() + " arrays, the network has "
                    + parameters);
        }
        if (!wrong.isEmpty()) {
            throw new ConfigException(
                    "checkpoint", "the checkpoint does not belong to this training run: " + String.join("; ", wrong));
        }
    }

    private static void compare(List<String> wrong, String what, long saved, long now) {
        if (saved != now) {
            wrong.add("it was saved with " + what + " " + saved + ", this run has " + now);
        }
    }

    /** {@return "epoch 3, batch 17" or "the end of epoch 2": where this state stands, in words} */
    public String position() {
        return position(epoch, batch);
    }

    static String position(int epoch, int batch) {
        return batch == 0
                ? (epoch == 1 ? "the start of training" : "the end of epoch " + (epoch - 1))
                : "epoch " + epoch + ", batch " + batch;
    }
}
