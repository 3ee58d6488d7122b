package dev.nn.plugins.optim;

import dev.nn.api.Context;
import dev.nn.api.Engine;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop: divides each gradient by a running root mean square of recent gradients, updating as
 * PyTorch's {@code torch.optim.RMSprop} with {@code alpha = rho} (eps added outside the root);
 * with {@code momentum} the scaled gradients accumulate in a buffer that is the step, and
 * {@code centered} subtracts the square of a running mean gradient (an estimate of the variance)
 * under the root. Subnormal running values are stored as zero (see {@link Engine#adamUpdate}).
 */
public final class Rmsprop extends SlotOptimizer {
    private static final String MEAN_SQUARE = "mean_square";
    private static final String MOMENTUM_BUFFER = "momentum_buffer";
    private static final String MEAN_GRADIENT = "mean_gradient";

    private final float rho;
    private final float oneMinusRho;
    private final float eps;
    private final float momentum;
    private final boolean centered;
    // The parameter being updated, read by the loop body.
    private float[] w;
    private float[] grad;
    private float[] meanSquare;
    private float[] buffer;
    private float[] meanGradient;
    private float lr;

    Rmsprop(double learningRate, double rho, double eps, double momentum, boolean centered) {
        super("rmsprop", learningRate, keys(momentum, centered), List.of());
        this.rho = (float) rho;
        // In double first: 1 - 0.9f in float is not the nearest float to 0.1.
        this.oneMinusRho = (float) (1 - rho);
        this.eps = (float) eps;
        this.momentum = (float) momentum;
        this.centered = centered;
    }

    /** The arrays kept: the mean square always (all a state saved before momentum and centered has). */
    private static List<String> keys(double momentum, boolean centered) {
        List<String> keys = new ArrayList<>(List.of(MEAN_SQUARE));
        if (momentum > 0) {
            keys.add(MOMENTUM_BUFFER);
        }
        if (centered) {
            keys.add(MEAN_GRADIENT);
        }
        return keys;
    }

    @Override
    public void step(List<Parameter> parameters, Context ctx) {
        lr = (float) learningRate();
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            w = parameter.value().data();
            grad = parameter.grad().data();
            Slot slot = slot(parameter);
            meanSquare = slot.arrays[0];
            buffer = momentum > 0 ? slot.arrays[1] : null;
            meanGradient = centered ? slot.arrays[slot.arrays.length - 1] : null;
            run(ctx, w.length);
        }
        w = null;
        grad = null;
        meanSquare = null;
        buffer = null;
        meanGradient = null;
    }

    @Override
    void update(int from, int to) {
        for (int i = from; i < to; i++) {
            float g = grad[i];
            float s = Engine.flushSubnormal(rho * meanSquare[i] + oneMinusRho * g * g);
            meanSquare[i] = s;
            float root;
            if (meanGradient != null) {
                float mg = Engine.flushSubnormal(rho * meanGradient[i] + oneMinusRho * g);
                meanGradient[i] = mg;
                root = (float) Math.sqrt(s - mg * mg) + eps;
            } else {
                root = (float) Math.sqrt(s) + eps;
            }
            if (buffer != null) {
                float b = Engine.flushSubnormal(momentum * buffer[i] + g / root);
                buffer[i] = b;
                w[i] -= lr * b;
            } else {
                w[i] -= lr * g / root;
            }
        }
    }

    @Override
    String invalid(double[] scalars) {
        return null;
    }

    @Override
    public String toString() {
        return "rmsprop(lr=" + learningRate() + ", rho=" + rho + ", eps=" + eps + ", momentum=" + momentum
                + ", centered=" + centered + ")";
    }

    /** The {@code rmsprop} provider. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "rmsprop";
        }

        @Override
        public String description() {
            return "RMSprop: steps scaled by a running root mean square of gradients, optionally with momentum and centered (as PyTorch's RMSprop)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("lr", "learning rate").defaultValue(0.001).above(0),
                    OptionSpec.number("rho", "decay rate of the running mean of squared gradients")
                            .defaultValue(0.9)
                            .atLeast(0)
                            .below(1),
                    OptionSpec.number("eps", "added to the root mean square to avoid division by zero")
                            .defaultValue(1e-8)
                            .above(0),
                    OptionSpec.number("momentum", "fraction of the previous step carried into the next (0: no buffer)")
                            .defaultValue(0.0)
                            .atLeast(0)
                            .below(1),
                    OptionSpec.bool(
                                    "centered",
                                    "divide by the root of the gradients' running variance instead of their mean square")
                            .defaultValue(false));
        }

        @Override
        public Optimizer create(Options options) {
            return new Rmsprop(
                    options.number("lr"),
                    options.number("rho"),
                    options.number("eps"),
                    options.number("momentum"),
                    options.bool("centered"));
        }
    }
}
