package dev.nn.plugins.loss;

import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;

/**
 * The Huber loss, as PyTorch's {@code HuberLoss}: {@code 0.5 d²} where {@code |d| < δ},
 * {@code δ (|d| - 0.5 δ)} elsewhere, averaged over all outputs.
 */
public final class Huber extends ElementwiseLoss {
    private final double delta;

    /**
     * A Huber loss.
     *
     * @param delta where it turns from squared to linear, above 0
     */
    public Huber(double delta) {
        super("huber");
        this.delta = delta;
    }

    @Override
    double value(double d) {
        double z = Math.abs(d);
        return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta);
    }

    @Override
    double slope(double d) {
        return d <= -delta ? -delta : d >= delta ? delta : d;
    }

    /** The {@code huber} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "huber";
        }

        @Override
        public String description() {
            return "squared error for small differences, linear beyond delta (as PyTorch's HuberLoss)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("delta", "where the loss turns from squared to linear")
                    .defaultValue(1.0)
                    .above(0));
        }

        @Override
        public Loss create(Options options) {
            return new Huber(options.number("delta"));
        }
    }
}
