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
                plain(w, grad, lr);
                continue;
            }
            // Plain SGD needs no state, so the velocity is only allocated when momentum is used.
            float[] v = velocities.get(parameter);
            if (v == null) {
                v = new float[w.length];
                velocities.put(parameter, v);
            }
            if (nesterov) {
                nesterov(w, grad, v, lr);
            } else {
                heavyBall(w, grad, v, lr);
            }
        }
    }

    // One simple loop per variant, so the JIT vectorises each (a branch inside the loop stopped it).

    private void plain(float[] w, float[] grad, float lr) {
        float wd = weightDecay;
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * (grad[i] + wd * w[i]);
        }
    }

    private void heavyBall(float[] w, float[] grad, float[] v, float lr) {
        float wd = weightDecay;
        float mu = momentum;
        for (int i = 0; i < w.length; i++) {
            float vi = mu * v[i] + (grad[i] + wd * w[i]);
            v[i] = vi;
            w[i] -= lr * vi;
        }
    }

    private void nesterov(float[] w, float[] grad, float[] v, float lr) {
        float wd = weightDecay;
        float mu = momentum;
        for (int i = 0; i < w.length; i++) {
            float g = grad[i] + wd * w[i];
            float vi = mu * v[i] + g;
            v[i] = vi;
            w[i] -= lr * (g + mu * vi);
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
