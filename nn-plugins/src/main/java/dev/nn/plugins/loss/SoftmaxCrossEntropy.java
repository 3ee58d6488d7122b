package dev.nn.plugins.loss;

import dev.nn.api.Context;
import dev.nn.api.Dataset;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.TrainedOutputs;
import dev.nn.plugins.layers.Softmax;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Softmax and cross-entropy fused, on logits: {@code -sum(t * log softmax(z))} averaged over the
 * batch, computed with log-sum-exp so large logits neither overflow nor lose precision. Its
 * gradient is simply {@code (softmax(z) - t) / rows}. Targets may be one-hot or any distribution.
 *
 * <p>As PyTorch's {@code CrossEntropyLoss}, it can smooth the labels and weigh the classes. With
 * {@code label_smoothing} ε the target becomes {@code (1 - ε) t + ε / C}; with class weights
 * {@code w} each class's term is multiplied by {@code w_c} and the sum is divided by the examples'
 * total weight {@code Σ_i Σ_c w_c t_ic} (for one-hot rows, {@code Σ_i w_y}) instead of their number,
 * which is PyTorch 1.13's weighted mean, its smoothing term weighted the same way:
 * {@code Σ_i Σ_c w_c ((1 - ε) t_ic + ε / C) (-log softmax(z_i)_c) / Σ_i w_(y_i)}.
 */
public final class SoftmaxCrossEntropy implements Loss, OnnxExportable {
    private final double smoothing;
    private final float[] weights;
    private final boolean unfitted;

    /** Softmax cross-entropy with no smoothing and no class weights. */
    public SoftmaxCrossEntropy() {
        this(0, null);
    }

    /**
     * Softmax cross-entropy with label smoothing and class weights.
     *
     * @param labelSmoothing the mass ε in [0, 1) spread evenly over the classes
     * @param classWeights   one weight (at least 0) per class, or null for all 1
     */
    public SoftmaxCrossEntropy(double labelSmoothing, float[] classWeights) {
        this(labelSmoothing, classWeights == null ? null : classWeights.clone(), false);
    }

    private SoftmaxCrossEntropy(double labelSmoothing, float[] classWeights, boolean unfitted) {
        this.smoothing = labelSmoothing;
        this.weights = classWeights;
        this.unfitted = unfitted;
    }

    /** Whether the plain path applies: no smoothing, no weights, bit for bit as before they existed. */
    private boolean plain() {
        return smoothing == 0 && weights == null;
    }

    private void requireFitted(int cols) {
        if (unfitted) {
            throw new IllegalStateException("softmax_cross_entropy's class_weights: balanced are worked out from"
                    + " the training labels when training starts (Trainer.fit, nn train); this loss has not seen"
                    + " them yet: train the network first, or give the weights as a list");
        }
        if (weights != null && weights.length != cols) {
            throw new IllegalArgumentException("softmax_cross_entropy has " + weights.length
                    + " class weights but the output has " + cols + " classes");
        }
    }

    /** {@code w_c ((1 - ε) t_c + ε / C)}: how much class {@code c}'s -log softmax counts in a row. */
    private double coefficient(float t, int c, int cols) {
        double smoothed = smoothing == 0 ? t : (1 - smoothing) * t + smoothing / cols;
        return weights == null ? smoothed : weights[c] * smoothed;
    }

    /** {@return the forward value's divisor: the rows, or their total weight {@code Σ_i Σ_c w_c t_ic}} */
    private double divisor(float[] t, int rows, int cols) {
        if (weights == null) {
            return rows;
        }
        double total = 0;
        for (int i = 0; i < rows * cols; i++) {
            total += (double) weights[i % cols] * t[i];
        }
        return total;
    }

    /** {@return the total weight {@code Σ_i Σ_c w_c t_ic} of the rows' classes, or the rows without class weights} */
    @Override
    public double weight(Matrix target) {
        return divisor(target.data(), target.rows(), target.cols());
    }

