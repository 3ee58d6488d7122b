package dev.nn.plugins.loss;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
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
 *
 * <p>{@code pos_weight} weighs the positive targets, as PyTorch's {@code BCEWithLogitsLoss}:
 * {@code -[pw t log s + (1 - t) log(1 - s)]}, one weight for every output or one per output (a column).
 * On logits it is computed as PyTorch does, {@code (1 - t) z + (1 + (pw - 1) t) (log(1 + e^-|z|) +
 * max(-z, 0))}; on probabilities the same formula is applied to the clamped probability.
 */
public final class BinaryCrossEntropy implements Loss, OnnxExportable {
    private static final float CLAMP = 1e-7f;
    private final boolean fromLogits;
    private final float[] posWeight;

    /**
     * Binary cross-entropy, on logits or on probabilities.
     *
     * @param fromLogits whether the outputs are logits (a sigmoid is applied first)
     */
    public BinaryCrossEntropy(boolean fromLogits) {
        this(fromLogits, null);
    }

    /**
     * Binary cross-entropy with weighted positives.
     *
     * @param fromLogits whether the outputs are logits (a sigmoid is applied first)
     * @param posWeight  the positives' weight, one for every output or one per output; null for 1
     */
    public BinaryCrossEntropy(boolean fromLogits, float[] posWeight) {
        this.fromLogits = fromLogits;
        this.posWeight = posWeight == null ? null : posWeight.clone();
    }

    /** {@return the positives' weight for element {@code i} of a batch with {@code cols} outputs} */
    private double posWeight(int i, int cols) {
        if (posWeight.length == 1) {
            return posWeight[0];
        }
        if (posWeight.length != cols) {
            throw new IllegalArgumentException("binary_cross_entropy has " + posWeight.length
                    + " pos_weight values but the output has " + cols + " columns");
        }
        return posWeight[i % cols];
    }

    @Override
    public float forward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, "binary_cross_entropy");
        float[] y = output.data();
        float[] t = target.data();
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            if (posWeight != null) {
                double pw = posWeight(i, output.cols());
                if (fromLogits) {
                    double z = y[i];
                    double logWeight = 1 + (pw - 1) * t[i];
                    total += (1 - t[i]) * z + logWeight * (Math.log1p(Math.exp(-Math.abs(z))) + Math.max(-z, 0));
                } else {
                    double p = Math.min(Math.max(y[i], CLAMP), 1 - CLAMP);
                    total -= pw * t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p);
                }
            } else if (fromLogits) {
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
            if (posWeight != null) {
                // d/ds of the weighted loss is (s (1 - t + pw t) - pw t) / (s (1 - s)); times s (1 - s) on logits.
                double pw = posWeight(i, output.cols());
                double both = 1 - t[i] + pw * t[i];
                if (fromLogits) {
                    out[i] = (float) ((sigmoid(y[i]) * both - pw * t[i]) / y.length);
                } else {
                    double p = Math.min(Math.max(y[i], CLAMP), 1 - CLAMP);
                    out[i] = (float) ((p * both - pw * t[i]) / (p * (1 - p)) / y.length);
                }
            } else if (fromLogits) {
                out[i] = (sigmoid(y[i]) - t[i]) * scale;
            } else {
                float p = Math.min(Math.max(y[i], CLAMP), 1 - CLAMP);
                out[i] = (p - t[i]) / (p * (1 - p)) * scale;
            }
        }
        return g;
    }

    /** The ONNX form of {@link #toPrediction}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return fromLogits ? graph.node("Sigmoid", input) : input;
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
        if (posWeight != null && posWeight.length != 1 && posWeight.length != outputs.width()) {
            return "binary_cross_entropy's pos_weight has " + posWeight.length + " values, but the last layer has "
                    + outputs.width() + " outputs: give one value, or one per output";
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
            return List.of(
                    OptionSpec.bool(
                                    "from_logits",
                                    "the output is a logit (no sigmoid layer); false when the last layer is a sigmoid")
                            .defaultValue(true),
                    OptionSpec.list(
                            "pos_weight",
                            OptionSpec.number("weight", "the positives' weight").atLeast(0),
                            "the positive targets' weight, one for every output or one per output (as PyTorch's"
                                    + " BCEWithLogitsLoss); unset for 1"));
        }

        @Override
        public Loss create(Options options) {
            Object posWeight = options.get("pos_weight");
            return new BinaryCrossEntropy(
                    options.bool("from_logits"), posWeight == null ? null : SoftmaxCrossEntropy.floats(posWeight));
        }
    }
}
