package dev.nn.plugins.loss;

import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;

/**
 * The smooth L1 loss, as PyTorch's {@code SmoothL1Loss}: {@code 0.5 d² / β} where {@code |d| < β},
 * {@code |d| - 0.5 β} elsewhere, averaged over all outputs; {@code β = 0} is the L1 loss.
 */
public final class SmoothL1 extends ElementwiseLoss {
    private final double beta;

    /**
     * A smooth L1 loss.
     *
     * @param beta where it turns from squared to linear, at least 0
     */
    public SmoothL1(double beta) {
        super("smooth_l1");
        this.beta = beta;
    }

    @Override
    double value(double d) {
        double z = Math.abs(d);
        return z < beta ? 0.5 * z * z / beta : z - 0.5 * beta;
    }

    @Override
    double slope(double d) {
        // PyTorch's backward, to the letter: with beta 0 a difference of exactly 0 gets slope -1
        // (where l1's gets 0).
        return d <= -beta ? -1 : d >= beta ? 1 : d / beta;
    }

    /** The {@code smooth_l1} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "smooth_l1";
        }

        @Override
        public String description() {
            return "squared error divided by beta for small differences, absolute beyond beta (as PyTorch's SmoothL1Loss)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("beta", "where the loss turns from squared to linear; 0 is the L1 loss")
                    .defaultValue(1.0)
                    .atLeast(0));
        }

        @Override
        public Loss create(Options options) {
            return new SmoothL1(options.number("beta"));
        }
    }
}
