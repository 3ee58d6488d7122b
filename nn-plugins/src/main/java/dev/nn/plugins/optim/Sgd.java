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
 * Stochastic gradient descent with optional momentum (and its dampening), Nesterov momentum and L2
 * weight decay, updating exactly as PyTorch's {@code torch.optim.SGD}, except that a subnormal
 * velocity is stored as zero (see {@link Engine#adamUpdate} for why). As in PyTorch, the first step
 * sets the velocity to the gradient itself, undampened.
 */
public final class Sgd extends SlotOptimizer {
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    /** PyTorch's dampening: later steps add {@code (1 - dampening) g} to the decayed velocity. */
    private final float dampening;
    /** {@code 1 - dampening}, in double first as PyTorch computes it. */
    private final float oneMinusDampening;
    // The arrays of the parameter being updated, read by the loop body, which is made once so a step allocates nothing.
    private float[] w;
    private float[] grad;
    private float[] v;
    private float lr;
    /** Whether this parameter's step dampens: it has a velocity from an earlier step and dampening is on. */
    private boolean dampen;

    private Engine engine;

    Sgd(double learningRate, double momentum, boolean nesterov, double weightDecay, double dampening) {
        // Plain SGD keeps nothing, so the velocity is only kept when momentum is used.
        super("sgd", learningRate, momentum != 0 ? List.of("velocity") : List.of(), List.of());
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.weightDecay = (float) weightDecay;
        this.dampening = (float) dampening;
        this.oneMinusDampening = (float) (1 - dampening);
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
            dampen = false;
            if (momentum != 0f) {
                // The first step's velocity is the gradient (the engine's update of a zero velocity),
                // so only later steps dampen.
                dampen = dampening != 0f && hasSlot(parameter);
                v = slot(parameter).arrays[0];
            }
            run(ctx, w.length);
        }
        w = null;
        grad = null;
        v = null;
        engine = null;
    }

    @Override
    void update(int from, int to) {
        if (!dampen) {
            engine.sgdUpdate(w, grad, v, lr, momentum, weightDecay, nesterov, from, to);
            return;
        }
        // PyTorch's buf.mul_(momentum).add_(g, alpha=1 - dampening); Nesterov never dampens.
        for (int i = from; i < to; i++) {
            float g = grad[i] + weightDecay * w[i];
            float vi = Engine.flushSubnormal(momentum * v[i] + oneMinusDampening * g);
            v[i] = vi;
            w[i] -= lr * vi;
        }
    }

    @Override
    String invalid(double[] scalars) {
        return null;
    }

    @Override
    public String toString() {
        return "sgd(lr=" + learningRate() + ", momentum=" + momentum + ", nesterov=" + nesterov + ", weight_decay="
                + weightDecay + ", dampening=" + dampening + ")";
    }

    /** The {@code sgd} provider. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "sgd";
        }

        @Override
        public String description() {
            return "stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay (as PyTorch's SGD)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("lr", "learning rate").defaultValue(0.01).above(0),
                    OptionSpec.number("momentum", "fraction of the previous update carried into the next")
                            .defaultValue(0.0)
                            .atLeast(0)
                            .below(1),
                    OptionSpec.number(
                                    "dampening",
                                    "fraction of the gradient held back from the velocity after the first step")
                            .defaultValue(0.0)
                            .atLeast(0)
                            .atMost(1),
                    OptionSpec.bool("nesterov", "use Nesterov momentum (needs momentum > 0 and dampening 0)")
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
            double dampening = options.number("dampening");
            if (nesterov && dampening != 0) {
                throw options.error(
                        "nesterov", "Nesterov momentum needs dampening 0 (as PyTorch); drop dampening or nesterov");
            }
            return new Sgd(options.number("lr"), momentum, nesterov, options.number("weight_decay"), dampening);
        }
    }
}
