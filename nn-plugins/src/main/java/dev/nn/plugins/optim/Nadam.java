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
 * NAdam: Adam with Nesterov momentum, updating as PyTorch's {@code torch.optim.NAdam}: the momentum
 * coefficient at step t is {@code μ_t = beta1 (1 - 0.96^(t momentum_decay) / 2)}, and the first
 * moment is bias-corrected by the product of the μ so far, which PyTorch keeps in float32 and
 * checkpoints keep as {@code mu_product} (the momentum term's correction uses that product times
 * {@code μ_t μ_{t+1}}, μ_t counted twice as in PyTorch 1.13's code). L2 weight decay is added to the gradient. Subnormal
 * moment estimates are stored as zero (see {@link Engine#adamUpdate} for why).
 */
public final class Nadam extends SlotOptimizer {
    private final double beta1;
    private final double beta2;
    private final double momentumDecay;
    private final Betas betas;
    private final float eps;
    private final float weightDecay;
    // The parameter being updated and this step's factors, read by the loop body.
    private float[] w;
    private float[] grad;
    private float[] m;
    private float[] v;
    private float correction2;
    private float gradientFactor;
    private float momentFactor;

    Nadam(double learningRate, double beta1, double beta2, double eps, double weightDecay, double momentumDecay) {
        super("nadam", learningRate, List.of("first", "second"), List.of("steps", "mu_product"));
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.momentumDecay = momentumDecay;
        this.betas = Betas.of(beta1, beta2);
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    void start(Slot slot) {
        slot.scalars[1] = 1;
    }

    @Override
    public void step(List<Parameter> parameters, Context ctx) {
        double lr = learningRate();
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            w = parameter.value().data();
            grad = parameter.grad().data();
            Slot slot = slot(parameter);
            m = slot.arrays[0];
            v = slot.arrays[1];
            // Steps are counted per parameter, as in PyTorch.
            double t = ++slot.scalars[0];
            double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
            double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
            // PyTorch's mu_product is a float32 tensor multiplied by the float32 of each μ.
            float product = (float) slot.scalars[1] * (float) mu;
            slot.scalars[1] = product;
            // PyTorch 1.13 multiplies by μ_t a second time here (mu_product * mu * mu_next after
            // mu_product *= mu); nn follows it so that its numbers are PyTorch's.
            float productNext = product * (float) mu * (float) muNext;
            correction2 = (float) (1 - Math.pow(beta2, t));
            gradientFactor = (float) (-lr * (1 - mu) / (1 - product));
            momentFactor = (float) (-lr * muNext / (1 - productNext));
            run(ctx, w.length);
        }
        w = null;
        grad = null;
        m = null;
        v = null;
    }

    @Override
    void update(int from, int to) {
        for (int i = from; i < to; i++) {
            float g = grad[i] + weightDecay * w[i];
            float mi = betas.first(m[i], g);
            float vi = betas.second(v[i], g);
            m[i] = mi;
            v[i] = vi;
            float denominator = (float) Math.sqrt(vi / correction2) + eps;
            // Two additions, as PyTorch's two addcdiv_ calls round after each.
            float once = w[i] + gradientFactor * g / denominator;
            w[i] = once + momentFactor * mi / denominator;
        }
    }

    @Override
    String invalid(double[] scalars) {
        String steps = invalidSteps(scalars[0]);
        if (steps != null) {
            return steps;
        }
        double product = scalars[1];
        if (!(product >= 0 && product <= 1) || product != (float) product) {
            return "needs a 'mu_product' (a float32) in [0, 1], got " + product;
        }
        return null;
    }

    @Override
    public String toString() {
        return "nadam(lr=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps
                + ", weight_decay=" + weightDecay + ", momentum_decay=" + momentumDecay + ")";
    }

    /** The {@code nadam} provider. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "nadam";
        }

        @Override
        public String description() {
            return "NAdam: Adam with Nesterov momentum and a decaying momentum schedule (as PyTorch's NAdam)";
        }

        @Override
        public List<OptionSpec> options() {
            List<OptionSpec> adam = new Adam.Provider().options();
            return List.of(
                    OptionSpec.number("lr", "learning rate").defaultValue(0.002).above(0),
                    adam.get(1),
                    adam.get(2),
                    adam.get(3),
                    adam.get(4),
                    OptionSpec.number(
                                    "momentum_decay",
                                    "how fast the momentum coefficient rises to beta1: 0.96^(t * this)")
                            .defaultValue(0.004)
                            .atLeast(0));
        }

        @Override
        public Optimizer create(Options options) {
            return new Nadam(
                    options.number("lr"),
                    options.number("beta1"),
                    options.number("beta2"),
                    options.number("eps"),
                    options.number("weight_decay"),
                    options.number("momentum_decay"));
        }
    }
}
