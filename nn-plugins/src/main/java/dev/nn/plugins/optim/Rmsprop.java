package dev.nn.plugins.optim;

import dev.nn.api.Context;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.List;

/**
 * RMSprop: divides each gradient by a running root mean square of recent gradients, updating as
 * PyTorch's {@code torch.optim.RMSprop} with {@code alpha = rho} (eps added outside the root,
 * no momentum, not centered).
 */
public final class Rmsprop extends OneArrayOptimizer {
    private final float rho;
    private final float oneMinusRho;
    private final float eps;

    Rmsprop(double learningRate, double rho, double eps) {
        super("mean_square", learningRate);
        this.rho = (float) rho;
        // In double first: 1 - 0.9f in float is not the nearest float to 0.1.
        this.oneMinusRho = (float) (1 - rho);
        this.eps = (float) eps;
    }

    @Override
    public void step(List<Parameter> parameters, Context ctx) {
        float lr = (float) learningRate();
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            float[] w = parameter.value().data();
            float[] grad = parameter.grad().data();
            float[] meanSquare = array(parameter);
            for (int i = 0; i < w.length; i++) {
                float g = grad[i];
                meanSquare[i] = rho * meanSquare[i] + oneMinusRho * g * g;
                w[i] -= lr * g / ((float) Math.sqrt(meanSquare[i]) + eps);
            }
        }
    }

    @Override
    public String toString() {
        return "rmsprop(lr=" + learningRate() + ", rho=" + rho + ", eps=" + eps + ")";
    }

    /** The {@code rmsprop} provider. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "rmsprop";
        }

        @Override
        public String description() {
            return "RMSprop: steps scaled by a running root mean square of gradients (as PyTorch's RMSprop)";
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
                            .above(0));
        }

        @Override
        public Optimizer create(Options options) {
            return new Rmsprop(options.number("lr"), options.number("rho"), options.number("eps"));
        }
    }
}
