package dev.nn.core.train;

import dev.nn.api.Schedule;

/**
 * The learning rate of every batch of one run: an optional {@link Warmup} over the first epochs,
 * then the schedule (or the optimizer's rate when there is none) with its epochs counted from the
 * end of the warm-up and the planned epochs less the warm-up's, as PyTorch's {@code SequentialLR}
 * restarts the next scheduler at 0. The trainer sets the rate from it; the golden tests hold it to
 * PyTorch.
 */
public final class RatePlan {
    private final Schedule schedule;
    private final Warmup warmup;
    private final int epochs;
    private final int batches;
    private final double baseRate;

    /**
     * @param schedule the schedule, or null for none
     * @param warmup   the warm-up, or null for none
     * @param epochs   the epochs planned
     * @param batches  the batches in every epoch
     * @param baseRate the optimizer's configured rate
     */
    public RatePlan(Schedule schedule, Warmup warmup, int epochs, int batches, double baseRate) {
        this.schedule = schedule;
        this.warmup = warmup;
        this.epochs = epochs;
        this.batches = batches;
        this.baseRate = baseRate;
    }

    /** {@return true when the rate is set before every batch rather than at the start of each epoch} */
    public boolean perBatch() {
        return schedule != null && schedule.perBatch();
    }

    /**
     * {@return the rate of batch {@code batch} of epoch {@code epoch}}
     *
     * @param epoch the epoch, from 0
     * @param batch the batch within it, from 0 (0 for a rate set per epoch)
     */
    public double rate(int epoch, int batch) {
        int warm = warmup == null ? 0 : warmup.epochs();
        if (epoch < warm) {
            return baseRate * warmup.factor(epoch);
        }
        return schedule == null
                ? baseRate
                : schedule.learningRate(epoch - warm, batch, batches, epochs - warm, baseRate);
    }
}
