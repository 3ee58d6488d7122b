package dev.nn.api;

/** The learning rate for each epoch, from the optimizer's base rate. */
@FunctionalInterface
public interface Schedule {

    /**
     * @param epoch       the epoch about to run, from 0
     * @param epochs      the number of epochs planned
     * @param baseRate    the optimizer's configured learning rate
     * @return the learning rate for {@code epoch}
     */
    double learningRate(int epoch, int epochs, double baseRate);
}
