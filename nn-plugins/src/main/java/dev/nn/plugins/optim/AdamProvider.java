package dev.nn.plugins.optim;

import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Optimizer;
import dev.nn.api.Options;
import java.util.List;

/** Provides {@code adam}: Adam with bias-corrected moments and optional L2 weight decay. */
public final class AdamProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String description() {
        return "Adam: adaptive per-weight steps from running gradient moments (as PyTorch's Adam)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.number("lr", "learning rate").defaultValue(0.001).above(0),
                OptionSpec.number("beta1", "decay rate of the running mean of gradients").defaultValue(0.9).atLeast(0).below(1),
                OptionSpec.number("beta2", "decay rate of the running mean of squared gradients").defaultValue(0.999).atLeast(0).below(1),
                OptionSpec.number("eps", "added to the denominator to avoid division by zero").defaultValue(1e-8).above(0),
                OptionSpec.number("weight_decay", "L2 penalty added to the gradient as weight_decay * w").defaultValue(0.0).atLeast(0));
    }

    @Override
    public Optimizer create(Options options) {
        return new Adam(options.number("lr"), options.number("beta1"), options.number("beta2"),
                options.number("eps"), options.number("weight_decay"));
    }
}
