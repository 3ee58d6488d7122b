package dev.nn.testkit;

import dev.nn.api.Context;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.List;

/** The test kit's own optimizer, plain gradient descent, for training where nn-plugins is not on the class path. */
final class KitSgd implements Optimizer {
    private double learningRate;

    KitSgd(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void step(List<Parameter> parameters, Context ctx) {
        float rate = (float) learningRate;
        for (Parameter p : parameters) {
            float[] v = p.value().data();
            float[] g = p.grad().data();
            for (int i = 0; i < v.length; i++) {
                v[i] -= rate * g[i];
            }
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double rate) {
        this.learningRate = rate;
    }

    /** Registered as {@value TestRegistry#OPTIMIZER}. */
    static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return TestRegistry.OPTIMIZER;
        }

        @Override
        public String description() {
            return "the test kit's plain gradient descent";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("lr", "learning rate").defaultValue(0.01).above(0));
        }

        @Override
        public Optimizer create(Options options) {
            return new KitSgd(options.number("lr"));
        }
    }
}
