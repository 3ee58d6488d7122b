package dev.nn.api;

import java.util.Map;

/**
 * The learning rate for each epoch (or, for a schedule that says {@link #perBatch()}, each batch),
 * from the optimizer's base rate.
 *
 * <p>A schedule is made for one training run and may keep state that changes as it goes (a
 * schedule reacting to the results, as {@code reduce_on_plateau}): such a schedule returns it from
 * {@link #state()} so that checkpoints keep it, and takes it back in {@link #restore}. Every method
 * but {@link #learningRate(int, int, double)} has a default (since SPI 1.4), so a schedule written
 * for an older SPI behaves as before: per epoch, stateless.
 */
@FunctionalInterface
public interface Schedule {

    /**
     * @param epoch       the epoch about to run, from 0
     * @param epochs      the number of epochs planned
     * @param baseRate    the optimizer's configured learning rate
     * @return the learning rate for {@code epoch}
     */
    double learningRate(int epoch, int epochs, double baseRate);

    /**
     * {@return true when the rate changes within an epoch: the trainer then asks
     * {@link #learningRate(int, int, int, int, double)} before every batch; false (the default)
     * asks once at the start of each epoch}
     *
     * @since SPI 1.4
     */
    default boolean perBatch() {
        return false;
    }

    /**
     * The learning rate for one batch; by default the rate of its epoch. The trainer calls it
     * before every batch when {@link #perBatch()} is true, and with {@code batch} 0 at the start of
     * each epoch otherwise.
     *
     * @param epoch           the epoch in progress, from 0
     * @param batch           the batch about to run within it, from 0
     * @param batchesPerEpoch the number of batches in every epoch
     * @param epochs          the number of epochs planned
     * @param baseRate        the optimizer's configured learning rate
     * @return the learning rate for that batch
     * @since SPI 1.4
     */
    default double learningRate(int epoch, int batch, int batchesPerEpoch, int epochs, double baseRate) {
        return learningRate(epoch, epochs, baseRate);
    }

    /**
     * {@return the figure this schedule reacts to in {@link #epochEnded}, one of {@code loss},
     * {@code val_loss}, {@code accuracy}, {@code val_accuracy}, {@code val_r2} and {@code val_mae},
     * so that the trainer can check the data provides it before training; null (the default) for a
     * schedule that only follows the position}
     *
     * @since SPI 1.4
     */
    default String monitor() {
        return null;
    }

    /**
     * Told after every epoch, once the figures are known and before the next epoch's rate is asked;
     * by default nothing happens.
     *
     * @param epoch   the epoch just finished, from 0
     * @param figures its {@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy},
     *                {@code val_r2} and {@code val_mae} (NaN when not measured, as accuracy for
     *                regression, R² and MAE for classification, or the validation figures without
     *                validation data)
     * @since SPI 1.4
     */
    default void epochEnded(int epoch, Map<String, Double> figures) {}

    /**
     * {@return what this schedule learned so far, by name, for a checkpoint: empty (the default)
     * for a schedule whose rate depends on the position alone}
     *
     * @since SPI 1.4
     */
    default Map<String, Double> state() {
        return Map.of();
    }

    /**
     * Takes back a {@link #state()} a checkpoint saved, so a resumed run goes on with the same
     * rates; by default ignores it.
     *
     * @param state what {@link #state()} returned, possibly empty (a checkpoint from an older nn)
     * @throws IllegalArgumentException when {@code state} is not one this schedule saves
     * @since SPI 1.4
     */
    default void restore(Map<String, Double> state) {}
}
