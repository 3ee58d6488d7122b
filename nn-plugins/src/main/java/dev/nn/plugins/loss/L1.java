package dev.nn.plugins.loss;

import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Options;

/** Mean absolute error, as PyTorch's {@code L1Loss}: {@code mean(|y - t|)}; its gradient at 0 is 0. */
public final class L1 extends ElementwiseLoss {

    /** The mean absolute error. */
    public L1() {
        super("l1");
    }

    @Override
    double value(double d) {
        return Math.abs(d);
    }

    @Override
    double slope(double d) {
        return Math.signum(d);
    }

    /** The {@code l1} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "l1";
        }

        @Override
        public String description() {
            return "mean absolute error over all outputs (as PyTorch's L1Loss)";
        }

        @Override
        public Loss create(Options options) {
            return new L1();
        }
    }
}
