package dev.nn.api;

/**
 * The outputs a loss is asked to train, for {@link Loss#cannotTrain}: how many the last layer has,
 * what values they can take, and how many classes the data's labels have.
 *
 * @param width   the number of outputs per example (the last layer's output size)
 * @param range   what the last layer's outputs can be ({@link OutputRange#UNKNOWN} when a layer does not say)
 * @param classes the number of classes of the data's labels, or 0 when the targets are values (regression)
 */
public record TrainedOutputs(int width, OutputRange range, int classes) {
    /**
     * Checks that a range is given.
     *
     * @param width   the number of outputs per example
     * @param range   what the last layer's outputs can be
     * @param classes the number of classes, or 0 for regression targets
     * @throws IllegalArgumentException when {@code range} is null
     */
    public TrainedOutputs {
        if (range == null) {
            throw new IllegalArgumentException("range is required; use OutputRange.UNKNOWN when nothing is known");
        }
    }
}
