package dev.nn.plugins.optim;

import dev.nn.api.Context;
import dev.nn.api.Engine;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.Arrays;
import java.util.List;

/**
 * Adagrad: divides each gradient by the root of the sum of all its squares so far, so weights
 * with large past gradients take small steps; updates as PyTorch's {@code torch.optim.Adagrad}
 * (eps outside the root, the rate {@code lr / (1 + (t - 1) lr_decay)} at a parameter's step t, L2
 * weight decay added to the gradient, the sums starting at {@code initial_accumulator_value}).
 */
public final class Adagrad extends SlotOptimizer {
    private final double lrDecay;
    private final float eps;
    private final float weightDecay;
    private final float initialSum;
    // The parameter being updated, read by the loop body.
    private float[] w;
    private float[] grad;
    private float[] sum;
    private float negativeRate;

    Adagrad(double learningRate, double lrDecay, double eps, double weightDecay, double initialSum) {
        super("adagrad", learningRate, List.of("sum"), List.of("steps"));
        this.lrDecay = lrDecay;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
        this.initialSum = (float) initialSum;
    }

    @Override
    void start(Slot slot) {
        Arrays.fill(slot.arrays[0], initialSum);
    }

    @Override
    public void step(List<Parameter> parameters, Context ctx) {
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            w = parameter.value().data();
            grad = parameter.grad().data();
            Slot slot = slot(parameter);
            sum = slot.arrays[0];
            // Steps are counted per parameter, as in PyTorch.
            double steps = ++slot.scalars[0];
            negativeRate = (float) -(learningRate() / (1 + (steps - 1) * lrDecay));
            run(ctx, w.length);
        }
        w = null;
        grad = null;
        sum = null;
    }

    @Override
    void update(int from, int to) {
        for (int i = from; i < to; i++) {
            float g = grad[i] + weightDecay * w[i];
            float s = Engine.flushSubnormal(sum[i] + g * g);
            sum[i] = s;
            w[i] += negativeRate * g / ((float) Math.sqrt(s) + eps);
        }
    }

    @Override
    String invalid(double[] scalars) {
        return invalidSteps(scalars[0]);
    }

    @Override
    public String toString() {
        return "adagrad(lr=" + learningRate() + ", lr_decay=" + lrDecay + ", eps=" + eps + ", weight_decay="
                + weightDecay + ", initial_accumulator_value=" + initialSum + ")";
    }

    /** The {@code adagrad} provider. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "adagrad";
        }

        @Override
        public String description() {
            return "Adagrad: steps divided by the root of each weight's sum of squared gradients (as PyTorch's Adagrad)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("lr", "learning rate").defaultValue(0.01).above(0),
                    OptionSpec.number("eps", "added to the root of the sum to avoid division by zero")
                            .defaultValue(1e-10)
                            .above(0),
                    OptionSpec.number("lr_decay", "the rate at step t is lr / (1 + (t - 1) * lr_decay)")
                            .defaultValue(0.0)
                            .atLeast(0),
                    OptionSpec.number("weight_decay", "L2 penalty added to the gradient as weight_decay * w")
                            .defaultValue(0.0)
                            .atLeast(0),
                    OptionSpec.number("initial_accumulator_value", "what each sum of squared gradients starts at")
                            .defaultValue(0.0)
                            .atLeast(0));
        }

        @Override
        public Optimizer create(Options options) {
            return new Adagrad(
                    options.number("lr"),
                    options.number("lr_decay"),
                    options.number("eps"),
                    options.number("weight_decay"),
                    options.number("initial_accumulator_value"));
        }
    }
}
