package dev.nn.plugins;

import dev.nn.api.Spec;

/**
 * The built-in learning-rate schedules for the Java builder, as specs resolved through the plugin
 * registry like the same names under {@code train.schedule} in YAML. Each gives the rate for an
 * epoch from the optimizer's configured rate.
 */
public final class Schedules {
    private Schedules() {}

    /** {@return the optimizer's rate every epoch} */
    public static Spec constant() {
        return Spec.of("constant");
    }

    /**
     * {@return the rate multiplied by {@code gamma} every {@code every} epochs}
     *
     * @param every how many epochs between reductions
     * @param gamma the factor
     */
    public static Spec step(int every, double gamma) {
        return Spec.of("step").with("every", every).with("gamma", gamma);
    }

    /**
     * {@return the rate multiplied by {@code gamma} every epoch}
     *
     * @param gamma the factor
     */
    public static Spec exponential(double gamma) {
        return Spec.of("exponential").with("gamma", gamma);
    }

    /**
     * {@return cosine annealing from the optimizer's rate down to {@code minLr} over the planned epochs}
     *
     * @param minLr the rate at the last epoch
     */
    public static Spec cosine(double minLr) {
        return Spec.of("cosine").with("min_lr", minLr);
    }
}
