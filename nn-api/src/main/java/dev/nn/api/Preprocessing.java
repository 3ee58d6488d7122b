package dev.nn.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The fitted preprocessing of a model: one value that a {@link Split} builds up, a network applies
 * when predicting and a model file records. In the order it is applied to raw inputs: a table's
 * {@link TableEncoding} (when the data is a table), then the affine feature {@link #steps()};
 * after the network, the inverse of the {@link #targetSteps()} that scaled regression targets for
 * training, so predictions come out in the targets' own units.
 *
 * @param table       the encoding of a raw table's columns into features, or null for data that is not a table
 * @param steps       the fitted feature steps, in order; empty for none
 * @param targetSteps the fitted scaling of regression targets, in order; empty for none
 */
public record Preprocessing(TableEncoding table, List<FeatureTransform> steps, List<FeatureTransform> targetSteps) {

    /** No preprocessing: inputs go to the network as they are. */
    public static final Preprocessing NONE = new Preprocessing(List.of());

    /**
     * Keeps read-only copies of the steps, after checking that each takes the features the one
     * before it gives (the table's encoded features, when there is a table), and that every target
     * step can be undone.
     *
     * @param table       the table encoding, or null
     * @param steps       the fitted feature steps, in order
     * @param targetSteps the fitted target steps, in order
     * @throws IllegalArgumentException naming the step that does not fit
     */
    public Preprocessing {
        steps = List.copyOf(steps);
        targetSteps = List.copyOf(targetSteps);
        int width = table != null
                ? table.width()
                : steps.isEmpty() ? -1 : steps.get(0).features();
        String first = table != null
                ? "the table encoding"
                : steps.isEmpty() ? "" : "step 0 (" + steps.get(0).kind() + ")";
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).features() != width) {
                throw new IllegalArgumentException(
                        "preprocessing step " + i + " (" + steps.get(i).kind() + ") is for "
                                + steps.get(i).features() + " features, " + first + " for " + width);
            }
        }
        for (int i = 0; i < targetSteps.size(); i++) {
            FeatureTransform t = targetSteps.get(i);
            if (t.features() != targetSteps.get(0).features()) {
                throw new IllegalArgumentException(
                        "target preprocessing step " + i + " (" + t.kind() + ") is for " + t.features()
                                + " targets, step 0 for " + targetSteps.get(0).features());
            }
            String why = t.whyNotInvertible();
            if (why != null) {
                throw new IllegalArgumentException("target preprocessing step " + i + " (" + t.kind()
                        + ") cannot be undone, so predictions could not be given in the targets' units: " + why);
            }
        }
    }

    /**
     * Feature steps only (no table, no target scaling).
     *
     * @param steps the fitted steps, in order
     */
    public Preprocessing(List<FeatureTransform> steps) {
        this(null, steps, List.of());
    }

    /**
     * {@return this preprocessing followed by {@code step}}
     *
     * @param step the next fitted feature step
     */
    public Preprocessing then(FeatureTransform step) {
        List<FeatureTransform> all = new ArrayList<>(steps);
        all.add(step);
        return new Preprocessing(table, all, targetSteps);
    }

    /**
     * {@return this preprocessing with {@code encoding} as its table stage, applied before the feature steps}
     *
     * @param encoding the fitted table encoding, or null for none
     */
    public Preprocessing withTable(TableEncoding encoding) {
        return new Preprocessing(encoding, steps, targetSteps);
    }

    /**
     * {@return this preprocessing with {@code step} added to the scaling of the targets}
     *
     * @param step a step fitted on the training part's targets
     */
    public Preprocessing thenTargets(FeatureTransform step) {
        List<FeatureTransform> all = new ArrayList<>(targetSteps);
        all.add(step);
        return new Preprocessing(table, steps, all);
    }

    /**
     * {@return this preprocessing with {@code scaling} as the scaling of the targets}
     *
     * @param scaling the fitted target steps, in order; empty for none
     */
    public Preprocessing withTargetSteps(List<FeatureTransform> scaling) {
        return new Preprocessing(table, steps, scaling);
    }

    /** {@return true when there are no feature steps (there may still be a table encoding or target scaling)} */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** {@return true when there is a table encoding} */
    public boolean hasTable() {
        return table != null;
    }

    /** {@return true when regression targets are scaled for training} */
    public boolean scalesTargets() {
        return !targetSteps.isEmpty();
    }

    /**
     * {@return the number of features the steps take (the table's encoded width when there is a
     * table), or -1 when there are neither}
     */
    public int features() {
        return table != null
                ? table.width()
                : steps.isEmpty() ? -1 : steps.get(0).features();
    }

    /** {@return the number of targets the target steps were fitted on, or -1 when there are none} */
    public int targets() {
        return targetSteps.isEmpty() ? -1 : targetSteps.get(0).features();
    }

    /**
     * Checks that these steps were fitted on {@code features} features (nothing to check when there are none).
     *
     * @param features the number of inputs of the network the steps feed
     * @throws IllegalArgumentException naming the first step and both counts when they differ
     */
    public void requireFeatures(int features) {
        if (table != null && table.width() != features) {
            throw new IllegalArgumentException(
                    "the table encoding gives " + table.width() + " features but the network takes " + features);
        }
        if (!steps.isEmpty() && features() != features) {
            FeatureTransform first = steps.get(0);
            throw new IllegalArgumentException("preprocessing '" + first.kind() + "' is for " + first.features()
                    + " features but the network takes " + features);
        }
    }

    /**
     * Checks that the target steps were fitted on {@code outputs} targets (nothing to check when there are none).
     *
     * @param outputs the number of outputs of the network
     * @throws IllegalArgumentException naming the first target step and both counts when they differ
     */
    public void requireTargets(int outputs) {
        if (!targetSteps.isEmpty() && targets() != outputs) {
            throw new IllegalArgumentException(
                    "target preprocessing '" + targetSteps.get(0).kind() + "' is for " + targets()
                            + " targets but the network has " + outputs + " outputs");
        }
    }

    /**
     * {@return a copy of {@code x} (one row per example) with the feature steps applied; {@code x}
     * itself when there are none} For a table, {@code x} holds encoded rows ({@link TableEncoding}
     * makes them from raw ones); the table stage is {@link #apply(Dataset)}'s.
     *
     * @param x inputs as the feature steps take them, one row per example
     * @throws IllegalArgumentException if {@code x} has another number of features than the steps were fitted on
     */
    public Matrix apply(Matrix x) {
        if (steps.isEmpty()) {
            return x;
        }
        Matrix copy = x.copy();
        applyInPlace(copy);
        return copy;
    }

    /**
     * Applies the feature steps to {@code x} in place (the table stage changes the width, so it is {@link #apply(Dataset)}'s).
     *
     * @param x inputs as the feature steps take them, one row per example, overwritten with their preprocessed values
     * @throws IllegalArgumentException if {@code x} has another number of features than the steps were fitted on
     */
    public void applyInPlace(Matrix x) {
        for (FeatureTransform step : steps) {
            step.applyInPlace(x);
        }
    }

    /**
     * {@return {@code data} as the network's layers take it (a copy): a raw table encoded, then the feature steps}
     * Targets are left in their own units.
     *
     * @param data a raw table when there is a table encoding, else examples with the features the steps take
     * @throws IllegalArgumentException when there is a table encoding but {@code data} is not a raw table
     */
    public Dataset apply(Dataset data) {
        Dataset d = data;
        if (table != null) {
            if (d.table().isEmpty()) {
                throw new IllegalArgumentException(
                        d.name() + " is not a raw table, but the preprocessing starts with a table encoding");
            }
            d = table.apply(d);
        }
        if (steps.isEmpty()) {
            return d;
        }
        Matrix x = d.features().copy();
        applyInPlace(x);
        return d.withFeatures(x);
    }

    /**
     * Scales regression targets in place, as the loss sees them in training.
     *
     * @param targets target rows in their own units, overwritten with the scaled values
     */
    public void scaleTargetsInPlace(Matrix targets) {
        for (FeatureTransform step : targetSteps) {
            step.applyInPlace(targets);
        }
    }

    /**
     * Undoes the target scaling in place: network outputs back to the targets' units.
     *
     * @param outputs scaled values, one row per example, overwritten with values in the targets' units
     */
    public void unscaleTargetsInPlace(Matrix outputs) {
        for (int i = targetSteps.size() - 1; i >= 0; i--) {
            targetSteps.get(i).invertInPlace(outputs);
        }
    }

    @Override
    public String toString() {
        if (table == null && steps.isEmpty() && targetSteps.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (table != null) {
            parts.add(table.toString());
        }
        steps.forEach(s -> parts.add(s.kind()));
        String text = parts.toString();
        if (!targetSteps.isEmpty()) {
            text += " targets "
                    + targetSteps.stream().map(FeatureTransform::kind).toList();
        }
        return text;
    }
}
