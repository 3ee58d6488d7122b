package dev.nn.plugins.optim;

import dev.nn.api.Context;
import dev.nn.api.Engine;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
 * updating exactly as PyTorch's {@code torch.optim.SGD} (no dampening), except that a subnormal
 * velocity is stored as zero (see {@link Engine#adamUpdate} for why).
 */
public final class Sgd extends OneArrayOptimizer {
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    /** Arrays split over the engine's threads above this many elements. */
    private static final int PARALLEL_THRESHOLD = 1 << 15;
    // The arrays of the parameter being updated, read by the loop body, which is made once so a step allocates nothing.
    private float[] w;
    private float[] grad;
    private float[] v;
    private float lr;
    private final Engine.RangeBody update = this::update;
    private Engine engine;

    Sgd(double learningRate, double momentum, boolean nesterov, double weightDecay) {
        super("velocity", learningRate);
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public void step(List<Parameter> parameters, Context ctx) {
        lr = (float) learningRate();
        engine = ctx.engine();
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            w = parameter.value().data();
            grad = parameter.grad().data();
            v = null;
            if (momentum != 0f) {
                // Plain SGD needs no state, so the velocity is only made when momentum is used.
                v = array(parameter);
            }
            // Each element is updated on its own, so splitting the array over threads changes no bit.
            if (w.length >= PARALLEL_THRESHOLD) {
                engine.parallelFor(w.length, update);
            } else {
                update(0, w.length);
            }
        }
        w = null;
        grad = null;
        v = null;
        engine = null;
    }

    private void update(int from, int to) {
        engine.sgdUpdate(w, grad, v, lr, momentum, weightDecay, nesterov, from, to);
    }

    @Override
    public String toString() {
        return "sgd(lr=" + learningRate() + ", momentum=" + momentum + ", nesterov=" + nesterov + ", weight_decay="
                + weightDecay + ")";
    }

    /** The {@code sgd} provider. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "sgd";
        }

        @Override
        public String description() {
            return "stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay (as PyTorch's SGD)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("lr", "learning rate").defaultValue(0.01).above(0),
                    OptionSpec.number("momentum", "fraction of the previous update carried into the next")
                            .defaultValue(0.0)
                            .atLeast(0)
                            .below(1),
                    OptionSpec.bool("nesterov", "use Nesterov momentum (needs momentum > 0)")
                            .defaultValue(false),
                    OptionSpec.number("weight_decay", "L2 penalty added to the gradient as weight_decay * w")
                            .defaultValue(0.0)
                            .atLeast(0));
        }

        @Override
        public Optimizer create(Options options) {
            double momentum = options.number("momentum");
            boolean nesterov = options.bool("nesterov");
            if (nesterov && momentum == 0) {
                throw options.error(
                        "nesterov",
                        "Nesterov momentum needs momentum > 0; set momentum (0.9 is usual) or drop nesterov");
            }
            return new Sgd(options.number("lr"), momentum, nesterov, options.number("weight_decay"));
        }
    }
}
