package dev.nn.plugins.optim;

import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Optimizer;
import dev.nn.api.Options;
import java.util.List;

/** Provides {@code sgd}: stochastic gradient descent with optional (Nesterov) momentum and weight decay. */
public final class SgdProvider implements OptimizerProvider {

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
                OptionSpec.number("momentum", "fraction of the previous update carried into the next").defaultValue(0.0).atLeast(0).below(1),
                OptionSpec.bool("nesterov", "use Nesterov momentum (needs momentum > 0)").defaultValue(false),
                OptionSpec.number("weight_decay", "L2 penalty added to the gradient as weight_decay * w").defaultValue(0.0).atLeast(0));
    }

    @Override
    public Optimizer create(Options options) {
        double momentum = options.number("momentum");
        boolean nesterov = options.bool("nesterov");
        if (nesterov && momentum == 0) {
            throw options.error("nesterov", "Nesterov momentum needs momentum > 0; set momentum (0.9 is usual) or drop nesterov");
        }
        return new Sgd(options.number("lr"), momentum, nesterov, options.number("weight_decay"));
    }
}
