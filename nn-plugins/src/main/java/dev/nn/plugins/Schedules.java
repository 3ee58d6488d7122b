package dev.nn.plugins;

import dev.nn.api.Spec;

/**
 * The built-in learning-rate schedules for the Java builder, as specs resolved through the plugin
 * registry like the same names under {@code train.schedule} in YAML. Each gives the rate for an
 * epoch (one_cycle: for a batch) from the optimizer's configured rate; a warm-up before any of them
 * but one_cycle and reduce_on_plateau is {@code TrainerBuilder.warmup}.
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

    /**
     * {@return PyTorch's OneCycleLR up to {@code maxLr}, set before every batch, with pct_start 0.3,
     * div_factor 25 and final_div_factor 1e4; the optimizer's own rate is ignored}
     *
     * @param maxLr the highest rate
     */
    public static Spec oneCycle(double maxLr) {
        return Spec.of("one_cycle").with("max_lr", maxLr);
    }

    /**
     * {@return PyTorch's OneCycleLR: from {@code maxLr / divFactor} up to {@code maxLr} over
     * {@code pctStart} of the batches, then down to {@code maxLr / divFactor / finalDivFactor}}
     *
     * @param maxLr          the highest rate
     * @param pctStart       the fraction of the batches spent raising the rate
     * @param divFactor      the starting rate is maxLr / divFactor
     * @param finalDivFactor the last rate is maxLr / divFactor / finalDivFactor
     */
    public static Spec oneCycle(double maxLr, double pctStart, double divFactor, double finalDivFactor) {
        return oneCycle(maxLr)
                .with("pct_start", pctStart)
                .with("div_factor", divFactor)
                .with("final_div_factor", finalDivFactor);
    }

    /**
     * {@return PyTorch's PolynomialLR over the planned epochs: the rate times (1 - epoch / epochs)^power}
     *
     * @param power the power of the decay; 1 is linear
     */
    public static Spec polynomial(double power) {
        return Spec.of("polynomial").with("power", power);
    }

    /**
     * {@return PyTorch's ReduceLROnPlateau with its defaults: val_loss, factor 0.1, patience 10,
     * relative threshold 1e-4, no cooldown, min_lr 0}
     */
    public static Spec reduceOnPlateau() {
        return Spec.of("reduce_on_plateau");
    }

    /**
     * {@return PyTorch's ReduceLROnPlateau: the rate times {@code factor} when {@code monitor} has not
     * improved for more than {@code patience} epochs}
     *
     * @param monitor  val_loss, val_accuracy, val_r2, val_mae, loss or accuracy (accuracies and R2 should rise)
     * @param factor   the factor of each reduction, in (0, 1)
     * @param patience epochs without improvement tolerated
     */
    public static Spec reduceOnPlateau(String monitor, double factor, int patience) {
        return reduceOnPlateau().with("monitor", monitor).with("factor", factor).with("patience", patience);
    }
}
