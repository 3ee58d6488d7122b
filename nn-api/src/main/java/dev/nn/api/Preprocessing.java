package dev.nn.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The fitted preprocessing of a model, in the order it is applied to raw inputs: one value that a
 * {@link Split} builds up, a network applies before predicting and a model file records.
 *
 * @param steps the fitted steps, in order; empty for none
 */
public record Preprocessing(List<FeatureTransform> steps) {

    /** No preprocessing: inputs go to the network as they are. */
    public static final Preprocessing NONE = new Preprocessing(List.of());

    /**
     * Keeps a read-only copy of the steps, after checking that each takes the features the one
     * before it gives.
     *
     * @param steps the fitted steps, in order
     */
    public Preprocessing {
        steps = List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).features() != steps.get(0).features()) {
                throw new IllegalArgumentException(
                        "preprocessing step " + i + " (" + steps.get(i).kind() + ") is for "
                                + steps.get(i).features() + " features, step 0 ("
                                + steps.get(0).kind() + ") for "
                                + steps.get(0).features());
            }
        }
    }

    /**
     * {@return this preprocessing followed by {@code step}}
     *
     * @param step the next fitted step
     */
    public Preprocessing then(FeatureTransform step) {
        List<FeatureTransform> all = new ArrayList<>(steps);
        all.add(step);
        return new Preprocessing(all);
    }

    /** {@return true when there are no steps} */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * {@return the number of features every step was fitted on, or -1 when there are none}
     */
    public int features() {
        return steps.isEmpty() ? -1 : steps.get(0).features();
    }

    /**
     * Checks that these steps were fitted on {@code features} features (nothing to check when there are none).
     *
     * @param features the number of inputs of the network the steps feed
     * @throws IllegalArgumentException naming the first step and both counts when they differ
     */
    public void requireFeatures(int features) {
        if (!steps.isEmpty() && features() != features) {
            FeatureTransform first = steps.get(0);
            throw new IllegalArgumentException("preprocessing '" + first.kind() + "' is for " + first.features()
                    + " features but the network takes " + features);
        }
    }

    /**
     * {@return a preprocessed copy of {@code raw} (one row per example); {@code raw} itself when there are no steps}
     *
     * @param raw inputs as they come, one row per example
     * @throws IllegalArgumentException if {@code raw} has another number of features than the steps were fitted on
     */
    public Matrix apply(Matrix raw) {
        if (steps.isEmpty()) {
            return raw;
        }
        Matrix x = raw.copy();
        applyInPlace(x);
        return x;
    }

    /**
     * Preprocesses {@code x} in place.
     *
     * @param x inputs, one row per example, overwritten with their preprocessed values
     * @throws IllegalArgumentException if {@code x} has another number of features than the steps were fitted on
     */
    public void applyInPlace(Matrix x) {
        for (FeatureTransform step : steps) {
            step.applyInPlace(x);
        }
    }

    @Override
    public String toString() {
        return steps.isEmpty()
                ? "none"
                : steps.stream().map(FeatureTransform::kind).toList().toString();
    }
}
