package dev.nn.plugins.loss;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.TrainedOutputs;
import java.util.List;

/**
 * Binary cross-entropy averaged over all elements, for 0/1 targets (one or several independent outputs).
 *
 * <p>With {@code from_logits} (the default) the output is a logit and the loss is computed as
 * {@code max(z, 0) - z t + log(1 + e^-|z|)}, which never overflows; otherwise the output must be
 * a probability (after a sigmoid layer) and is clamped to {@code [1e-7, 1 - 1e-7]}.
 */
public final class BinaryCrossEntropy implements Loss {
    private static final float CLAMP = 1e-7f;
    private final boolean fromLogits;

    /**
     * Binary cross-entropy, on logits or on probabilities.
     *
     * @param fromLogits whether the outputs are logits (a sigmoid is applied first)
     */
    public BinaryCrossEntropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    @Override
    public float forward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, "binary_cross_entropy");
        float[] y = output.data();
        float[] t = target.data();
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            if (fromLogits) {
                double z = y[i];
                total += Math.max(z, 0) - z * t[i] + Math.log1p(Math.exp(-Math.abs(z)));
            } else {
                double p = Math.min(Math.max(y[i], CLAMP), 1 - CLAMP);
                total -= t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p);
            }
        }
        return (float) (total / y.length);
    }

    @Override
    public Matrix backward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, "binary_cross_entropy");
        Matrix g = ctx.buffer(this, "gradient", output.rows(), output.cols());
        float[] y = output.data();
        float[] t = target.data();
        float[] out = g.data();
        float scale = 1f / y.length;
        for (int i = 0; i < y.length; i++) {
            if (fromLogits) {
                out[i] = (sigmoid(y[i]) - t[i]) * scale;
            } else {
                float p = Math.min(Math.max(y[i], CLAMP), 1 - CLAMP);
                out[i] = (p - t[i]) / (p * (1 - p)) * scale;
            }
        }
        return g;
    }

    @Override
    public void toPrediction(Matrix output, Context ctx) {
        if (fromLogits) {
            float[] y = output.data();
            for (int i = 0; i < y.length; i++) {
                y[i] = sigmoid(y[i]);
            }
        }
    }

    /**
     * Refuses probabilities given as logits (a sigmoid or softmax last, with {@code from_logits}: the
     * sigmoid is applied twice and no output can go below 0.5) and, without {@code from_logits},
     * a last layer whose outputs are known to leave [0, 1], where the clamp stops all learning.
     */
    @Override
    public String cannotTrain(TrainedOutputs outputs) {
        if (fromLogits && outputs.range().isWithin(0, 1)) {
            return "binary_cross_entropy takes logits (from_logits: true), but the last layer already outputs"
                    + " probabilities in " + outputs.range() + ": use {binary_cross_entropy: {from_logits: false}},"
                    + " or remove that last sigmoid (or softmax)";
        }
        if (!fromLogits && outputs.range().isKnown() && !outputs.range().isWithin(0, 1)) {
            return "binary_cross_entropy with from_logits: false needs probabilities in [0, 1], but the last layer"
                    + " outputs values in " + outputs.range() + ": end with activation: sigmoid, or use"
                    + " binary_cross_entropy (from_logits: true) on the logits";
        }
        return null;
    }

    private static float sigmoid(float z) {
        if (z >= 0) {
            return (float) (1 / (1 + Math.exp(-z)));
        }
        double e = Math.exp(z);
        return (float) (e / (1 + e));
    }

    /** The {@code binary_cross_entropy} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "binary_cross_entropy";
        }

        @Override
        public String description() {
            return "binary cross-entropy for 0/1 targets, averaged over all outputs";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.bool(
                            "from_logits",
                            "the output is a logit (no sigmoid layer); false when the last layer is a sigmoid")
                    .defaultValue(true));
        }

        @Override
        public Loss create(Options options) {
            return new BinaryCrossEntropy(options.bool("from_logits"));
        }
    }
}
