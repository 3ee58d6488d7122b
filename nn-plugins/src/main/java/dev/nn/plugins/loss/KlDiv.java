package dev.nn.plugins.loss;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;
import dev.nn.api.TrainedOutputs;

/**
 * The Kullback-Leibler divergence of the targets from the network's output, as PyTorch's
 * {@code KLDivLoss(reduction='batchmean')}: the output is taken as log-probabilities {@code x} (end
 * the network with {@code log_softmax}) and the targets as probabilities {@code t}, and the loss is
 * {@code sum(t (log t - x)) / rows}, with {@code t log t = 0} where {@code t = 0} (PyTorch's xlogy).
 * Predictions are the probabilities {@code exp(x)}.
 */
public final class KlDiv implements Loss, OnnxExportable {

    @Override
    public float forward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, "kl_div");
        float[] x = output.data();
        float[] t = target.data();
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            if (t[i] != 0f) {
                total += t[i] * (Math.log(t[i]) - x[i]);
            }
        }
        return (float) (total / output.rows());
    }

    @Override
    public Matrix backward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, "kl_div");
        Matrix g = ctx.buffer(this, "gradient", output.rows(), output.cols());
        float[] t = target.data();
        float[] out = g.data();
        double rows = output.rows();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (-t[i] / rows);
        }
        return g;
    }

    /** The ONNX form of {@link #toPrediction}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Exp", input);
    }

    @Override
    public void toPrediction(Matrix output, Context ctx) {
        float[] x = output.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.exp(x[i]);
        }
    }

    /**
     * Refuses a last layer whose outputs can be above 0, which cannot be log-probabilities: the loss
     * would push them up without end (a dense layer, a sigmoid, a softmax). Layers that do not say
     * their range are let through.
     */
    @Override
    public String cannotTrain(TrainedOutputs outputs) {
        if (outputs.range().isKnown() && outputs.range().max() > 0) {
            return "kl_div takes log-probabilities (each at most 0), but the last layer outputs values in "
                    + outputs.range() + ": end the network with log_softmax"
                    + (outputs.range().rowsSumToOne() ? " instead of softmax" : "");
        }
        return null;
    }

    /** The {@code kl_div} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "kl_div";
        }

        @Override
        public String description() {
            return "Kullback-Leibler divergence on log-probabilities (end with log_softmax), as PyTorch's"
                    + " KLDivLoss(reduction='batchmean')";
        }

        @Override
        public Loss create(Options options) {
            return new KlDiv();
        }
    }
}
