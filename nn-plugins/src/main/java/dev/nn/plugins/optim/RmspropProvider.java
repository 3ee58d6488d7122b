package dev.nn.plugins.optim;

import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Optimizer;
import dev.nn.api.Options;
import java.util.List;

/** Provides {@code rmsprop}: gradients divided by a running root mean square of recent gradients. */
public final class RmspropProvider implements OptimizerProvider {

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
                OptionSpec.number("rho", "decay rate of the running mean of squared gradients").defaultValue(0.9).atLeast(0).below(1),
                OptionSpec.number("eps", "added to the root mean square to avoid division by zero").defaultValue(1e-8).above(0));
    }

    @Override
    public Optimizer create(Options options) {
        return new Rmsprop(options.number("lr"), options.number("rho"), options.number("eps"));
    }
}
