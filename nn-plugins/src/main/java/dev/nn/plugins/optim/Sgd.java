package dev.nn.plugins.optim;

import dev.nn.api.Context;
import dev.nn.api.Optimizer;
import dev.nn.api.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
 * updating exactly as PyTorch's {@code torch.optim.SGD} (no dampening).
 */
final class Sgd implements Optimizer {
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    private final Map<Parameter, float[]> velocities = new IdentityHashMap<>();
    private double learningRate;

    Sgd(double learningRate, double momentum, boolean nesterov, double weightDecay) {
        this.learningRate = learningRate;
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public void step(List<Parameter> parameters, Context ctx) {
        float lr = (float) learningRate;
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            float[] w = parameter.value().data();
            float[] grad = parameter.grad().data();
            if (momentum == 0f) {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * (grad[i] + weightDecay * w[i]);
                }
                continue;
            }
            // Plain SGD needs no state, so the velocity is only allocated when momentum is used.
            float[] v = velocities.get(parameter);
            if (v == null) {
                v = new float[w.length];
                velocities.put(parameter, v);
            }
            for (int i = 0; i < w.length; i++) {
                float g = grad[i] + weightDecay * w[i];
                v[i] = momentum * v[i] + g;
                w[i] -= lr * (nesterov ? g + momentum * v[i] : v[i]);
            }
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public String toString() {
        return "sgd(lr=" + learningRate + ", momentum=" + momentum + ", nesterov=" + nesterov
                + ", weight_decay=" + weightDecay + ")";
    }
}