    @Override
    public float forward(Matrix logits, Matrix target, Context ctx) {
        logits.requireSameShape(target, "softmax_cross_entropy");
        int rows = logits.rows();
        int cols = logits.cols();
        requireFitted(cols);
        boolean plain = plain();
        float[] z = logits.data();
        float[] t = target.data();
        // The softmax is kept with a copy of the logits it came from, so that backward and
        // toPrediction on the same logits (a training step, its accuracy) need no second exp.
        float[] p = ctx == null ? null : kept(ctx, rows, cols).data();
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, z[off + c]);
            }
            double sum = 0;
            double floatSum = 0;
            for (int c = 0; c < cols; c++) {
                double e = Math.exp(z[off + c] - max);
                sum += e;
                if (p != null) {
                    // As Softmax.softmaxRows computes it, to the bit.
                    float rounded = (float) e;
                    p[off + c] = rounded;
                    floatSum += rounded;
                }
            }
            if (p != null) {
                float inv = (float) (1 / floatSum);
                for (int c = 0; c < cols; c++) {
                    p[off + c] *= inv;
                }
            }
            double logSum = max + Math.log(sum);
            for (int c = 0; c < cols; c++) {
                if (plain) {
                    if (t[off + c] != 0f) {
                        total -= t[off + c] * (z[off + c] - logSum);
                    }
                } else {
                    double a = coefficient(t[off + c], c, cols);
                    if (a != 0) {
                        total -= a * (z[off + c] - logSum);
                    }
                }
            }
        }
        if (p != null) {
            int n = rows * cols;
            System.arraycopy(z, 0, p, n, n);
            p[2 * n] = 1f;
        }
        return (float) (total / (plain ? rows : divisor(t, rows, cols)));
    }

    /**
     * The buffer forward keeps: the softmax in its first {@code rows} rows, the logits it came from
     * in the next {@code rows}, then a row whose first element is 1 once forward has filled it. One
     * buffer, so the three can never come from different calls.
     */
    private Matrix kept(Context ctx, int rows, int cols) {
        return ctx.buffer(this, "softmax", 2 * rows + 1, cols);
    }

    /** The softmax forward kept if {@code logits} holds exactly the logits it came from, else null. */
    private float[] keptSoftmax(Matrix logits, Context ctx) {
        if (ctx == null) {
            return null;
        }
        float[] k = kept(ctx, logits.rows(), logits.cols()).data();
        int n = logits.rows() * logits.cols();
        boolean same = k[2 * n] == 1f && Arrays.equals(logits.data(), 0, n, k, n, 2 * n);
        return same ? k : null;
    }

    @Override
    public Matrix backward(Matrix logits, Matrix target, Context ctx) {
        logits.requireSameShape(target, "softmax_cross_entropy");
        Matrix g = ctx.buffer(this, "gradient", logits.rows(), logits.cols());
        float[] out = g.data();
        float[] kept = keptSoftmax(logits, ctx);
        if (kept != null) {
            System.arraycopy(kept, 0, out, 0, out.length);
        } else {
            Softmax.softmaxRows(logits.data(), out, logits.rows(), logits.cols());
        }
        float[] t = target.data();
        int rows = logits.rows();
        int cols = logits.cols();
        requireFitted(cols);
        if (plain()) {
            float scale = 1f / rows;
            for (int i = 0; i < out.length; i++) {
                out[i] = (out[i] - t[i]) * scale;
            }
            return g;
        }
        // d/dz_c of sum_c a_c (-log softmax(z)_c) is softmax(z)_c * sum(a) - a_c.
        double divisor = divisor(t, rows, cols);
        double[] a = new double[cols];
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                a[c] = coefficient(t[off + c], c, cols);
                sum += a[c];
            }
            for (int c = 0; c < cols; c++) {
                out[off + c] = (float) ((out[off + c] * sum - a[c]) / divisor);
            }
        }
        return g;
    }

    /** The ONNX form of {@link #toPrediction}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Softmax", Map.of("axis", -1), input);
    }

    @Override
    public void toPrediction(Matrix output, Context ctx) {
        float[] kept = keptSoftmax(output, ctx);
        if (kept != null) {
            System.arraycopy(kept, 0, output.data(), 0, output.rows() * output.cols());
        } else {
            Softmax.softmaxRows(output.data(), output.data(), output.rows(), output.cols());
        }
    }

    /**
     * Refuses a softmax as the last layer (the loss applies one itself: two in a row barely learn)
     * and a single output, whose softmax is always 1: the loss is 0 whatever the weights.
     */
    @Override
    public String cannotTrain(TrainedOutputs outputs) {
        if (outputs.range().rowsSumToOne()) {
            return "softmax_cross_entropy applies the softmax itself, but the last layer already is a softmax: remove"
                    + " that softmax layer (or activation: softmax) so that the loss gets the logits";
        }
        if (outputs.width() == 1) {
            return outputs.classes() > 0
                    ? "softmax_cross_entropy needs one output per class (" + outputs.classes()
                            + "); the last layer has 1:"
                            + " use dense: {units: " + outputs.classes() + "}"
                            + (outputs.classes() == 2 ? ", or binary_cross_entropy with 1 output" : "")
                    : "softmax_cross_entropy needs one output per class, and the softmax of 1 output is always 1: for"
                            + " values to predict use mse";
        }
        return null;
    }

    /**
     * scikit-learn's balanced class weights {@code n / (C * count_c)} of the labels.
     *
     * @param train   the training data
     * @param options the loss's options, whose path the error names
     * @return one weight per class
     * @throws dev.nn.api.ConfigException naming a class no training example has
     */
    static List<Double> balanced(Dataset train, Options options) {
        int[] counts = train.classCounts();
        List<Double> weights = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw options.error(
                        "class_weights",
                        "balanced weights need every class in the training data, but class " + c + " ('"
                                + train.classNames().get(c) + "') has no training example: give the weights as"
                                + " a list");
            }
            weights.add((double) train.size() / ((double) counts.length * counts[c]));
        }
        return weights;
    }

    /** The {@code softmax_cross_entropy} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "softmax_cross_entropy";
        }

        @Override
        public String description() {
            return "softmax and cross-entropy fused; the last layer outputs logits (no softmax layer)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("label_smoothing", "mass spread evenly over the classes (as PyTorch's)")
                            .defaultValue(0.0)
                            .atLeast(0)
                            .below(1),
                    OptionSpec.list(
                                    "class_weights",
                                    OptionSpec.number("weight", "a class's weight")
                                            .atLeast(0),
                                    "one weight per class (weighted mean, as PyTorch's), or balanced:"
                                            + " n / (classes * count) of the training labels")
                            .choices("balanced"));
        }

        @Override
        public Loss create(Options options) {
            Object weights = options.get("class_weights");
            double smoothing = options.number("label_smoothing");
            if ("balanced".equals(weights)) {
                return new SoftmaxCrossEntropy(smoothing, null, true);
            }
            return new SoftmaxCrossEntropy(smoothing, weights == null ? null : floats(weights));
        }

        /** Balanced weights become the training labels' numbers; a list is checked against the classes. */
        @Override
        public Map<String, Object> fittedOptions(Options options, Dataset train) {
            Object weights = options.get("class_weights");
            if (weights == null || !train.isClassification()) {
                return null;
            }
            if (weights instanceof List<?> list) {
                if (list.size() != train.numClasses()) {
                    throw options.error(
                            "class_weights",
                            "has " + list.size() + " weights, but the data has " + train.numClasses()
                                    + " classes: give one weight per class, in the order of the classes, or use"
                                    + " balanced");
                }
                return null;
            }
            Map<String, Object> fitted = new LinkedHashMap<>();
            for (String name : options.values().keySet()) {
                if (options.isGiven(name)) {
                    fitted.put(name, options.get(name));
                }
            }
            fitted.put("class_weights", balanced(train, options));
            return fitted;
        }
    }

    /** A list of numbers, as floats. */
    static float[] floats(Object value) {
        List<?> list = (List<?>) value;
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
    }
}
