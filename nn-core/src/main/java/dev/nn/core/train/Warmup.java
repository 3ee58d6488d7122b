package dev.nn.core.train;

import dev.nn.api.OptionSpec;
import dev.nn.core.registry.OptionChecker;
import java.util.Map;

/**
 * A linear warm-up of the learning rate over the first {@code epochs} epochs, as PyTorch's
 * {@code LinearLR(start_factor, end_factor=1, total_iters=epochs)} chained to the main schedule by
 * {@code SequentialLR(milestones=[epochs])}: epoch {@code e < epochs} runs at {@code lr *
 * (startFactor + (1 - startFactor) * e / epochs)}, and from then on the main schedule (or the
 * optimizer's rate when there is none) runs as if training had started there, its epochs counted
 * from 0 and the planned epochs less the warm-up's.
 *
 * <p>It does not combine with a schedule that sets the rate every batch ({@code one_cycle} warms up
 * itself through {@code pct_start}) or one that reacts to results ({@code reduce_on_plateau}, which
 * PyTorch's {@code SequentialLR} cannot chain either): the trainer refuses both.
 *
 * @param epochs      epochs of warm-up, at least 1
 * @param startFactor the fraction of the rate the first epoch runs at, in (0, 1]
 */
public record Warmup(int epochs, double startFactor) {
    /** Its settings, as a pipeline's {@code train.warmup} section declares them. */
    public static final OptionSpec OPTIONS = OptionSpec.section(
            "warmup",
            "raise the learning rate linearly over the first epochs, then run the schedule (PyTorch's LinearLR"
                    + " chained by SequentialLR); not with one_cycle or reduce_on_plateau; default: none",
            OptionSpec.integer("epochs", "epochs of warm-up; the schedule starts after them")
                    .required()
                    .atLeast(1),
            OptionSpec.number("start_factor", "the fraction of the learning rate the first epoch runs at")
                    .defaultValue(0.1)
                    .above(0)
                    .atMost(1));

    /**
     * Checks the settings against {@link #OPTIONS}.
     *
     * @param epochs      epochs of warm-up, at least 1
     * @param startFactor the fraction of the rate the first epoch runs at, in (0, 1]
     * @throws dev.nn.api.ConfigException naming each bad setting ({@code warmup.start_factor})
     */
    public Warmup {
        OptionChecker.checked(null, OPTIONS, Map.of("epochs", epochs, "start_factor", startFactor), OPTIONS.name());
    }

    /**
     * {@return the factor of the base rate at {@code epoch}, PyTorch's closed form of LinearLR; 1 from
     * the end of the warm-up on}
     *
     * @param epoch the epoch, from 0
     */
    public double factor(int epoch) {
        return startFactor + (1.0 - startFactor) * Math.min(epochs, epoch) / epochs;
    }
}
